import { z } from "zod";

/**
 * A backend's reply to one request, typed once as a schema: backends build it, and the generation
 * cache parses it when it reads an entry back (an entry that does not match is a miss).
 */

export const FinishReasonSchema = z.enum(["stop", "length", "error"]);
export type FinishReason = z.infer<typeof FinishReasonSchema>;

export const TokenUsageSchema = z.object({ prompt: z.number().optional(), completion: z.number().optional() });
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** Sample statuses a generation can fail with. */
export const GenerationFailureSchema = z.enum(["generation_error", "generation_timeout", "context_overflow"]);
export type GenerationFailure = z.infer<typeof GenerationFailureSchema>;

export const GenerateReplySchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    text: z.string(),
    finishReason: FinishReasonSchema,
    usage: TokenUsageSchema.optional(),
    /** Generated tokens per second, as the runtime measured it. */
    tokensPerSecond: z.number().optional(),
    /** The runtime's own timings (llama-server's `timings`), milliseconds and counts. */
    timings: z.record(z.string(), z.number()).optional(),
    /** Wall time of the request to the runtime, retries included. */
    requestMs: z.number().optional(),
    /** The answer budget sent, and the asked-for one when the context forced it down. */
    maxTokens: z.number().optional(),
    clampedFrom: z.number().optional(),
  }),
  z.object({
    ok: z.literal(false),
    status: GenerationFailureSchema,
    error: z.string(),
  }),
]);
export type GenerateReply = z.infer<typeof GenerateReplySchema>;

import { z } from "zod";
import type { PreparedRequest } from "../prompt.js";
import type { ChatMessage, ChatRequest, GenerateReply } from "../types.js";
import { numericTimings, replyFrom } from "./reply.js";

const ChatReply = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.union([z.string(), z.array(z.object({ text: z.string().optional() })), z.null()]).optional() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullish(),
  timings: z.record(z.string(), z.unknown()).optional(),
});

/** A chat-completions body: the screenshot as a base64 data-URI part before the text, as LLaVA expects. */
export function chatBody(model: string, prepared: PreparedRequest, extra: Record<string, unknown>): Record<string, unknown> {
  const content = prepared.images.length
    ? [
        ...prepared.images.map((image) => ({ type: "image_url", image_url: { url: `data:image/png;base64,${image.toString("base64")}` } })),
        { type: "text", text: prepared.prompt },
      ]
    : prepared.prompt;
  return {
    model,
    messages: [{ role: "user", content }],
    ...prepared.sampling,
    ...(prepared.stop.length ? { stop: prepared.stop } : {}),
    ...extra,
  };
}

/**
 * A chat-completions body for given messages: each image a base64 data-URI part of its own media
 * type, in the order given. The request's own fields win over the spec's extra ones.
 */
export function messagesBody(model: string, request: ChatRequest, stop: string[], extra: Record<string, unknown>): Record<string, unknown> {
  return {
    model,
    messages: request.messages.map(wireMessage),
    ...request.sampling,
    ...(stop.length ? { stop } : {}),
    ...extra,
    ...request.body,
  };
}

function wireMessage({ role, content }: ChatMessage): Record<string, unknown> {
  if (typeof content === "string") return { role, content };
  return {
    role,
    content: content.map((part) =>
      part.type === "text"
        ? part
        : { type: "image_url", image_url: { url: `data:${part.mediaType};base64,${part.data.toString("base64")}` } },
    ),
  };
}

/** What chatReply needs to know of a chat request: its answer budget (no clamp applies). */
export function chatPrepared(request: ChatRequest, stop: string[]): PreparedRequest {
  return { prompt: "", images: [], sampling: request.sampling, stop };
}

export function chatReply(body: unknown, prepared: PreparedRequest, elapsedMs: number): GenerateReply {
  const parsed = ChatReply.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      status: "generation_error",
      error: `unexpected chat-completions reply: ${parsed.error.issues[0]?.message ?? "bad shape"}`,
    };
  const { choices, usage, timings } = parsed.data;
  const choice = choices[0]!;
  const content = choice.message.content;
  const text = typeof content === "string" ? content : (content ?? []).map((part) => part.text ?? "").join("");
  return replyFrom({
    text,
    truncated: choice.finish_reason === "length",
    usage: { prompt: usage?.prompt_tokens, completion: usage?.completion_tokens },
    timings: numericTimings(timings),
    prepared,
    elapsedMs,
  });
}

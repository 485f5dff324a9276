import { z } from "zod";
import { renderPrompt } from "../profiles.js";
import type { PreparedRequest } from "../prompt.js";
import type { GenerateReply } from "../types.js";
import { numericTimings, replyFrom } from "./reply.js";

/**
 * Where llama.cpp puts an image in a raw prompt: `mtmd_default_marker()`. Newer servers pick a
 * random marker per start (so a prompt's text cannot forge one) and tell it in `/props`.
 */
export const DEFAULT_MEDIA_MARKER = "<__media__>";

const CompletionReply = z.object({
  content: z.string(),
  stop_type: z.string().optional(),
  stopped_limit: z.boolean().optional(),
  tokens_evaluated: z.number().optional(),
  tokens_predicted: z.number().optional(),
  timings: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A body for llama-server's raw `/completion`: the profile's exact prompt text, the image sent as
 * multimodal data at the media marker, so no chat template stands between the profile and the model.
 */
export function completionBody(
  template: string,
  prepared: PreparedRequest,
  extra: Record<string, unknown>,
  mediaMarker = DEFAULT_MEDIA_MARKER,
): Record<string, unknown> {
  const { max_tokens, ...sampling } = prepared.sampling;
  const text = renderPrompt(template, prepared.prompt, mediaMarker, prepared.images.length);
  return {
    prompt: prepared.images.length
      ? { prompt_string: text, multimodal_data: prepared.images.map((image) => image.toString("base64")) }
      : text,
    n_predict: max_tokens,
    ...sampling,
    ...(prepared.stop.length ? { stop: prepared.stop } : {}),
    cache_prompt: true,
    ...extra,
  };
}

export function completionReply(body: unknown, prepared: PreparedRequest, elapsedMs: number): GenerateReply {
  const parsed = CompletionReply.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      status: "generation_error",
      error: `unexpected /completion reply: ${parsed.error.issues[0]?.message ?? "bad shape"}`,
    };
  const reply = parsed.data;
  return replyFrom({
    text: reply.content,
    truncated: reply.stop_type === "limit" || reply.stopped_limit === true,
    usage: { prompt: reply.tokens_evaluated, completion: reply.tokens_predicted },
    timings: numericTimings(reply.timings),
    prepared,
    elapsedMs,
  });
}

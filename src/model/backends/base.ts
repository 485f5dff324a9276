import type { ParsedSpec } from "../spec.js";
import type { GenerateReply, ModelBackend } from "../types.js";

/**
 * A backend for a parsed spec: the id is the spec's slug, and describe() records the spec,
 * profile and sampling beside whatever else fixes this backend's output (`details`).
 */
export function specBackend(
  parsed: ParsedSpec,
  generate: ModelBackend["generate"],
  details: Record<string, unknown> = {},
): ModelBackend {
  const { slug: id, kind, spec, profile, sampling } = parsed;
  return {
    id,
    sampling,
    describe: () => ({ id, kind, spec, ...(profile === undefined ? {} : { profile }), sampling, ...details }),
    generate,
  };
}

export function stopReply(text: string): GenerateReply {
  return { ok: true, text, finishReason: "stop" };
}

export function generationError(error: string): GenerateReply {
  return { ok: false, status: "generation_error", error };
}

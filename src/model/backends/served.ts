import { postJson } from "../http.js";
import { describeProfile, templateHash, type Profile } from "../profiles.js";
import { prepareRequest, type PreparedRequest } from "../prompt.js";
import type { ParsedSpec } from "../spec.js";
import type { GenerateReply, ModelBackend } from "../types.js";

/** How one HTTP API is spoken: the endpoint, the body for a prepared request, and the reading of its reply. */
export interface Wire {
  url: () => string;
  headers?: () => Record<string, string>;
  body: (prepared: PreparedRequest) => Record<string, unknown>;
  reply: (body: unknown, prepared: PreparedRequest, elapsedMs: number) => GenerateReply;
}

/** generate() for a model behind an HTTP server: prepare, POST with retries under the deadline, read. */
export function servedGenerate(profile: Profile, wire: Wire): ModelBackend["generate"] {
  return async (request, signal) => {
    const prepared = prepareRequest(profile, request);
    const started = performance.now();
    const result = await postJson(wire.url(), wire.body(prepared), { headers: wire.headers?.(), deadline: request.deadline, signal });
    if (!result.ok) return { ok: false, status: result.status, error: result.error };
    return wire.reply(result.body, prepared, performance.now() - started);
  };
}

/** `body.NAME=VALUE` spec parameters: extra request fields, each value JSON when it parses, else text. */
export function extraBodyFields(options: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options)
      .filter(([name]) => name.startsWith("body."))
      .map(([name, value]) => [name.slice("body.".length), parseValue(value)]),
  );
}

function parseValue(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** What the record keeps of a profile-driven backend: the profile, the sampling in force, extra body fields. */
export function profileDetails(parsed: ParsedSpec, profile: Profile, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    profile: describeProfile(profile),
    sampling: { ...profile.defaults, ...parsed.sampling },
    ...(Object.keys(extra).length ? { extraBody: extra } : {}),
  };
}

/**
 * A cache fingerprint from what fixes a backend's replies, when its sampling makes them
 * deterministic (temperature 0, or a fixed seed); else undefined.
 */
export function cacheFingerprint(
  parsed: ParsedSpec,
  profile: Profile,
  fixed: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const sampling = { ...profile.defaults, ...parsed.sampling };
  if (sampling.temperature !== 0 && sampling.seed === undefined) return undefined;
  return { kind: parsed.kind, template: templateHash(profile), sampling, ...fixed };
}

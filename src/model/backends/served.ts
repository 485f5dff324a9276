import { postJson } from "../http.js";
import { describeProfile, templateHash, type Profile } from "../profiles.js";
import { prepareRequest, type PreparedRequest } from "../prompt.js";
import type { ParsedSpec } from "../spec.js";
import type { ChatRequest, GenerateReply, ModelBackend } from "../types.js";
import { chatPrepared, chatReply, messagesBody } from "../wire/openai-chat.js";

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
    const result = await postJson(wire.url(), wire.body(prepared), {
      headers: wire.headers?.(),
      deadline: request.deadline,
      signal,
      onRetry: request.onRetry,
    });
    if (!result.ok) return { ok: false, status: result.status, error: result.error };
    return wire.reply(result.body, prepared, performance.now() - started);
  };
}

/** Where and how a backend's chat-completions endpoint is reached: chat() sends given messages there. */
export interface ChatEndpoint {
  url: () => string;
  headers?: () => Record<string, string>;
  model: string;
  stop: string[];
  /** The spec's `body.NAME` fields. */
  extra: Record<string, unknown>;
}

/** chat() for a model behind a chat-completions endpoint: the same POST, retries and deadline as generate(). */
export function servedChat(endpoint: ChatEndpoint): (request: ChatRequest, signal: AbortSignal) => Promise<GenerateReply> {
  return async (request, signal) => {
    const started = performance.now();
    const body = messagesBody(endpoint.model, request, endpoint.stop, endpoint.extra);
    const result = await postJson(endpoint.url(), body, { headers: endpoint.headers?.(), deadline: request.deadline, signal });
    if (!result.ok) return { ok: false, status: result.status, error: result.error };
    return chatReply(result.body, chatPrepared(request, endpoint.stop), performance.now() - started);
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

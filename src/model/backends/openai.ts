import { profileNamed } from "../profiles.js";
import type { ParsedSpec } from "../spec.js";
import type { ModelBackend } from "../types.js";
import { specBackend } from "./base.js";
import { cacheFingerprint, extraBodyFields, profileDetails, servedChat, servedGenerate } from "./served.js";
import { chatBody, chatReply } from "../wire/openai-chat.js";

/**
 * Any OpenAI-compatible chat-completions server. The server applies its own chat template; a
 * profile still sets the instruction, stop strings and the answer budget its context allows.
 */
export function createOpenAiBackend(parsed: Extract<ParsedSpec, { kind: "openai" }>): ModelBackend {
  const profile = profileNamed(parsed.profile ?? "server", parsed.spec);
  const extra = extraBodyFields(parsed.options);
  const keyVariable = parsed.options.key_env ?? "OPENAI_API_KEY";
  const url = `${parsed.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const headers = (): Record<string, string> => {
    const key = process.env[keyVariable];
    return key ? { authorization: `Bearer ${key}` } : {};
  };
  const generate = servedGenerate(profile, {
    url: () => url,
    headers,
    body: (prepared) => chatBody(parsed.model, prepared, extra),
    reply: chatReply,
  });
  const backend = specBackend(
    parsed,
    generate,
    { backend: "openai-chat-completions", model: parsed.model, ...profileDetails(parsed, profile, extra) },
    { baseUrl: parsed.baseUrl, apiKeyFrom: keyVariable },
  );
  // The server's model name and address stand for its weights, which the tool cannot see.
  const fingerprint = cacheFingerprint(parsed, profile, { model: parsed.model, baseUrl: parsed.baseUrl, extra });
  const chat = servedChat({ url: () => url, headers, model: parsed.model, stop: profile.stop, extra });
  return { ...backend, cacheFingerprint: () => fingerprint, chat };
}

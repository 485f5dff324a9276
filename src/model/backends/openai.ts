import { profileNamed } from "../profiles.js";
import type { ParsedSpec } from "../spec.js";
import type { ModelBackend } from "../types.js";
import { specBackend } from "./base.js";
import { cacheFingerprint, extraBodyFields, profileDetails, servedGenerate } from "./served.js";
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
  const generate = servedGenerate(profile, {
    url: () => url,
    headers: (): Record<string, string> => {
      const key = process.env[keyVariable];
      return key ? { authorization: `Bearer ${key}` } : {};
    },
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
  return { ...backend, cacheFingerprint: () => fingerprint };
}

import { answerBudget, type Profile } from "./profiles.js";
import { takesImage, type GenerateRequest, type SamplingParams } from "./types.js";

/** The answer budget of a question (task `qa`) when the spec sets none: Web2Code's WUB script generates up to 512 tokens. */
export const QA_MAX_TOKENS = 512;

/** What a model backend sends for one sample, before it is put in a server's wire format. */
export interface PreparedRequest {
  /** The instruction (screenshot task), the sample's description (text task) or its question (`qa`). */
  prompt: string;
  /** The screenshot, on the screenshot task only. */
  image: Buffer | null;
  /** The profile's defaults overlaid by the spec's values; `max_tokens` always set. */
  sampling: SamplingParams & { max_tokens: number };
  stop: string[];
  /** The asked-for `max_tokens` when the profile's context forced a smaller one. */
  clampedFrom?: number;
}

export function prepareRequest(profile: Profile, request: GenerateRequest): PreparedRequest {
  const withImage = takesImage(request.task);
  const prompt =
    request.task === "image2html"
      ? (profile.instruction ?? request.instruction)
      : request.task === "qa"
        ? (request.question ?? "")
        : (request.description ?? "");
  const requested = { ...(request.task === "qa" ? { max_tokens: QA_MAX_TOKENS } : {}), ...profile.defaults, ...request.sampling };
  const budget = answerBudget(profile, requested.max_tokens, withImage);
  return {
    prompt,
    image: withImage ? request.image : null,
    sampling: { ...requested, max_tokens: budget.maxTokens },
    stop: profile.stop,
    ...(budget.clampedFrom === undefined ? {} : { clampedFrom: budget.clampedFrom }),
  };
}

import { answerBudget, type Profile } from "./profiles.js";
import { TASK_DESCRIPTORS } from "../shared/tasks.js";
import type { GenerateRequest, SamplingParams } from "./types.js";

/** What a model backend sends for one sample, before it is put in a server's wire format. */
export interface PreparedRequest {
  /** The instruction (screenshot task), the sample's description (text task) or its question (`qa`). */
  prompt: string;
  /** The screenshots, in order, on the tasks whose model sees them; none on the others. */
  images: readonly Buffer[];
  /** The profile's defaults overlaid by the spec's values; `max_tokens` always set. */
  sampling: SamplingParams & { max_tokens: number };
  stop: string[];
  /** The asked-for `max_tokens` when the profile's context forced a smaller one. */
  clampedFrom?: number;
}

export function prepareRequest(profile: Profile, request: GenerateRequest): PreparedRequest {
  const task = TASK_DESCRIPTORS[request.task];
  const withImage = task.seesImage;
  const prompt = task.prompt(request, profile.instruction);
  const taskBudget = task.defaultMaxTokens === undefined ? {} : { max_tokens: task.defaultMaxTokens };
  const requested = { ...taskBudget, ...profile.defaults, ...request.sampling };
  const images = withImage ? (request.images ?? [request.image]) : [];
  const budget = answerBudget(profile, requested.max_tokens, images.length);
  return {
    prompt,
    images,
    sampling: { ...requested, max_tokens: budget.maxTokens },
    stop: profile.stop,
    ...(budget.clampedFrom === undefined ? {} : { clampedFrom: budget.clampedFrom }),
  };
}

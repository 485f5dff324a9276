import type { ParsedSpec } from "../spec.js";
import type { BaselineBackend, ReferenceKey } from "../types.js";
import { specParts, stopReply } from "./base.js";

/**
 * The upper bound: answers with the sample's own reference HTML, or its gold answer to a question.
 * A baseline, not a model: the answer comes from the dataset, as the {@link ReferenceKey} the
 * runner gives baselines alone; the request it is sent with carries no answer.
 */
export function createReferenceBackend(parsed: ParsedSpec): BaselineBackend {
  return { ...specParts(parsed), baseline: true, generate: async (_request, _signal, key) => stopReply(answerOf(key)) };
}

function answerOf(key: ReferenceKey): string {
  return "referenceAnswer" in key ? key.referenceAnswer : key.referenceHtml;
}

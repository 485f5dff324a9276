import type { ParsedSpec } from "../spec.js";
import type { ModelBackend } from "../types.js";
import { specBackend, stopReply } from "./base.js";

/** The upper bound: answers with the sample's own reference HTML, or its gold answer to a question. */
export function createReferenceBackend(parsed: ParsedSpec): ModelBackend {
  return specBackend(parsed, async (request) => stopReply(request.task === "qa" ? (request.referenceAnswer ?? "") : request.referenceHtml));
}

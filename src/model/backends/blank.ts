import { TASK_DESCRIPTORS } from "../../shared/tasks.js";
import type { ParsedSpec } from "../spec.js";
import type { ModelBackend } from "../types.js";
import { specBackend, stopReply } from "./base.js";

export const BLANK_HTML = TASK_DESCRIPTORS.image2html.output.empty;

/** The lower bound: an empty page whatever the screenshot, and an empty answer to a question. */
export function createBlankBackend(parsed: ParsedSpec): ModelBackend {
  return specBackend(parsed, async (request) => stopReply(TASK_DESCRIPTORS[request.task].output.empty));
}

import type { ParsedSpec } from "../spec.js";
import type { ModelBackend } from "../types.js";
import { specBackend, stopReply } from "./base.js";

export const BLANK_HTML = "<!DOCTYPE html><html><head></head><body></body></html>";

/** The lower bound: an empty page whatever the screenshot, and an empty answer to a question. */
export function createBlankBackend(parsed: ParsedSpec): ModelBackend {
  return specBackend(parsed, async (request) => stopReply(request.task === "qa" ? "" : BLANK_HTML));
}

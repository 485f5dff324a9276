import { DatasetError } from "../datasets/index.js";
import { ModelSpecError } from "../model/index.js";
import { RunInputError } from "../report/index.js";
import { RunDirError } from "../runner/index.js";

export const EXIT = { ok: 0, failure: 1, usage: 2, regression: 100 } as const;

/** Bad flags, config or input found by the CLI itself. */
export class UsageError extends Error {}

/** Exit code for an error that reached the top: bad input is 2, anything else a runtime failure. */
export function exitCodeFor(error: unknown): number {
  const badInput = [UsageError, DatasetError, ModelSpecError, RunDirError, RunInputError];
  return badInput.some((kind) => error instanceof kind) ? EXIT.usage : EXIT.failure;
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, " ").trim();
}

import { DatasetError } from "../datasets/index.js";
import { ModelSpecError } from "../model/index.js";
import { RunInputError } from "../report/index.js";
import { MergeError, RunDirError } from "../runner/index.js";

export const EXIT = { ok: 0, failure: 1, usage: 2, regression: 100 } as const;

/** Bad flags, config or input found by the CLI itself; its message is one line (line breaks from the input become spaces). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " "));
  }
}

/**
 * Thrown by a check after its full output is printed: not a failure of the tool, but the signal
 * a CI job acts on (exit 100), with its message as the one-line reason on stderr.
 */
export class RegressionFound extends Error {}

/** Exit code for an error that reached the top: a regression is 100, bad input 2, anything else a runtime failure. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof RegressionFound) return EXIT.regression;
  const badInput = [UsageError, DatasetError, ModelSpecError, RunDirError, RunInputError, MergeError];
  return badInput.some((kind) => error instanceof kind) ? EXIT.usage : EXIT.failure;
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();
}

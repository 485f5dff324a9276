import { BadInputError } from "../shared/index.js";

export const EXIT = { ok: 0, failure: 1, usage: 2, regression: 100 } as const;

/** Bad flags, config or input found by the CLI itself: exit 2, one line. */
export class UsageError extends BadInputError {}

/**
 * Thrown by a check after its full output is printed: not a failure of the tool, but the signal
 * a CI job acts on (exit 100), with its message as the one-line reason on stderr.
 */
export class RegressionFound extends Error {}

/** Exit code for an error that reached the top: a regression is 100, bad input 2, anything else a runtime failure. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof RegressionFound) return EXIT.regression;
  return error instanceof BadInputError ? EXIT.usage : EXIT.failure;
}

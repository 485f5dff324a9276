import { constants } from "node:os";
import { BadInputError } from "../shared/index.js";

export const EXIT = { ok: 0, failure: 1, usage: 2, regression: 100 } as const;

/** Bad flags, config or input found by the CLI itself: exit 2, one line. */
export class UsageError extends BadInputError {}

/**
 * Thrown by a check after its full output is printed: not a failure of the tool, but the signal
 * a CI job acts on (exit 100: a regression, or a threshold such as `--max-failures` passed), with
 * its message as the one-line reason on stderr.
 */
export class RegressionFound extends Error {}

/** A command stopped by a signal (Ctrl-C, SIGTERM): exit 128 + the signal's number, as a shell reports it (130 for Ctrl-C). */
export class Interrupted extends Error {
  constructor(
    message: string,
    readonly signal: "SIGINT" | "SIGTERM",
  ) {
    super(message);
  }
}

/** Exit code for an error that reached the top: a regression is 100, bad input 2, a signal 128 + its number, anything else a runtime failure. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof RegressionFound) return EXIT.regression;
  if (error instanceof Interrupted) return 128 + constants.signals[error.signal];
  return error instanceof BadInputError ? EXIT.usage : EXIT.failure;
}

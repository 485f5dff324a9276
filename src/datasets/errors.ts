import { BadInputError } from "../shared/index.js";

/** Bad dataset input: the message names the file and what is wrong, on one line. */
export class DatasetError extends BadInputError {}

/**
 * Every problem a dataset has, found in one pass, so a hand-written dataset is fixed in one try.
 * `problems` are one line each, naming the file (and the row and field); the message is the
 * first, with how many more there are.
 */
export class DatasetProblems extends DatasetError {
  constructor(
    readonly problems: readonly string[],
    total = problems.length,
  ) {
    super(total > 1 ? `${problems[0]} (and ${total - 1} more problems)` : (problems[0] ?? "no problems"));
  }
}

/** Enough for any fix; past it a broken column would list every row. */
const MAX_PROBLEMS = 100;

/** Collects a dataset's problems as they are found; {@link Problems.throwIfAny} ends the load. */
export class Problems {
  private readonly lines: string[] = [];
  private more = 0;

  add(line: string): void {
    if (this.lines.length < MAX_PROBLEMS) this.lines.push(new DatasetError(line).message);
    else this.more++;
  }

  get count(): number {
    return this.lines.length + this.more;
  }

  throwIfAny(): void {
    if (this.count === 0) return;
    const lines = this.more ? [...this.lines, `... and ${this.more} more problems`] : this.lines;
    throw new DatasetProblems(lines, this.count);
  }
}

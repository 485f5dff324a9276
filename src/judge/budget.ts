/**
 * The judge calls a run may make (`--judge-max-calls`), shared by every sample: each request
 * to the judge model takes one (re-asks included) before it is sent. Cache hits take none.
 */
export class CallBudget {
  private used = 0;

  constructor(readonly limit: number = Number.POSITIVE_INFINITY) {
    if (!(limit >= 0)) throw new Error(`a call budget must be >= 0, got ${limit}`);
  }

  /** Takes one call; false when none is left. */
  take(): boolean {
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  get spent(): number {
    return this.used;
  }
}

import type { TokenUsage } from "../model/index.js";
import type { JudgeTally, JudgeVerdict } from "../shared/index.js";

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

/** What the judge used over a run: calls, cache hits, errors, re-asks, tokens. */
export interface JudgeUsage {
  calls: number;
  verdicts: number;
  cachedVerdicts: number;
  errors: number;
  reasks: number;
  promptTokens: number;
  completionTokens: number;
}

/** A verdict's cost before its first request. */
export function emptyTally(): JudgeTally {
  return { calls: 0, reasks: 0, usage: { prompt: 0, completion: 0 }, ms: 0 };
}

/** The tally after one more request: a re-ask when it follows an unreadable reply. */
export function withCall(tally: JudgeTally, reask: boolean): JudgeTally {
  return { ...tally, calls: tally.calls + 1, reasks: tally.reasks + (reask ? 1 : 0) };
}

/** The tally with a reply's tokens added. */
export function withUsage(tally: JudgeTally, usage: TokenUsage | undefined): JudgeTally {
  return {
    ...tally,
    usage: { prompt: tally.usage.prompt + (usage?.prompt ?? 0), completion: tally.usage.completion + (usage?.completion ?? 0) },
  };
}

/** The run's totals, counted verdict by verdict as each is finished. */
export class UsageTotals {
  private readonly totals: JudgeUsage = {
    calls: 0,
    verdicts: 0,
    cachedVerdicts: 0,
    errors: 0,
    reasks: 0,
    promptTokens: 0,
    completionTokens: 0,
  };

  /** Adds a finished verdict and hands it back. */
  count(verdict: JudgeVerdict): JudgeVerdict {
    this.totals.verdicts++;
    this.totals.calls += verdict.calls;
    this.totals.reasks += verdict.reasks;
    this.totals.promptTokens += verdict.usage.prompt;
    this.totals.completionTokens += verdict.usage.completion;
    if (!verdict.ok) this.totals.errors++;
    else if (verdict.cached) this.totals.cachedVerdicts++;
    return verdict;
  }

  get(): JudgeUsage {
    return { ...this.totals };
  }
}

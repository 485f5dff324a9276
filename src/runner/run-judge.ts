import { join } from "node:path";
import { createJudge, judgeAgreement, loadRubric, type Judge, type JudgeOptions } from "../judge/index.js";
import { modelIdentity, type ModelRecord, type Results, type SampleRecord } from "../results/index.js";
import { CacheStore } from "./cache-store.js";
import type { RunPlan } from "./plan.js";

/** A judge ready to be made for each model's run, checked before any work. */
export interface JudgePlan {
  /** The judge of one run, its call budget reduced by the calls an earlier session of the run spent. */
  create(spentCalls: number): Promise<Judge>;
  /** What fixes the verdicts: a continued run must share it. */
  identity: Record<string, unknown>;
}

/**
 * Checks the judge's spec and rubric (bad input, exit 2, before anything is written) and plans
 * its runs. Verdicts are cached like generations (the judge caches only deterministic ones).
 */
export async function planJudge(
  plan: Pick<RunPlan, "rubric" | "judgeMaxCalls" | "judgeChecks" | "cacheRoot" | "cache"> & { judge: string },
): Promise<JudgePlan> {
  const store = new CacheStore(join(plan.cacheRoot, "judge"));
  const options: JudgeOptions = {
    spec: plan.judge,
    cacheRoot: plan.cacheRoot,
    rubric: loadRubric(plan.rubric),
    ...(plan.judgeChecks ? { checks: { repeat: plan.judgeChecks.includes("repeat"), swap: plan.judgeChecks.includes("swap") } } : {}),
    ...(plan.cache
      ? { cache: { get: (key) => store.read(key, "json")?.toString("utf8"), put: (key, text) => store.write(key, "json", text) } }
      : {}),
  };
  const described = (await createJudge(options)).describe();
  return {
    create: (spent) =>
      createJudge({ ...options, ...(plan.judgeMaxCalls === undefined ? {} : { maxCalls: Math.max(0, plan.judgeMaxCalls - spent) }) }),
    identity: judgeIdentity(described),
  };
}

/** A judge's description without where it runs: its model's identity, the rubric, its sampling and checks. */
export function judgeIdentity(described: Record<string, unknown>): Record<string, unknown> {
  const { backend, rubric, sampling, checks, maxReasks } = described as { backend: ModelRecord } & Record<string, unknown>;
  return { backend: modelIdentity(backend), rubric, sampling, checks, maxReasks };
}

/** What results.json keeps of a judge's description (its usage and agreement are made from the records). */
export interface JudgeDescription {
  spec: string;
  backend: ModelRecord;
  rubric: { sha256: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** A judge's own description, as results.json keeps it. */
export function describeJudge(judge: Judge): JudgeDescription {
  return judge.describe() as JudgeDescription;
}

/** Every verdict of a sample: the main one and the checks'. */
function verdicts(record: SampleRecord) {
  const judge = record.judge;
  return judge ? [judge.verdict, ...(judge.repeat ? [judge.repeat] : []), ...(judge.swapped ? [judge.swapped] : [])] : [];
}

/** The calls a run's records spent on the judge (cached verdicts spent none). */
export function judgeCalls(records: readonly SampleRecord[]): number {
  return records.flatMap(verdicts).reduce((sum, verdict) => sum + verdict.calls, 0);
}

/**
 * results.json's `judge`: its description, what the whole run used (over every session, from the
 * records), and how far it can be trusted (agreement with itself, in both orders, and with pixel_similarity).
 */
export function judgeSummary(described: JudgeDescription, records: readonly SampleRecord[]): NonNullable<Results["judge"]> {
  const all = records.flatMap(verdicts);
  const judged = records.flatMap((record) => (record.judge ? [{ judge: record.judge, metrics: record.metrics }] : []));
  return {
    ...described,
    usage: {
      verdicts: records.filter((record) => record.judge).length,
      calls: all.reduce((sum, verdict) => sum + verdict.calls, 0),
      cachedVerdicts: all.filter((verdict) => verdict.ok && verdict.cached).length,
      errors: all.filter((verdict) => !verdict.ok).length,
      reasks: all.reduce((sum, verdict) => sum + verdict.reasks, 0),
      promptTokens: all.reduce((sum, verdict) => sum + verdict.usage.prompt, 0),
      completionTokens: all.reduce((sum, verdict) => sum + verdict.usage.completion, 0),
    },
    agreement: judgeAgreement(judged),
  };
}

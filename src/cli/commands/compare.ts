import { InvalidArgumentError, type Command } from "commander";
import type { Assertion, Baseline } from "../../report/index.js";
import { loadConfig, type AssertionConfig } from "../config.js";
import { RegressionFound, UsageError } from "../errors.js";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput } from "../output.js";

interface CompareFlags extends CommonFlags {
  baseline: string;
  current: string;
  maxDrop?: number;
  allowDatasetChange?: boolean;
  baselineModel?: string;
  seed: number;
}

function maxDrop(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number >= 0");
  return n;
}

/** The generator takes a 32-bit seed: a larger one would silently collide with a smaller. */
function seed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 0xffffffff) throw new InvalidArgumentError("expected an integer from 0 to 4294967295");
  return n;
}

export function registerCompare(program: Command): void {
  withExamples(
    addOutputFlags(
      program
        .command("compare")
        .description(
          "regression check of a run against a baseline: per metric the mean change with a paired bootstrap 95% interval; " +
            "Markdown on stdout, exit 100 when a metric at level error regresses",
        )
        .requiredOption("--baseline <RUN>", "baseline run (folder or results.json), or a leaderboard JSON file")
        .requiredOption("--current <RUN>", "run to check (folder or results.json)")
        .option("--max-drop <X>", "tolerated drop of every metric's mean, replacing web2code.config.json's (default 0.01)", maxDrop)
        .option("--allow-dataset-change", "compare runs on datasets with different fingerprints (the shared samples only)")
        .option("--baseline-model <ID>", "the leaderboard entry to compare with (default: the current run's model id)")
        .option("--seed <N>", "bootstrap seed", seed, 1),
    ),
    "compare --baseline reports/main/boxes --current reports/pr/boxes",
    "compare --baseline main/results.json --current pr --max-drop 0.02 --json",
    "compare --baseline leaderboard.json --current reports/nightly --baseline-model boxes",
  ).action(async (flags: CompareFlags) => {
    const { compareMarkdown, compareRuns, DEFAULT_ASSERTION, readBaseline } = await import("../../report/index.js");
    const { readRun } = await import("../../results/index.js");
    const current = readRun(flags.current);
    const baseline = readBaseline(flags.baseline, flags.baselineModel ?? current.results.model.id);
    if (flags.baselineModel !== undefined && baseline.kind === "run") {
      throw new UsageError(`--baseline-model picks a leaderboard entry, but ${flags.baseline} is a run`);
    }
    const before = fingerprint(baseline);
    const after = current.results.dataset.fingerprint;
    if (before !== after && !flags.allowDatasetChange) {
      throw new UsageError(
        `different datasets: baseline fingerprint ${before}, current ${after}; pass --allow-dataset-change to compare the samples they share`,
      );
    }
    const configured = loadConfig().compare?.assertions ?? {};
    const comparison = compareRuns(baseline, current, {
      seed: flags.seed,
      assertion: (id) => assertion(configured[id], flags.maxDrop, DEFAULT_ASSERTION),
    });
    createOutput(flags).result(comparison, compareMarkdown(comparison));
    if (comparison.failed) {
      const regressed = comparison.metrics.filter((m) => m.verdict === "regression" && m.level === "error").map((m) => m.id);
      throw new RegressionFound(`regression in ${regressed.join(", ")}`);
    }
  });
}

function fingerprint(baseline: Baseline): string {
  return baseline.kind === "run" ? baseline.run.results.dataset.fingerprint : baseline.dataset.fingerprint;
}

/** A metric's configured assertion (default where none), its max drop replaced by --max-drop when given. */
function assertion(configured: AssertionConfig | undefined, maxDropFlag: number | undefined, fallback: Assertion): Assertion {
  const [level, options] = typeof configured === "string" ? [configured, {}] : (configured ?? [fallback.level, {}]);
  return { level, maxDrop: maxDropFlag ?? options.maxDrop ?? fallback.maxDrop };
}

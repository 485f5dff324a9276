import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import { checkWritable, fsReason, TOOL, writeFileAtomic } from "../../shared/index.js";
import { UsageError } from "../errors.js";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput } from "../output.js";

interface LeaderboardFlags extends CommonFlags {
  out: string;
}

export function registerLeaderboard(program: Command): void {
  withExamples(
    addOutputFlags(
      program
        .command("leaderboard")
        .argument("<RUN...>", "run folders or their results.json, one per model, all on one dataset and task")
        .description(
          "export a leaderboard JSON (one entry per model, every aggregate with its 95% interval), valid against schemas/leaderboard.schema.json",
        )
        .requiredOption("--out <FILE.json>", "leaderboard file to write (replaced atomically)"),
    ),
    "leaderboard reports/nightly/reference reports/nightly/boxes reports/nightly/blank --out leaderboard.json",
    "leaderboard reports/*/results.json --out site/leaderboard.json --json",
  ).action(async (runs: string[], flags: LeaderboardFlags) => {
    const { buildLeaderboard } = await import("../../report/index.js");
    const { readRun } = await import("../../results/index.js");
    const output = createOutput(flags);
    // Everything is read and checked before anything is written: a refusal leaves no file behind.
    const leaderboard = buildLeaderboard(
      runs.map((run) => readRun(run)),
      { tool: TOOL },
    );
    const out = checkWritable(flags.out, UsageError, "file");
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileAtomic(out, `${JSON.stringify(leaderboard, null, 2)}\n`);
    } catch (error) {
      throw new UsageError(`${out}: cannot write (${fsReason(error)})`);
    }
    output.log(
      `leaderboard: ${leaderboard.entries.length} model(s) on ${leaderboard.dataset.id} (${leaderboard.dataset.fingerprint}), task ${leaderboard.task}`,
    );
    output.result({ out, entries: leaderboard.entries.length }, out);
  });
}

import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import type { Baseline } from "./compare.js";
import { RunInputError, readRun } from "../results/index.js";
import { parseWith } from "../shared/index.js";

/** The part of a leaderboard file an unpaired comparison reads; the leaderboard command owns the full shape. */
const LeaderboardSchema = z.looseObject({
  schemaVersion: z.number().int(),
  dataset: z.looseObject({ id: z.string(), fingerprint: z.string() }),
  metrics: z.record(z.string(), z.looseObject({ version: z.number() })).optional(),
  entries: z.array(
    z.looseObject({
      id: z.string(),
      aggregates: z.record(z.string(), z.looseObject({ mean: z.number(), stderr: z.number(), n: z.number().int() })),
    }),
  ),
});

/**
 * A baseline given as a run (folder or results.json) or as a leaderboard file, told apart by the
 * leaderboard's `entries` and `schemaVersion`; from a leaderboard, the entry named `model`.
 */
export function readBaseline(path: string, model: string): Baseline {
  const file = resolve(path);
  const json = statSync(file, { throwIfNoEntry: false })?.isFile() ? jsonOrUndefined(file) : undefined;
  if (!isLeaderboard(json)) return { kind: "run", run: readRun(path) };
  const leaderboard = parseWith(LeaderboardSchema, json, `${file}: leaderboard`, RunInputError);
  const entry = leaderboard.entries.find((e) => e.id === model);
  if (!entry) {
    const ids = leaderboard.entries.map((e) => e.id).join(", ") || "none";
    throw new RunInputError(`${file}: no leaderboard entry "${model}" (entries: ${ids}); choose one with --baseline-model`);
  }
  const { id, fingerprint } = leaderboard.dataset;
  const metrics = leaderboard.metrics ?? {};
  return { kind: "leaderboard", file, dataset: { id, fingerprint }, metrics, entry: { id: entry.id, aggregates: entry.aggregates } };
}

/** Unreadable or invalid JSON is left to readRun, whose messages say what a run needs. */
function jsonOrUndefined(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

function isLeaderboard(json: unknown): boolean {
  return typeof json === "object" && json !== null && Array.isArray((json as { entries?: unknown }).entries) && "schemaVersion" in json;
}

import { z } from "zod";
import { loadDataset, type Dataset, type LoadOptions } from "../datasets/index.js";
import type { LoadedRun } from "../results/index.js";
import { oneLine } from "../shared/index.js";

/** How a run says its dataset was read (`--columns`, `--images`), when it does. */
const RecordedOptions = z.object({ columns: z.record(z.string(), z.string()).optional(), images: z.string().optional() });

/** The options the runs recorded for their dataset (none for runs of older versions). */
export function recordedOptions(runs: readonly LoadedRun[]): LoadOptions {
  const parsed = RecordedOptions.safeParse((runs[0]?.results.dataset as { options?: unknown } | undefined)?.options ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * The runs' dataset from a path they recorded (runs made on other machines may record one that
 * is not here), read as they read it; only when its fingerprint is the runs' own. Otherwise the
 * reasons, one per path tried.
 */
export async function recordedDataset(
  runs: readonly LoadedRun[],
  override?: string,
): Promise<{ dataset: Dataset } | { problems: string[] }> {
  const fingerprint = runs[0]?.results.dataset.fingerprint;
  const recorded = runs.map((run) => run.results.dataset.root).filter((root): root is string => typeof root === "string");
  const candidates = override === undefined ? [...new Set(recorded)] : [override];
  const problems: string[] = [];
  for (const spec of candidates) {
    let dataset: Dataset;
    try {
      dataset = await loadDataset(spec, recordedOptions(runs));
    } catch (error) {
      problems.push(oneLine(error));
      continue;
    }
    if (dataset.fingerprint === fingerprint) return { dataset };
    problems.push(`${spec} has fingerprint ${dataset.fingerprint}, the runs ${fingerprint}`);
  }
  return { problems };
}

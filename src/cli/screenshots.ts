import type { Dataset } from "../datasets/index.js";
import { loadDataset } from "../datasets/index.js";
import type { LoadedRun } from "../results/index.js";
import { oneLine } from "../shared/index.js";

/** Where a report finds the screenshots the models were shown, or why it cannot. */
export interface Screenshots {
  lookup?: (sampleId: string) => string | undefined;
  note?: string;
}

export function datasetScreenshots(dataset: Dataset): Screenshots {
  const paths = new Map(dataset.samples.map((sample) => [sample.id, sample.imagePath]));
  return { lookup: (id) => paths.get(id) };
}

/**
 * The runs' dataset, from `--dataset` or a folder a run recorded (runs made on other machines may
 * record one that is not here); used only when its fingerprint is the runs' own, so a report never
 * shows another dataset's pictures.
 */
export function screenshotsFor(runs: readonly LoadedRun[], override?: string): Screenshots {
  const fingerprint = runs[0]?.results.dataset.fingerprint;
  const recorded = runs
    .map((run) => (run.results.dataset as { root?: unknown }).root)
    .filter((root): root is string => typeof root === "string");
  const candidates = override === undefined ? [...new Set(recorded)] : [override];
  if (candidates.length === 0)
    return { note: "Reference screenshots are not shown: the runs do not say where their dataset is (give --dataset D)." };
  const problems: string[] = [];
  for (const spec of candidates) {
    let dataset: Dataset;
    try {
      dataset = loadDataset(spec);
    } catch (error) {
      problems.push(oneLine(error));
      continue;
    }
    if (dataset.fingerprint === fingerprint) return datasetScreenshots(dataset);
    problems.push(`${spec} has fingerprint ${dataset.fingerprint}, the runs ${fingerprint}`);
  }
  return { note: `Reference screenshots are not shown: ${problems.join("; ")} (give --dataset D).` };
}

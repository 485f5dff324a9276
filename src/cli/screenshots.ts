import type { Dataset } from "../datasets/index.js";
import { loadDataset } from "../datasets/index.js";
import type { LoadedRun } from "../report/index.js";
import { oneLine } from "./errors.js";

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
 * The runs' dataset, from `--dataset` or the folder results.json recorded; used only when its
 * fingerprint is the runs' own, so a report never shows another dataset's pictures.
 */
export function screenshotsFor(runs: readonly LoadedRun[], override?: string): Screenshots {
  const recorded = runs[0]?.results.dataset as { root?: unknown; fingerprint: string } | undefined;
  const spec = override ?? (typeof recorded?.root === "string" ? recorded.root : undefined);
  if (!recorded || spec === undefined) return { note: "Reference screenshots are not shown: the runs do not say where their dataset is (give --dataset D)." };
  let dataset: Dataset;
  try {
    dataset = loadDataset(spec);
  } catch (error) {
    return { note: `Reference screenshots are not shown: ${oneLine(error)} (give --dataset D).` };
  }
  if (dataset.fingerprint !== recorded.fingerprint) {
    return { note: `Reference screenshots are not shown: ${spec} has fingerprint ${dataset.fingerprint}, the runs ${recorded.fingerprint}.` };
  }
  return datasetScreenshots(dataset);
}

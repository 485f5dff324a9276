import type { Dataset } from "../datasets/index.js";
import type { ReferenceStates } from "../report/index.js";
import type { LoadedRun } from "../results/index.js";
import { recordedDataset } from "./runs-dataset.js";

/** Where a report finds the screenshots the models were shown, or why it cannot. */
export interface Screenshots {
  /** A sample's screenshot (PNG bytes: a file's, or a parquet row's), or undefined for an id the dataset lacks. */
  lookup?: (sampleId: string) => Promise<Buffer | undefined>;
  /** Task `interaction`: a sample's screenshots before and after interaction N. */
  states?: ReferenceStates;
  note?: string;
}

export function datasetScreenshots(dataset: Dataset): Screenshots {
  const samples = new Map(dataset.samples.map((sample) => [sample.id, sample]));
  return {
    lookup: async (id) => samples.get(id)?.readImage(),
    states: async (id, index) => {
      const interaction = samples.get(id)?.interactions?.find((candidate) => candidate.index === index);
      return interaction && { before: await interaction.readBefore(), after: await interaction.readAfter() };
    },
  };
}

/**
 * The runs' dataset, from `--dataset` or a path a run recorded; used only when its fingerprint is
 * the runs' own, so a report never shows another dataset's pictures.
 */
export async function screenshotsFor(runs: readonly LoadedRun[], override?: string): Promise<Screenshots> {
  if (override === undefined && !runs.some((run) => typeof run.results.dataset.root === "string")) {
    return {
      note: "The dataset's screenshots (what the models saw) are not shown: the runs do not say where their dataset is (give --dataset D).",
    };
  }
  const found = await recordedDataset(runs, override);
  if ("dataset" in found) return datasetScreenshots(found.dataset);
  return { note: `The dataset's screenshots (what the models saw) are not shown: ${found.problems.join("; ")} (give --dataset D).` };
}

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { datasetScreenshots, screenshotsFor } from "../../src/cli/screenshots.js";
import { loadDataset, type Dataset, type SampleInteraction } from "../../src/datasets/index.js";
import { type LoadedRun } from "../../src/results/index.js";
import { makeDataset } from "../helpers/dataset.js";
import { record, results } from "../helpers/runs.js";

function runOn(fingerprint: string, root?: string): LoadedRun {
  const built = results("m", [record("a", 1)]);
  built.dataset = { ...built.dataset, fingerprint, ...(root === undefined ? {} : { root }) };
  return { dir: "/runs/m", results: built, records: [record("a", 1)] };
}

describe("screenshotsFor", async () => {
  const root = makeDataset({ a: "<p>a</p>" });
  const dataset = await loadDataset(root);
  const png = readFileSync(join(root, "screenshots", "a.png"));

  it("finds the screenshots in the first recorded folder that holds the runs' dataset", async () => {
    const found = await screenshotsFor([runOn(dataset.fingerprint, "/moved/away"), runOn(dataset.fingerprint, root)]);
    expect(found.note).toBeUndefined();
    expect(await found.lookup?.("a")).toEqual(png);
    expect(await found.lookup?.("zz")).toBeUndefined();
  });

  it("shows none, and says why, for another dataset or none recorded", async () => {
    expect((await screenshotsFor([runOn("sha256:other", root)])).note).toBe(
      `The dataset's screenshots (what the models saw) are not shown: ${root} has fingerprint ${dataset.fingerprint}, the runs sha256:other (give --dataset D).`,
    );
    expect((await screenshotsFor([runOn(dataset.fingerprint)])).note).toBe(
      "The dataset's screenshots (what the models saw) are not shown: the runs do not say where their dataset is (give --dataset D).",
    );
    expect(await (await screenshotsFor([runOn(dataset.fingerprint)], root)).lookup?.("a")).toEqual(png);
  });
});

describe("datasetScreenshots", () => {
  it("gives an interaction's states before and after it by sample id and index, and nothing for one the dataset lacks", async () => {
    const state = (name: string) => async () => Buffer.from(name);
    const interaction = (index: number, before: string, after: string) =>
      ({ index, before, after, readBefore: state(before), readAfter: state(after) }) as unknown as SampleInteraction;
    const dataset = {
      samples: [
        { id: "p1", readImage: state("0"), interactions: [interaction(1, "0", "1"), interaction(2, "0", "2")] },
        { id: "still", readImage: state("s") },
      ],
    } as unknown as Dataset;
    const { states } = datasetScreenshots(dataset);
    expect(await states?.("p1", 2)).toEqual({ before: Buffer.from("0"), after: Buffer.from("2") });
    expect(await states?.("p1", 3)).toBeUndefined();
    expect(await states?.("still", 1)).toBeUndefined();
    expect(await states?.("zz", 1)).toBeUndefined();
  });
});

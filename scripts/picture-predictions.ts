/**
 * `npx tsx scripts/picture-predictions.ts DATASET OUT`: writes, for each sample of a dataset, a
 * prediction `OUT/<id>.html` that is only the sample's screenshot as an inline <img>: the page a
 * model that copies the picture would write. Scored with `score --task interaction`, it implements
 * no interaction by construction (docs/measured.md, "Interactions").
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadDataset } from "../src/datasets/index.js";

const [datasetSpec, out] = process.argv.slice(2);
if (!datasetSpec || !out) throw new Error("usage: npx tsx scripts/picture-predictions.ts DATASET OUT");
const dataset = await loadDataset(datasetSpec);
mkdirSync(out, { recursive: true });
for (const sample of dataset.samples) {
  const png = (await sample.readImage()).toString("base64");
  writeFileSync(
    join(out, `${sample.id}.html`),
    `<!DOCTYPE html><html><body style="margin:0"><img style="width:100%" src="data:image/png;base64,${png}"></body></html>\n`,
  );
}
console.log(`${dataset.samples.length} pictures of pages in ${out}`);

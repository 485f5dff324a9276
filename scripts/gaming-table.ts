// The gaming table of docs/metrics.md: predictions written to fool the scores (test/helpers/gaming.ts),
// scored beside the baseline panel by the real CLI in one run, printed as Markdown.
//
//   npm run table:gaming [-- --dataset mini] [--limit N] [--out DIR]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gamingTable, scoreGamingCorpus } from "../test/helpers/gaming.js";

const { values } = parseArgs({
  options: { dataset: { type: "string", default: "mini" }, limit: { type: "string" }, out: { type: "string" } },
});
const out = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), "w2c-gaming-"));
const scores = await scoreGamingCorpus({
  dataset: values.dataset,
  limit: values.limit === undefined ? undefined : Number(values.limit),
  out,
});
console.log(`${scores.samples.length} samples of ${values.dataset}, runs in ${join(out, "runs")}\n`);
console.log(gamingTable(scores));

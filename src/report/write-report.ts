import { mkdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { buildGallery } from "./html/gallery.js";
import type { ReferenceStates } from "./html/interaction-strip.js";
import { PictureStore } from "./html/picture-store.js";
import { reportPage } from "./html/page.js";
import { reportMarkdown } from "./markdown.js";
import { LoadedRun, RunInputError } from "../results/index.js";

export interface ReportOptions {
  outDir: string;
  /** `report` (report.html, report.md, report-assets/) or `comparison` for `run`'s own. */
  name: string;
  title: string;
  /** A sample's screenshot (PNG bytes) from its dataset, when the dataset is at hand: what the model was shown. */
  screenshot?: (sampleId: string) => Promise<Buffer | undefined>;
  /** Task `interaction`: the dataset's screenshots before and after an interaction, when the dataset is at hand. */
  referenceStates?: ReferenceStates;
  /** Why the gallery shows no screenshots, when it cannot. */
  screenshotNote?: string;
  /** Writes a file whole or not at all. */
  writeFile: (path: string, content: string) => void;
}

export interface WrittenReport {
  html: string;
  markdown: string;
  assets: string;
  samples: number;
}

/**
 * Writes the HTML and Markdown reports over finished runs, with the gallery's pictures as files
 * beside them named by content. Runs of different datasets are not compared.
 */
export async function writeReport(runs: readonly LoadedRun[], options: ReportOptions): Promise<WrittenReport> {
  const [first, ...others] = runs;
  if (!first) throw new RunInputError("no runs to report on");
  const stranger = others.find((run) => run.results.dataset.fingerprint !== first.results.dataset.fingerprint);
  if (stranger) {
    throw new RunInputError(
      `${stranger.dir}: dataset ${stranger.results.dataset.id} (${stranger.results.dataset.fingerprint}) differs from ${first.dir}'s (${first.results.dataset.fingerprint}); report on runs of one dataset`,
    );
  }
  const assetsName = `${options.name}-assets`;
  const assetsDir = join(options.outDir, assetsName);
  // Pictures of an earlier report in the same place go: only this report's remain.
  rmSync(assetsDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const links = runs.map((run) => relative(options.outDir, run.dir).split("\\").join("/") || ".");
  const gallery = await buildGallery(runs, new PictureStore(assetsDir, assetsName), options.screenshot, options.referenceStates);
  const html = join(options.outDir, `${options.name}.html`);
  const markdown = join(options.outDir, `${options.name}.md`);
  options.writeFile(markdown, reportMarkdown(options.title, runs, links));
  options.writeFile(html, reportPage({ title: options.title, runs, links, gallery, screenshotNote: options.screenshotNote }));
  return { html, markdown, assets: assetsDir, samples: gallery.length };
}

import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";
import { metricIds } from "../table.js";
import { blockMatchSvg } from "./blocks.js";
import { PictureStore, encode, heatmap, thumbnail } from "./images.js";
import { LoadedRun, metricValue, sampleScore } from "../../results/index.js";

/** The prediction's HTML shown inline up to this many characters; the whole of it is a text file beside. */
const SOURCE_PREVIEW = 3000;

/** One model's answer to one sample, as the gallery shows it. */
export interface GalleryItem {
  model: string;
  modelIndex: number;
  sampleId: string;
  status: string;
  error?: string;
  /** The mean over metrics, failures 0: what "worst first" sorts by. */
  score: number;
  metrics: Record<string, number>;
  reference?: string;
  render?: string;
  diff?: string;
  source?: { preview: string; link: string; truncated: boolean };
  /** The d2c_* matching drawn over both pictures, when the sample has it and both pictures exist. */
  blocks?: string;
}

/**
 * Every sample of every run with its pictures (reference screenshot, the prediction's render,
 * their pixelmatch heatmap) and its HTML as text, worst first. `referenceImage` reads a sample's
 * screenshot (PNG bytes) from the dataset, when the dataset is at hand.
 */
export async function buildGallery(
  runs: readonly LoadedRun[],
  assets: PictureStore,
  referenceImage?: (sampleId: string) => Promise<Buffer | undefined>,
): Promise<GalleryItem[]> {
  const ids = metricIds(runs.map((run) => run.results));
  const limit = pLimit(availableParallelism());
  const references = new Map<string, Promise<Awaited<ReturnType<typeof thumbnail>> | undefined> | undefined>();
  const referenceOf = (sampleId: string) => {
    if (!references.has(sampleId)) {
      references.set(
        sampleId,
        referenceImage?.(sampleId).then((png) => (png ? thumbnail(png) : undefined)),
      );
    }
    return references.get(sampleId);
  };
  const items = await Promise.all(
    runs.flatMap((run, modelIndex) =>
      run.records.map((record) =>
        limit(async (): Promise<GalleryItem> => {
          const item: GalleryItem = {
            model: run.results.model.id,
            modelIndex,
            sampleId: record.id,
            status: record.status,
            ...(record.error === undefined ? {} : { error: record.error }),
            score: sampleScore(record, ids),
            metrics: Object.fromEntries(ids.map((id) => [id, metricValue(record, id)])),
          };
          const reference = await referenceOf(record.id)?.catch(() => undefined);
          if (reference) item.reference = assets.put(await encode(reference), "webp");
          const renderFile = join(run.dir, "renders", `${record.id}.png`);
          if (existsSync(renderFile)) {
            const render = await thumbnail(renderFile);
            item.render = assets.put(await encode(render), "webp");
            if (reference) item.diff = assets.put(await encode(heatmap(reference, render)), "webp");
            if (reference && item.reference && record.d2c) {
              item.blocks = blockMatchSvg(record.d2c, { ...reference, src: item.reference }, { ...render, src: item.render });
            }
          }
          const sourceFile = join(run.dir, "predictions", `${record.id}.html`);
          if (existsSync(sourceFile)) {
            const html = readFileSync(sourceFile, "utf8");
            // A .txt file: opened from the report it shows as text, never as a page.
            item.source = {
              preview: html.slice(0, SOURCE_PREVIEW),
              link: assets.put(html, "txt"),
              truncated: html.length > SOURCE_PREVIEW,
            };
          }
          return item;
        }),
      ),
    ),
  );
  return items.sort((a, b) => a.score - b.score || a.modelIndex - b.modelIndex || a.sampleId.localeCompare(b.sampleId));
}

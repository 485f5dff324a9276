import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";
import { Piscina } from "piscina";
import { metricIds } from "../table.js";
import { blockMatchSvg, type RenderFrame } from "./blocks.js";
import type { PictureStore } from "./picture-store.js";
import type { EncodedPicture } from "./images.js";
import { interactionCard, readReferenceStates, type InteractionCard, type ReferenceStates } from "./interaction-strip.js";
import type { CardPictures, SamplePictures, SamplePicturesTask } from "./picture-worker.js";
import {
  LoadedRun,
  metricValue,
  SAMPLE_FILES,
  sampleFile,
  sampleScore,
  scoredViewports,
  stateFile,
  type SampleRecord,
} from "../../results/index.js";
import { workerModule } from "../../shared/index.js";
import { splitViewportMetricId } from "../../shared/viewports.js";

/** The prediction's HTML shown inline up to this many characters; the whole of it is a text file beside. */
const SOURCE_PREVIEW = 3000;

/** A page's picture in the report's assets, with the page's own size. */
export interface PagePicture {
  src: string;
  width: number;
  height: number;
}

/** One model's answer to one sample, as the gallery shows it. */
export interface GalleryItem {
  model: string;
  modelIndex: number;
  sampleId: string;
  /** The run's task: on text2html the model was given the description, not the screenshot. */
  task: string;
  status: string;
  error?: string;
  /** The mean over metrics, failures 0: what "worst first" sorts by. */
  score: number;
  metrics: Record<string, number>;
  /** The dataset's screenshot: what the model was shown (not what was scored). */
  screenshot?: PagePicture & { shownHeight: number };
  scored?: ScoredPictures;
  /** Why the reference render is not shown, when it is not. */
  referenceMissing?: string;
  source?: { preview: string; link: string; truncated: boolean };
  /** The d2c_* matching drawn over both renders, when the sample has it and both renders are there. */
  blocks?: string;
  /** Task `interaction`: a strip of states per interaction, in place of the pictures above. */
  interaction?: InteractionCard;
  /** `--viewports`: the two renders and the scores at each viewport after the run's own. */
  viewports?: ViewportItem[];
}

/** One viewport after the run's own: its renders as scored there, and its scores under the metrics' own ids. */
export interface ViewportItem {
  name: string;
  scored?: ScoredPictures;
  referenceMissing?: string;
  metrics: Record<string, number>;
}

/** The two renders as the scores compared them, on the compared canvas, with the pixel score's own difference. */
export interface ScoredPictures {
  canvas: { width: number; height: number; shownHeight: number };
  reference?: PagePicture;
  prediction?: PagePicture;
  difference?: string;
}

interface Card {
  run: LoadedRun;
  modelIndex: number;
  record: SampleRecord;
  /** The run folder keeps reference renders (runs written before it did have none). */
  keepsReferences: boolean;
}

const WORKER = workerModule("picture-worker", import.meta.url);

/**
 * Every sample of every run with its pictures (the screenshot the model saw; the reference's and
 * the prediction's renders as scored, on the compared canvas; the pixel score's difference of the
 * two) and its HTML as text, worst first. The pictures are made in worker threads, one task a
 * sample for all its runs (picture-worker.ts). `screenshot` reads a sample's screenshot (PNG
 * bytes) from the dataset, when the dataset is at hand; `referenceStates`, for the `interaction`
 * task, its states before and after each interaction, which a card shows in place of the screenshot.
 */
export async function buildGallery(
  runs: readonly LoadedRun[],
  assets: PictureStore,
  screenshot?: (sampleId: string) => Promise<Buffer | undefined>,
  referenceStates?: ReferenceStates,
): Promise<GalleryItem[]> {
  const ids = metricIds(runs.map((run) => run.results));
  const samples = new Map<string, Card[]>();
  runs.forEach((run, modelIndex) => {
    const keepsReferences = existsSync(join(run.dir, SAMPLE_FILES.referenceRender.folder));
    for (const record of run.records) {
      const cards = samples.get(record.id) ?? [];
      cards.push({ run, modelIndex, record, keepsReferences });
      samples.set(record.id, cards);
    }
  });
  const threads = availableParallelism();
  const pool = new Piscina<SamplePicturesTask, SamplePictures>({ ...WORKER, maxThreads: threads });
  // Screenshots are read here (a dataset reads them its own way), a few samples ahead of the workers rather than all at once.
  const limit = pLimit(2 * threads);
  try {
    const items = await Promise.all(
      [...samples].map(([sampleId, cards]) =>
        limit(async () => {
          const records = cards.map((card) => card.record);
          const png = records.some((record) => !record.interactions) ? await screenshot?.(sampleId).catch(() => undefined) : undefined;
          const indices = [...new Set(records.flatMap((record) => (record.interactions ?? []).map((interaction) => interaction.index)))];
          const states = referenceStates && indices.length ? await readReferenceStates(sampleId, indices, referenceStates) : [];
          const pictures = await pool.run({
            ...(png ? { screenshot: png } : {}),
            ...(states.length ? { referenceStates: states } : {}),
            cards: cards.map(({ run, record }) => ({
              reference: sampleFile(run.dir, "referenceRender", sampleId),
              prediction: sampleFile(run.dir, "render", sampleId),
              viewports: laterViewports(run).map((viewport) => ({
                reference: sampleFile(run.dir, "referenceRender", sampleId, viewport),
                prediction: sampleFile(run.dir, "render", sampleId, viewport),
              })),
              ...(record.interactions
                ? {
                    states: {
                      start: sampleFile(run.dir, "render", sampleId),
                      after: record.interactions.map((interaction) => stateFile(run.dir, sampleId, interaction.index)),
                    },
                  }
                : {}),
            })),
          });
          const shot = pictures.screenshot && { ...stored(assets, pictures.screenshot), shownHeight: pictures.screenshot.shownHeight };
          const referenceMissing = referenceStates ? "not in the dataset" : "not shown: the dataset is not at hand";
          return cards.map((card, i): GalleryItem => {
            const { interactions } = card.record;
            const viewports = viewportItems(card, pictures.viewports[i] ?? [], assets);
            const atViewports = viewports.length ? { viewports } : {};
            if (!interactions) return { ...galleryItem(card, ids, assets, shot, pictures.cards[i]), ...atViewports };
            const strips = interactionCard(interactions, pictures.referenceStates, pictures.states[i], assets, referenceMissing);
            return { ...cardBase(card, ids, assets), interaction: strips, ...atViewports };
          });
        }),
      ),
    );
    return items.flat().sort((a, b) => a.score - b.score || a.modelIndex - b.modelIndex || a.sampleId.localeCompare(b.sampleId));
  } finally {
    await pool.destroy();
  }
}

/** What every card says of its sample: the model, the status, the scores, the HTML the model wrote. */
function cardBase({ run, modelIndex, record }: Card, ids: readonly string[], assets: PictureStore): GalleryItem {
  const sourceFile = sampleFile(run.dir, "prediction", record.id);
  const html = existsSync(sourceFile) ? readFileSync(sourceFile, "utf8") : undefined;
  return {
    model: run.results.model.id,
    modelIndex,
    sampleId: record.id,
    task: run.results.task,
    status: record.status,
    ...(record.error === undefined ? {} : { error: record.error }),
    score: sampleScore(record, ids),
    metrics: Object.fromEntries(ids.map((id) => [id, metricValue(record, id)])),
    // A .txt file: opened from the report it shows as text, never as a page.
    ...(html === undefined
      ? {}
      : { source: { preview: html.slice(0, SOURCE_PREVIEW), link: assets.put(html, "txt"), truncated: html.length > SOURCE_PREVIEW } }),
  };
}

function galleryItem(
  card: Card,
  ids: readonly string[],
  assets: PictureStore,
  screenshot: GalleryItem["screenshot"],
  pictures: CardPictures | undefined,
): GalleryItem {
  const { record, keepsReferences } = card;
  const item: GalleryItem = { ...cardBase(card, ids, assets), ...(screenshot ? { screenshot } : {}) };
  if (!pictures?.reference) item.referenceMissing = referenceMissing(record, keepsReferences);
  if (pictures) {
    item.scored = scoredPictures(pictures, assets);
    const { reference, prediction } = item.scored;
    if (record.d2c && reference && prediction) {
      // Both pictures are the canvas at one scale: a box lands on its render's own pixels.
      const frame = (page: PagePicture): RenderFrame => ({
        src: page.src,
        ...pictures.size,
        scale: pictures.scale,
        pageWidth: page.width,
        pageHeight: page.height,
      });
      item.blocks = blockMatchSvg(record.d2c, frame(reference), frame(prediction));
    }
  }
  return item;
}

function scoredPictures(pictures: CardPictures, assets: PictureStore): ScoredPictures {
  const reference = pictures.reference && stored(assets, pictures.reference);
  const prediction = pictures.prediction && stored(assets, pictures.prediction);
  return {
    canvas: pictures.canvas,
    ...(reference ? { reference } : {}),
    ...(prediction ? { prediction } : {}),
    ...(pictures.difference ? { difference: assets.put(pictures.difference, "webp") } : {}),
  };
}

/** The viewports of `--viewports` after the run's own, as its results.json names them. */
function laterViewports(run: LoadedRun): string[] {
  return scoredViewports(run.results)
    .slice(1)
    .map((viewport) => viewport.name);
}

/** A card's renders and scores at each viewport after the run's own. */
function viewportItems(card: Card, pictures: ReadonlyArray<CardPictures | undefined>, assets: PictureStore): ViewportItem[] {
  return laterViewports(card.run).map((name, k) => {
    const scores = Object.entries(card.record.metrics).flatMap(([id, value]) => {
      const split = splitViewportMetricId(id);
      return split.viewport === name ? [[split.metric, value ?? 0] as const] : [];
    });
    const at = pictures[k];
    return {
      name,
      ...(at ? { scored: scoredPictures(at, assets) } : {}),
      ...(at?.reference
        ? {}
        : {
            referenceMissing:
              card.record.status === "ok"
                ? "the reference page did not render here"
                : "not rendered: the sample failed before its pages were",
          }),
      metrics: Object.fromEntries(scores),
    };
  });
}

function stored(assets: PictureStore, picture: EncodedPicture): PagePicture {
  return { src: assets.put(picture.webp, "webp"), width: picture.width, height: picture.height };
}

function referenceMissing(record: SampleRecord, keepsReferences: boolean): string {
  if (!keepsReferences)
    return "not kept: this run was made before runs kept the reference page's render, so what was scored cannot be drawn";
  return record.status === "reference_render_error"
    ? "the reference page did not render"
    : "not rendered: the sample failed before its pages were";
}

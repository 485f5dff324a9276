import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { decodePng } from "../../shared/png.js";
import type { RasterImage } from "../../metrics/index.js";
import { encode, shownPicture, type EncodedPicture, type ShownPicture } from "./images.js";
import {
  generatedStatePictures,
  referenceStatePictures,
  type GeneratedStatePictures,
  type GeneratedStatesTask,
  type ReferenceStatePictures,
  type ReferenceStatesTask,
} from "./interaction-pictures.js";
import { comparedCanvas, onCanvas, scoredDifference, type ComparedCanvas } from "./scored-pictures.js";

/**
 * One sample's pictures to make: its screenshot and, per card (one a run), the run's files of its
 * two renders; for a card of the `interaction` task, the generated page's states instead, and the
 * dataset's states once for all its cards.
 */
export interface SamplePicturesTask {
  /** The dataset's screenshot (PNG bytes), when the dataset is at hand. */
  screenshot?: Uint8Array;
  referenceStates?: ReferenceStatesTask[];
  cards: Array<{ reference: string; prediction: string; states?: GeneratedStatesTask; viewports?: RenderFiles[] }>;
}

/** The files of a sample's two renders at a viewport of `--viewports` after the run's own. */
export interface RenderFiles {
  reference: string;
  prediction: string;
}

export interface CardPictures {
  /** The compared canvas in page pixels and the rows of it shown; the pictures' size, and their pixels per page pixel. */
  canvas: { width: number; height: number; shownHeight: number };
  size: { width: number; height: number };
  scale: number;
  reference?: EncodedPicture;
  prediction?: EncodedPicture;
  difference?: Uint8Array;
}

export interface SamplePictures {
  screenshot?: ShownPicture;
  /** Per card, in the task's order; undefined where neither render is there, or the card shows states. */
  cards: Array<CardPictures | undefined>;
  referenceStates?: ReferenceStatePictures[];
  /** Per card, in the task's order; undefined for a card without states. */
  states: Array<GeneratedStatePictures | undefined>;
  /** Per card, in the task's order: the two renders at each viewport after the run's own (`--viewports`). */
  viewports: Array<Array<CardPictures | undefined>>;
}

/** A reference render of the sample: decoded once, and pictured once per canvas, for every run whose file is the same. */
interface SharedReference {
  image: Promise<RasterImage>;
  pictures: Map<string, Promise<EncodedPicture>>;
}

/**
 * Runs in a worker thread: the pixel score's difference is pixelmatch over every pixel of both
 * renders, plain JavaScript that would hold the report's one thread for most of its time. A
 * sample's cards are made in one task, so that its screenshot and its reference render are
 * decoded once for all its runs.
 */
export default async function samplePictures(task: SamplePicturesTask): Promise<SamplePictures> {
  const screenshot = task.screenshot && (await shownPicture(task.screenshot));
  const references = new Map<string, SharedReference>();
  const referenceOf = (bytes: Buffer) => {
    const key = createHash("sha256").update(bytes).digest("hex");
    if (!references.has(key)) references.set(key, { image: decodePng(bytes), pictures: new Map() });
    return references.get(key)!;
  };
  const cards: Array<CardPictures | undefined> = [];
  const states: Array<GeneratedStatePictures | undefined> = [];
  const viewports: Array<Array<CardPictures | undefined>> = [];
  for (const card of task.cards) {
    const atViewports: Array<CardPictures | undefined> = [];
    for (const files of card.viewports ?? []) atViewports.push(await renderPictures(files, referenceOf));
    viewports.push(atViewports);
    if (card.states) {
      cards.push(undefined);
      states.push(await generatedStatePictures(card.states));
      continue;
    }
    cards.push(await renderPictures(card, referenceOf));
    states.push(undefined);
  }
  const referenceStates = task.referenceStates && (await referenceStatePictures(task.referenceStates));
  return { ...(screenshot ? { screenshot } : {}), cards, ...(referenceStates ? { referenceStates } : {}), states, viewports };
}

/** A card's pictures from its two render files (either may be missing). */
async function renderPictures(files: RenderFiles, referenceOf: (bytes: Buffer) => SharedReference): Promise<CardPictures | undefined> {
  const reference = readIfThere(files.reference);
  const prediction = readIfThere(files.prediction);
  return cardPictures(reference && referenceOf(reference), prediction && (await decodePng(prediction)));
}

async function cardPictures(shared: SharedReference | undefined, prediction: RasterImage | undefined): Promise<CardPictures | undefined> {
  const reference = await shared?.image;
  const renders = [reference, prediction].filter((image): image is RasterImage => image !== undefined);
  if (renders.length === 0) return undefined;
  const fit = comparedCanvas(renders);
  const canvasKey = `${fit.canvas.width}x${fit.canvas.height}`;
  if (reference && !shared!.pictures.has(canvasKey)) shared!.pictures.set(canvasKey, pictured(reference, fit));
  const [referencePicture, predictionPicture, difference] = await Promise.all([
    shared?.pictures.get(canvasKey),
    prediction && pictured(prediction, fit),
    reference && prediction && scoredDifference(reference, prediction, fit).then(encode),
  ]);
  return {
    canvas: { ...fit.canvas, shownHeight: fit.shownHeight },
    size: fit.size,
    scale: fit.scale,
    ...(referencePicture ? { reference: referencePicture } : {}),
    ...(predictionPicture ? { prediction: predictionPicture } : {}),
    ...(difference ? { difference } : {}),
  };
}

/** A render on the compared canvas, encoded, with the render's own size. */
async function pictured(render: RasterImage, fit: ComparedCanvas): Promise<EncodedPicture> {
  return { webp: await encode(await onCanvas(render, fit)), width: render.width, height: render.height };
}

function readIfThere(file: string): Buffer | undefined {
  return existsSync(file) ? readFileSync(file) : undefined;
}

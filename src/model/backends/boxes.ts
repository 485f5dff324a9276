import { errorMessage } from "../../shared/index.js";
import { TASK_DESCRIPTORS } from "../../shared/tasks.js";
import type { ParsedSpec } from "../spec.js";
import { ModelSpecError } from "../errors.js";
import type { BackendContext, ModelBackend } from "../types.js";
import { generationError, specBackend, stopReply } from "./base.js";

/** Bump when the output for a given screenshot changes. */
const BOXES_VERSION = 1;
/** Cell side in pixels: boxes snap to this grid, so shapes aligned to it are reproduced exactly. */
const CELL = 8;
/** Largest RGB (Euclidean) distance between colours that still count as the same. */
const TOLERANCE = 24;
/** Background vote: each channel quantised to 16 levels, so anti-aliasing and noise vote together. */
const QUANT_SHIFT = 4;
/** Caps the page at a few hundred KB; past it the smallest boxes go (they fall back to background). */
const MAX_BOXES = 4000;

/** Colour sums over `n` pixels, so merged areas average exactly, weighted by size. */
interface Patch {
  r: number;
  g: number;
  b: number;
  n: number;
}

/** Cells `c0..c1` of one grid row, or rows `row0..row1` of such runs once merged into a box. */
interface Box {
  c0: number;
  c1: number;
  row0: number;
  row1: number;
  colour: Patch;
}

/** The non-neural baseline: coloured boxes read off the screenshot alone. */
export function createBoxesBackend(parsed: ParsedSpec, context: BackendContext): ModelBackend {
  if (!TASK_DESCRIPTORS[context.task].output.rendered)
    throw new ModelSpecError(`model spec "${parsed.spec}": boxes draws pages; it answers no questions (--task qa)`);
  return specBackend(
    parsed,
    async (request) => {
      try {
        return stopReply(await boxesHtml(request.image));
      } catch (error) {
        return generationError(`boxes: cannot decode the screenshot: ${errorMessage(error)}`);
      }
    },
    { version: BOXES_VERSION, cell: CELL, tolerance: TOLERANCE, maxBoxes: MAX_BOXES },
  );
}

/** The boxes page for a PNG screenshot; rejects when the PNG cannot be decoded. */
export async function boxesHtml(png: Buffer): Promise<string> {
  // The shared decoder, loaded when a page is drawn: sharp is not loaded by naming a model.
  const { decodePng } = await import("../../shared/png.js");
  const { width, height, data } = await decodePng(png);
  const cols = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const cells = cellColours(width, height, data);
  const background = backgroundColour(cells);
  const boxes: Box[] = [];
  // Boxes that reached the row above, by x-extent: only these may grow down into this row.
  let open = new Map<string, Box>();
  for (let row = 0; row < rows; row++) {
    const next = new Map<string, Box>();
    for (const run of rowRuns(cells.slice(row * cols, (row + 1) * cols), row)) {
      if (distance(run.colour, background) <= TOLERANCE) continue;
      const key = `${run.c0}:${run.c1}`;
      const above = open.get(key);
      if (above && distance(above.colour, run.colour) <= TOLERANCE) {
        above.row1 = row;
        above.colour = add(above.colour, run.colour);
        next.set(key, above);
      } else {
        boxes.push(run);
        next.set(key, run);
      }
    }
    open = next;
  }
  const divs = largest(boxes, MAX_BOXES).map((box) => {
    const left = box.c0 * CELL;
    const top = box.row0 * CELL;
    const w = Math.min(width, (box.c1 + 1) * CELL) - left;
    const h = Math.min(height, (box.row1 + 1) * CELL) - top;
    return `<div style="left:${left}px;top:${top}px;width:${w}px;height:${h}px;background:${css(box.colour)}"></div>\n`;
  });
  return (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><style>body>div{position:absolute}</style></head>\n' +
    `<body style="margin:0;background:${css(background)};position:relative;width:${width}px;height:${height}px">\n` +
    `${divs.join("")}</body></html>\n`
  );
}

/** Per-cell colour sums in row-major order; transparent pixels are seen over white, as a browser shows them. */
function cellColours(width: number, height: number, data: Uint8Array): Patch[] {
  const cols = Math.ceil(width / CELL);
  const cells = Array.from({ length: cols * Math.ceil(height / CELL) }, () => ({ r: 0, g: 0, b: 0, n: 0 }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = (data[i + 3] ?? 255) / 255;
      const white = 255 * (1 - alpha);
      const cell = cells[Math.floor(y / CELL) * cols + Math.floor(x / CELL)] as Patch;
      cell.r += (data[i] ?? 0) * alpha + white;
      cell.g += (data[i + 1] ?? 0) * alpha + white;
      cell.b += (data[i + 2] ?? 0) * alpha + white;
      cell.n++;
    }
  }
  return cells;
}

/** The mean colour of the most frequent quantised cell colour (ties: the first met); white for an empty image. */
function backgroundColour(cells: Patch[]): Patch {
  const buckets = new Map<number, { count: number; colour: Patch }>();
  for (const cell of cells) {
    const [r, g, b] = mean(cell).map((c) => c >> QUANT_SHIFT) as [number, number, number];
    const key = (r << 16) | (g << 8) | b;
    const bucket = buckets.get(key);
    if (bucket) {
      bucket.count++;
      bucket.colour = add(bucket.colour, cell);
    } else {
      buckets.set(key, { count: 1, colour: cell });
    }
  }
  let best: { count: number; colour: Patch } | undefined;
  for (const bucket of buckets.values()) if (!best || bucket.count > best.count) best = bucket;
  return best?.colour ?? { r: 255, g: 255, b: 255, n: 1 };
}

/** Adjacent cells of one row merged while each stays within tolerance of the run's mean so far. */
function rowRuns(cells: Patch[], row: number): Box[] {
  const runs: Box[] = [];
  cells.forEach((cell, c) => {
    const last = runs.at(-1);
    if (last && distance(last.colour, cell) <= TOLERANCE) {
      last.c1 = c;
      last.colour = add(last.colour, cell);
    } else {
      runs.push({ c0: c, c1: c, row0: row, row1: row, colour: cell });
    }
  });
  return runs;
}

/** The `limit` boxes of most pixels, kept in page order. */
function largest(boxes: Box[], limit: number): Box[] {
  if (boxes.length <= limit) return boxes;
  const kept = new Set(
    boxes
      .map((box, index) => ({ box, index }))
      .sort((a, b) => b.box.colour.n - a.box.colour.n || a.index - b.index)
      .slice(0, limit)
      .map(({ box }) => box),
  );
  return boxes.filter((box) => kept.has(box));
}

function add(a: Patch, b: Patch): Patch {
  return { r: a.r + b.r, g: a.g + b.g, b: a.b + b.b, n: a.n + b.n };
}

function mean(p: Patch): [number, number, number] {
  return [Math.round(p.r / p.n), Math.round(p.g / p.n), Math.round(p.b / p.n)];
}

function distance(a: Patch, b: Patch): number {
  const [ar, ag, ab] = mean(a);
  const [br, bg, bb] = mean(b);
  return Math.hypot(ar - br, ag - bg, ab - bb);
}

function css(p: Patch): string {
  return `rgb(${mean(p).join(",")})`;
}

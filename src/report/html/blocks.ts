import type { D2cBlockMap } from "../../results/index.js";
import { score } from "../../results/index.js";

/** A render as its picture shows it: the picture (the render on the compared canvas), its scale, and the render's own size. */
export interface RenderFrame {
  /** The picture in the report's assets. */
  src: string;
  width: number;
  height: number;
  /** Picture pixels per pixel of the render. */
  scale: number;
  /** The render's own size: block boxes are fractions of it (each page's own, as Design2Code normalises them). */
  pageWidth: number;
  pageHeight: number;
}

const GAP = 24;
/** One colour per matched pair, in turn, so a pair reads as one. */
const PALETTE = ["#0969da", "#1a7f37", "#8250df", "#bf3989", "#9a6700", "#0550ae", "#116329", "#6639ba"];

/**
 * The d2c_* matching of one sample over the two renders it was computed from, as scored: the
 * reference's left, the prediction's right, each matched pair boxed in its colour with a line
 * between the two, and the blocks nothing matched dashed red. A picture that shows only its page's
 * top leaves the boxes below out, and counts them.
 */
export function blockMatchSvg(map: D2cBlockMap, reference: RenderFrame, prediction: RenderFrame): string {
  const rect = (frame: RenderFrame, offset: number, [x, y, w, h]: readonly number[]) => ({
    x: offset + x! * frame.pageWidth * frame.scale,
    y: y! * frame.pageHeight * frame.scale,
    w: w! * frame.pageWidth * frame.scale,
    h: h! * frame.pageHeight * frame.scale,
  });
  const visible = (frame: RenderFrame, box: { y: number }) => box.y < frame.height;
  const predOffset = reference.width + GAP;
  let hidden = 0;
  const shapes: string[] = [];
  map.matches.forEach((match, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const [ref, pred] = [rect(reference, 0, match.ref), rect(prediction, predOffset, match.pred)];
    if (!visible(reference, ref) || !visible(prediction, pred)) {
      hidden++;
      return;
    }
    const title = `<title>pair ${i + 1}: text ${score(match.text)}, position ${score(match.position)}, colour ${score(match.color)}</title>`;
    shapes.push(
      `<g>${title}<rect x="${f(ref.x)}" y="${f(ref.y)}" width="${f(ref.w)}" height="${f(ref.h)}" fill="none" stroke="${colour}"/>` +
        `<rect x="${f(pred.x)}" y="${f(pred.y)}" width="${f(pred.w)}" height="${f(pred.h)}" fill="none" stroke="${colour}"/>` +
        `<line x1="${f(ref.x + ref.w / 2)}" y1="${f(ref.y + ref.h / 2)}" x2="${f(pred.x + pred.w / 2)}" y2="${f(pred.y + pred.h / 2)}" stroke="${colour}" stroke-opacity="0.5"/></g>`,
    );
  });
  for (const [frame, offset, boxes] of [
    [reference, 0, map.unmatchedRef],
    [prediction, predOffset, map.unmatchedPred],
  ] as const) {
    for (const box of boxes) {
      const r = rect(frame, offset, box);
      if (!visible(frame, r)) {
        hidden++;
        continue;
      }
      shapes.push(
        `<rect class="unmatched" x="${f(r.x)}" y="${f(r.y)}" width="${f(r.w)}" height="${f(r.h)}"><title>matched nothing</title></rect>`,
      );
    }
  }
  const width = predOffset + prediction.width;
  const height = Math.max(reference.height, prediction.height);
  return (
    `<svg class="blocks" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Design2Code block matching">` +
    `<image href="${reference.src}" width="${reference.width}" height="${reference.height}"/>` +
    `<image href="${prediction.src}" x="${predOffset}" width="${prediction.width}" height="${prediction.height}"/>` +
    shapes.join("") +
    `</svg>` +
    `<p>${map.matches.length} matched pairs; unmatched: ${map.unmatchedRef.length} in the reference, ${map.unmatchedPred.length} in the prediction` +
    `${hidden ? ` (${hidden} below the pictures' cut)` : ""}. Left: the reference page's render; right: the prediction's; both as scored, each box placed by its own render's size.</p>`
  );
}

function f(value: number): string {
  return value.toFixed(1);
}

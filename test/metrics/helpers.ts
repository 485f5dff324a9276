import { PNG } from "pngjs";
import { PairArtifacts, type ArtifactName } from "../../src/metrics/artifacts.js";
import { scorePage } from "../../src/metrics/scored-page.js";
import type { Metric, RasterImage, ScoredPage } from "../../src/metrics/types.js";

const PIXELS: Record<string, readonly number[]> = {
  "#": [0, 0, 0, 255],
  ".": [255, 255, 255, 255],
  r: [255, 0, 0, 255],
};

/** A hand-drawn RGBA image: one string per row, `#` black, `.` white and `r` red (#ff0000). */
export function image(rows: readonly string[]): RasterImage {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const data = new Uint8Array(width * height * 4);
  rows.forEach((row, y) => {
    [...row].forEach((cell, x) => data.set(PIXELS[cell]!, (y * width + x) * 4));
  });
  return { width, height, data };
}

/** A grey level on every channel, opaque: one pixel. */
export function grey(level: number): RasterImage {
  return { width: 1, height: 1, data: new Uint8Array([level, level, level, 255]) };
}

export function encodePng({ width, height, data }: RasterImage): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(data);
  return PNG.sync.write(png);
}

/** A scored page built the way the pipeline builds one, through scorePage. */
export function page(html = "", render: RasterImage = image(["."])): ScoredPage {
  return scorePage(html, render);
}

/** One metric's score of a pair, handed the artifacts it declares as a run hands them; rejects with what the metric throws. */
export async function score<Needs extends ArtifactName>(
  metric: Metric<Needs>,
  pred: ScoredPage,
  ref: ScoredPage,
  earlier?: Readonly<Record<string, number | null>>,
): Promise<number> {
  return metric.compute(await new PairArtifacts(pred, ref).pick(metric.artifacts), earlier);
}

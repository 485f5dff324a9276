import type { Metric, RasterImage } from "./types.js";

/**
 * The SSIM of Wang, Bovik, Sheikh and Simoncelli (IEEE TIP 13(4), 2004) as their reference code ssim.m
 * computes it, on the two full-page renders, the prediction laid on the reference's canvas:
 *
 *   1. grey: Y = (77 R + 150 G + 29 B + 128) >> 8 (BT.601 weights in integers, ssim.js's default);
 *      the prediction cut to the reference's width and height, or padded with white (Y = 255) where
 *      it is narrower or shorter;
 *   2. down-scaling as ssim.m does it: f = max(1, round(min(W, H) / 256)), W x H the reference's size;
 *      when f > 1, an f x f mean filter (MATLAB imfilter 'symmetric', 'same': the window of a pixel
 *      runs from floor((f - 1) / 2) before it, borders mirrored) sampled at every f-th row and column
 *      from the first;
 *   3. SSIM map over every 11 x 11 window inside the image ('valid'), Gaussian weights (σ = 1.5,
 *      normalised to sum 1), C1 = (0.01 x 255)², C2 = (0.03 x 255)²:
 *        SSIM = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2)),
 *      with σ² and σxy as weighted mean of the product less the product of the means;
 *   4. the map's mean, times the share of the compared area (the larger width by the larger height)
 *      that the reference's canvas covers: a prediction's page beyond the reference's counts as
 *      structure with similarity 0, as it counts as different for pixel_similarity; 0 where the
 *      result is negative (anti-correlated pages).
 *
 * A 1280 x 3000 page is thereby compared at 256 x 600 (f = 5), which keeps the cost to a few tens of
 * milliseconds; ssim.js (3.5.0, 'original') gives the same map mean for odd f but takes about 400 ms
 * on such a pair, hence this implementation. Equal renders score exactly 1.
 *
 * Version 2: step 4's share. Version 1 padded both renders with white to the larger size, so that a
 * taller empty page scored higher (16,000 px: 0.961 on mini, against 0.574 for a 720-px one).
 */

const WINDOW = 11;
const SIGMA = 1.5;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;
/** ssim.m down-scales so that the smaller side comes near this many pixels. */
const TARGET_SIDE = 256;
const WHITE = 255;

/** One grey plane, row-major. */
interface Plane {
  width: number;
  height: number;
  data: Float64Array;
}

/** The Gaussian window's weights along one axis, normalised: the 2-D window is their outer product. */
const WEIGHTS = (() => {
  const raw = Array.from({ length: WINDOW }, (_, k) => Math.exp(-((k - (WINDOW - 1) / 2) ** 2) / (2 * SIGMA * SIGMA)));
  const total = raw.reduce((a, b) => a + b, 0);
  return Float64Array.from(raw, (w) => w / total);
})();

/**
 * Grey levels of an RGBA render cut or padded with white to width x height, mean-filtered over f x f
 * and sampled every f pixels (f = 1: the grey image itself). Grey levels are made as they are summed.
 */
function greyPlane(image: RasterImage, width: number, height: number, f: number): Plane {
  const outW = Math.ceil(width / f);
  const outH = Math.ceil(height / f);
  const data = new Float64Array(outW * outH);
  const rowSums = new Float64Array(width);
  const before = Math.floor((f - 1) / 2);
  const mirror = (index: number, size: number): number => (index < 0 ? -index - 1 : index >= size ? 2 * size - index - 1 : index);
  const { data: rgba, height: imageH } = image;
  const imageW = Math.min(image.width, width);
  for (let p = 0; p < outH; p++) {
    rowSums.fill(0);
    for (let dy = 0; dy < f; dy++) {
      const y = mirror(p * f - before + dy, height);
      if (y >= imageH) {
        for (let x = 0; x < width; x++) rowSums[x]! += WHITE;
        continue;
      }
      const row = y * image.width * 4;
      for (let x = 0; x < imageW; x++) {
        const i = row + x * 4;
        rowSums[x]! += (77 * rgba[i]! + 150 * rgba[i + 1]! + 29 * rgba[i + 2]! + 128) >> 8;
      }
      for (let x = imageW; x < width; x++) rowSums[x]! += WHITE;
    }
    for (let q = 0; q < outW; q++) {
      const start = q * f - before;
      let total = 0;
      if (start >= 0 && start + f <= width) for (let x = start; x < start + f; x++) total += rowSums[x]!;
      else for (let dx = 0; dx < f; dx++) total += rowSums[mirror(start + dx, width)]!;
      data[p * outW + q] = total / (f * f);
    }
  }
  return { width: outW, height: outH, data };
}

/** Mean SSIM of two equally sized grey planes over every full window, as in step 3 above. */
function meanSsim(a: Plane, b: Plane): number {
  const { width, height } = a;
  const outW = width - WINDOW + 1;
  const outH = height - WINDOW + 1;
  if (outW < 1 || outH < 1)
    throw new Error(`renders of ${width} x ${height} after down-scaling are smaller than the ${WINDOW} x ${WINDOW} window`);
  // Horizontal pass of the five weighted sums, then the vertical pass per output pixel.
  const n = outW * height;
  const [mx, my, mxx, myy, mxy] = [0, 1, 2, 3, 4].map(() => new Float64Array(n)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < outW; x++) {
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let k = 0; k < WINDOW; k++) {
        const w = WEIGHTS[k]!;
        const u = a.data[row + x + k]!;
        const v = b.data[row + x + k]!;
        sx += w * u;
        sy += w * v;
        sxx += w * u * u;
        syy += w * v * v;
        sxy += w * u * v;
      }
      const at = y * outW + x;
      mx[at] = sx;
      my[at] = sy;
      mxx[at] = sxx;
      myy[at] = syy;
      mxy[at] = sxy;
    }
  }
  let total = 0;
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let ux = 0;
      let uy = 0;
      let exx = 0;
      let eyy = 0;
      let exy = 0;
      for (let k = 0; k < WINDOW; k++) {
        const w = WEIGHTS[k]!;
        const at = (y + k) * outW + x;
        ux += w * mx[at]!;
        uy += w * my[at]!;
        exx += w * mxx[at]!;
        eyy += w * myy[at]!;
        exy += w * mxy[at]!;
      }
      const varX = exx - ux * ux;
      const varY = eyy - uy * uy;
      const cov = exy - ux * uy;
      total += ((2 * ux * uy + C1) * (2 * cov + C2)) / ((ux * ux + uy * uy + C1) * (varX + varY + C2));
    }
  }
  return total / (outW * outH);
}

/** SSIM of two renders as the module comment defines it, before the clamp at 0. */
export function structuralSimilarity(pred: RasterImage, ref: RasterImage): number {
  const { width, height } = ref;
  const f = Math.max(1, Math.round(Math.min(width, height) / TARGET_SIDE));
  const onReference = meanSsim(greyPlane(pred, width, height, f), greyPlane(ref, width, height, f));
  const compared = Math.max(pred.width, width) * Math.max(pred.height, height);
  return onReference * ((width * height) / compared);
}

/** Version 3: from renderer 5's captures (the whole scroll width, the page settled). */
export const ssim: Metric<"image"> = {
  id: "ssim",
  version: 3,
  description:
    "Mean SSIM (Wang et al. 2004, as ssim.m: 11x11 Gaussian window σ 1.5, K1 0.01, K2 0.03, down-scaled by round(min side / 256) with a mean filter) of the renders in grey, the prediction laid on the reference's (padded with white where shorter or narrower), times the share of the compared area the reference covers; 0 where negative.",
  higherIsBetter: true,
  artifacts: ["image"],
  compute: ({ image }) => Math.max(0, structuralSimilarity(image.pred, image.ref)),
};

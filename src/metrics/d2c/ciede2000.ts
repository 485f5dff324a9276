/**
 * Colour difference as Design2Code measures it: python-colormath 3.0's sRGB → CIELAB conversion (its own
 * constants, below), then CIEDE2000 (kL = kC = kH = 1) as Sharma, Wu and Dalal give it ("The CIEDE2000
 * color-difference formula: implementation notes, supplementary test data, and mathematical
 * observations", Color Res. Appl. 30(1), 2005). colormath's own CIEDE2000 strays from it in two places,
 * which ours does not copy: at a hue difference of exactly 180 degrees (it misses Sharma's pair 14), and
 * where the two hues lie more than 180 degrees apart with a sum of 360 or more, where its mean hue is
 * 360 degrees too large, so that its rotation term differs by under 0.0003 degrees (scores by under 1e-7).
 */

export type Rgb = readonly [number, number, number];
export type Lab = readonly [number, number, number];

/** colormath's sRGB → XYZ matrix (sRGBColor.conversion_matrices["rgb_to_xyz"]). */
const RGB_TO_XYZ = [
  [0.412424, 0.357579, 0.180464],
  [0.212656, 0.715158, 0.0721856],
  [0.0193324, 0.119193, 0.950444],
] as const;
/** colormath's D65 white, 2-degree observer. */
const D65 = [0.95047, 1.0, 1.08883] as const;
const CIE_E = 216 / 24389;
/** colormath's slope of the linear part (7.787, not 24389 / 27 / 116). */
const LINEAR_SLOPE = 7.787;

function linearise(channel: number): number {
  const v = channel / 255;
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

function labPart(t: number): number {
  return t > CIE_E ? Math.pow(t, 1 / 3) : LINEAR_SLOPE * t + 16 / 116;
}

/** `convert_color(sRGBColor(r, g, b, is_upscaled=True), LabColor)`: channels 0-255. */
export function rgbToLab([r, g, b]: Rgb): Lab {
  const lr = linearise(r);
  const lg = linearise(g);
  const lb = linearise(b);
  const [x, y, z] = RGB_TO_XYZ.map((row, k) => Math.max(0, row[0] * lr + row[1] * lg + row[2] * lb) / D65[k]!) as [number, number, number];
  const fx = labPart(x);
  const fy = labPart(y);
  const fz = labPart(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;
const POW25_7 = Math.pow(25, 7);

/**
 * CIEDE2000 ΔE00 between two CIELAB colours. The hue difference is the signed angle between the two
 * (a', b') vectors, atan2 of their cross and dot products, so that rounding cannot push a difference of
 * exactly 180 degrees across the formula's discontinuity; there the sign is that of h2' - h1', as the
 * formula's |h2' - h1'| <= 180 branch has it (Sharma's pairs 9 to 14).
 */
export function ciede2000([l1, a1, b1]: Lab, [l2, a2, b2]: Lab): number {
  const cMean = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(Math.pow(cMean, 7) / (Math.pow(cMean, 7) + POW25_7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const h1p = hueDegrees(b1, a1p);
  const h2p = hueDegrees(b2, a2p);

  const chromaless = c1p * c2p === 0;
  const cross = a1p * b2 - b1 * a2p;
  const dot = a1p * a2p + b1 * b2;
  const opposite = cross === 0 && dot < 0;
  const dhp = chromaless ? 0 : opposite ? (h2p > h1p ? 180 : -180) : Math.atan2(cross, dot) * DEG;
  let hMean = chromaless ? h1p + h2p : h1p + dhp / 2;
  if (hMean < 0) hMean += 360;
  else if (hMean >= 360) hMean -= 360;

  const dLp = l2 - l1;
  const dCp = c2p - c1p;
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin((dhp / 2) * RAD);
  const lMean = (l1 + l2) / 2;
  const cpMean = (c1p + c2p) / 2;
  const t =
    1 -
    0.17 * Math.cos((hMean - 30) * RAD) +
    0.24 * Math.cos(2 * hMean * RAD) +
    0.32 * Math.cos((3 * hMean + 6) * RAD) -
    0.2 * Math.cos((4 * hMean - 63) * RAD);
  const l50 = (lMean - 50) * (lMean - 50);
  const sl = 1 + (0.015 * l50) / Math.sqrt(20 + l50);
  const sc = 1 + 0.045 * cpMean;
  const sh = 1 + 0.015 * cpMean * t;
  const rotation = 30 * Math.exp(-Math.pow((hMean - 275) / 25, 2));
  const rc = 2 * Math.sqrt(Math.pow(cpMean, 7) / (Math.pow(cpMean, 7) + POW25_7));
  const rt = -Math.sin(2 * rotation * RAD) * rc;
  const termL = dLp / sl;
  const termC = dCp / sc;
  const termH = dHp / sh;
  return Math.sqrt(termL * termL + termC * termC + termH * termH + rt * termC * termH);
}

function hueDegrees(b: number, ap: number): number {
  if (b === 0 && ap === 0) return 0;
  const h = Math.atan2(b, ap) * DEG;
  return h < 0 ? h + 360 : h;
}

/** ΔE00 at which two colours count as wholly different (Design2Code's normalisation). */
const DELTA_E_SCALE = 100;

/** Design2Code's `color_similarity_ciede2000`: max(0, 1 - ΔE00 / 100) of two 0-255 sRGB colours. */
export function colorSimilarity(rgb1: Rgb, rgb2: Rgb): number {
  return Math.max(0, 1 - ciede2000(rgbToLab(rgb1), rgbToLab(rgb2)) / DELTA_E_SCALE);
}

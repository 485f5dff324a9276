import type { RgbImage } from "./rgb.js";

/**
 * Telea's inpainting (A. Telea, "An Image Inpainting Technique Based on the Fast Marching Method",
 * 2004) as OpenCV implements it (modules/photo/src/inpaint.cpp, `cv::inpaint(..., INPAINT_TELEA)`
 * on an 8-bit 3-channel image), reproduced step for step so that the pixels come out the same:
 * Design2Code paints text out with `cv2.inpaint(image, mask, 3, cv2.INPAINT_TELEA)`.
 *
 * The masked pixels are filled from the outside in, in order of their distance T from the mask's
 * edge (a fast-marching solution of |grad T| = 1); each takes a weighted mean of the known pixels
 * within `radius`, weighted by direction (along grad T), distance and level-set closeness, plus
 * OpenCV's gradient term. OpenCV's own quirks are kept because they move pixels: its float32
 * arithmetic (Math.fround below), its first-in-first-out order among equal T, the image-gradient
 * factor 2 where the paper has 1/2, the clamped rows and columns at the image's edges, and masked
 * pixels in the first row or column, which it never fills (they keep their colour).
 */

const KNOWN = 0;
const BAND = 1;
const INSIDE = 2;
/** Marks pixels the outward march reached, turned back to KNOWN with a negated T at its end. */
const CHANGE = 3;
/** T of pixels no march has reached. */
const FAR = 1e6;

const f32 = Math.fround;

/** A min-queue on (T, arrival): OpenCV keeps a sorted list that puts a new item after its equals. */
class MarchQueue {
  private t = new Float64Array(1024);
  private index = new Int32Array(1024);
  private order = new Float64Array(1024);
  private size = 0;
  private arrivals = 0;

  get length(): number {
    return this.size;
  }

  private before(a: number, b: number): boolean {
    return this.t[a]! < this.t[b]! || (this.t[a] === this.t[b] && this.order[a]! < this.order[b]!);
  }

  private swap(a: number, b: number): void {
    const t = this.t[a]!;
    this.t[a] = this.t[b]!;
    this.t[b] = t;
    const index = this.index[a]!;
    this.index[a] = this.index[b]!;
    this.index[b] = index;
    const order = this.order[a]!;
    this.order[a] = this.order[b]!;
    this.order[b] = order;
  }

  push(index: number, t: number): void {
    if (this.size === this.t.length) {
      const grow = <A extends Float64Array | Int32Array>(from: A, to: A): A => (to.set(from), to);
      this.t = grow(this.t, new Float64Array(this.size * 2));
      this.index = grow(this.index, new Int32Array(this.size * 2));
      this.order = grow(this.order, new Float64Array(this.size * 2));
    }
    let at = this.size++;
    this.t[at] = t;
    this.index[at] = index;
    this.order[at] = this.arrivals++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  /** The pixel index with the least T; -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.index[0]!;
    this.size--;
    if (this.size > 0) {
      this.t[0] = this.t[this.size]!;
      this.index[0] = this.index[this.size]!;
      this.order[0] = this.order[this.size]!;
      let at = 0;
      for (;;) {
        const left = at * 2 + 1;
        if (left >= this.size) break;
        const child = left + 1 < this.size && this.before(left + 1, left) ? left + 1 : left;
        if (!this.before(child, at)) break;
        this.swap(at, child);
        at = child;
      }
    }
    return top;
  }
}

/** The fast-marching update of one pixel from two of its neighbours (OpenCV's FastMarching_solve). */
function solve(a: number, b: number, flags: Uint8Array, t: Float32Array): number {
  const a11 = t[a]!;
  const a22 = t[b]!;
  const m12 = Math.min(a11, a22);
  let sol: number;
  if (flags[a] !== INSIDE) {
    if (flags[b] !== INSIDE) sol = Math.abs(a11 - a22) >= 1 ? 1 + m12 : (a11 + a22 + Math.sqrt(2 - (a11 - a22) * (a11 - a22))) * 0.5;
    else sol = 1 + a11;
  } else if (flags[b] !== INSIDE) sol = 1 + a22;
  else sol = 1 + m12;
  return f32(sol);
}

/** T of pixel p from its four neighbours: the least of the four corner solutions. */
function distance(p: number, stride: number, flags: Uint8Array, t: Float32Array): number {
  return Math.min(
    solve(p - stride, p - 1, flags, t),
    solve(p + stride, p - 1, flags, t),
    solve(p - stride, p + 1, flags, t),
    solve(p + stride, p + 1, flags, t),
  );
}

/**
 * The ring of unmasked pixels next to the mask on the padded grid: its 4-neighbours (`reach` 0, a
 * dilation by OpenCV's 3 x 3 cross) or those within `reach` in both directions (a dilation by a
 * square), the one-pixel frame left out as OpenCV's SET_BORDER1_C1 does.
 */
function ringAround(mask: Uint8Array, width: number, height: number, reach: number): Uint8Array {
  const stride = width + 2;
  const ring = new Uint8Array(mask.length);
  if (reach === 0) {
    for (let i = 1; i <= height; i++) {
      for (let p = i * stride + 1, end = p + width; p < end; p++) {
        if (
          mask[p] !== INSIDE &&
          (mask[p - 1] === INSIDE || mask[p + 1] === INSIDE || mask[p - stride] === INSIDE || mask[p + stride] === INSIDE)
        )
          ring[p] = INSIDE;
      }
    }
    return ring;
  }
  // A square is two passes: along rows, then along columns, each counting masked pixels in a sliding window.
  const rows = new Uint8Array(mask.length);
  for (let i = 1; i <= height; i++) {
    const row = i * stride;
    let count = 0;
    for (let j = 1; j <= Math.min(reach, width); j++) count += mask[row + j] === INSIDE ? 1 : 0;
    for (let j = 1; j <= width; j++) {
      if (j + reach <= width && mask[row + j + reach] === INSIDE) count++;
      if (count > 0) rows[row + j] = 1;
      if (j - reach >= 1 && mask[row + j - reach] === INSIDE) count--;
    }
  }
  for (let j = 1; j <= width; j++) {
    let count = 0;
    for (let i = 1; i <= Math.min(reach, height); i++) count += rows[i * stride + j]!;
    for (let i = 1; i <= height; i++) {
      if (i + reach <= height) count += rows[(i + reach) * stride + j]!;
      const p = i * stride + j;
      if (count > 0 && mask[p] !== INSIDE) ring[p] = INSIDE;
      if (i - reach >= 1) count -= rows[(i - reach) * stride + j]!;
    }
  }
  return ring;
}

/**
 * The image with the masked pixels (`mask[y * width + x]` non-zero) painted in from their
 * surroundings; the input is not changed. `radius` is OpenCV's inpaintRange (rounded, 1 to 100).
 */
export function inpaintTelea(image: RgbImage, mask: Uint8Array, radius: number): RgbImage {
  const { width, height } = image;
  if (mask.length !== width * height) throw new Error(`mask has ${mask.length} pixels, expected ${width * height}`);
  const range = Math.min(Math.max(Math.round(radius), 1), 100);
  const out = new Uint8Array(image.data);
  const stride = width + 2;
  const rows = height + 2;
  const cols = width + 2;

  // OpenCV works on a grid one pixel larger on every side: padded (i, j) is image (i - 1, j - 1).
  const flags = new Uint8Array(rows * cols);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (mask[y * width + x]) flags[(y + 1) * stride + x + 1] = INSIDE;
  }
  const band = ringAround(flags, width, height, 0);
  const t = new Float32Array(rows * cols).fill(FAR);
  const inward = new MarchQueue();
  for (let p = 0; p < band.length; p++) {
    if (band[p]) {
      t[p] = 0;
      inward.push(p, 0);
    }
  }

  // March outward first, over the pixels within `range` of the mask: their (negated) T feeds the level-set weights.
  const outside = ringAround(flags, width, height, range);
  const outward = new MarchQueue();
  for (let p = 0; p < band.length; p++) {
    if (band[p]) {
      outward.push(p, 0);
      outside[p] = KNOWN;
    }
  }
  for (let p = outward.pop(); p >= 0; p = outward.pop()) {
    outside[p] = CHANGE;
    for (const q of [p - stride, p - 1, p + stride, p + 1]) {
      if (outside[q] !== INSIDE) continue;
      const d = distance(q, stride, outside, t);
      t[q] = d;
      outside[q] = BAND;
      outward.push(q, d);
    }
  }
  for (let p = 0; p < outside.length; p++) if (outside[p] === CHANGE) t[p] = -t[p]!;

  // Neighbourhood offsets within the disc, with their distance weight 1 / |r|^3 (float, as OpenCV rounds it).
  const offK: number[] = [];
  const offL: number[] = [];
  const offDst: number[] = [];
  for (let dk = -range; dk <= range; dk++) {
    for (let dl = -range; dl <= range; dl++) {
      const length = dk * dk + dl * dl;
      if (length > range * range || length === 0) continue;
      offK.push(dk);
      offL.push(dl);
      offDst.push(f32(1 / (length * Math.sqrt(length))));
    }
  }
  const steps = [-stride, -1, stride, 1];

  for (let p = inward.pop(); p >= 0; p = inward.pop()) {
    flags[p] = KNOWN;
    for (const step of steps) {
      const q = p + step;
      const i = Math.floor(q / stride);
      const j = q - i * stride;
      if (i <= 0 || j <= 0 || i > rows - 1 || j > cols - 1 || flags[q] !== INSIDE) continue;
      const d = distance(q, stride, flags, t);
      t[q] = d;

      const right = flags[q + 1] !== INSIDE;
      const left = flags[q - 1] !== INSIDE;
      const gradTx = right ? (left ? f32(f32(t[q + 1]! - t[q - 1]!) * 0.5) : f32(t[q + 1]! - d)) : left ? f32(d - t[q - 1]!) : 0;
      const down = flags[q + stride] !== INSIDE;
      const up = flags[q - stride] !== INSIDE;
      const gradTy = down
        ? up
          ? f32(f32(t[q + stride]! - t[q - stride]!) * 0.5)
          : f32(t[q + stride]! - d)
        : up
          ? f32(d - t[q - stride]!)
          : 0;

      let s = f32(1e-20);
      let ia0 = 0,
        ia1 = 0,
        ia2 = 0,
        jx0 = 0,
        jx1 = 0,
        jx2 = 0,
        jy0 = 0,
        jy1 = 0,
        jy2 = 0;
      for (let o = 0; o < offK.length; o++) {
        const k = i + offK[o]!;
        const l = j + offL[o]!;
        if (k <= 0 || l <= 0 || k >= rows - 1 || l >= cols - 1) continue;
        const n = k * stride + l;
        if (flags[n] === INSIDE) continue;
        // Image row and column read for (k, l), moved inwards at the edges so that their neighbours exist.
        const km = k - 1 + (k === 1 ? 1 : 0);
        const kp = k - 1 - (k === rows - 2 ? 1 : 0);
        const lm = l - 1 + (l === 1 ? 1 : 0);
        const lp = l - 1 - (l === cols - 2 ? 1 : 0);
        const ry = -offK[o]!;
        const rx = -offL[o]!;
        const lev = f32(1 / f32(1 + Math.abs(f32(t[n]! - d))));
        let dir = f32(f32(rx * gradTx) + f32(ry * gradTy));
        if (Math.abs(dir) <= 0.01) dir = f32(0.000001);
        const w = Math.abs(f32(f32(offDst[o]! * lev) * dir));

        // The image gradient at (km, lm) per channel: out[a] - out[b], times OpenCV's factor (2 on the
        // central difference, where the paper halves it; 0 where both sides are unknown).
        const nRight = flags[n + 1] !== INSIDE;
        const nLeft = flags[n - 1] !== INSIDE;
        const ax = (km * width + (nRight ? lp + 1 : lp)) * 3;
        const bx = (km * width + (nLeft ? lm - 1 : lm)) * 3;
        const fx = nRight && nLeft ? 2 : nRight || nLeft ? 1 : 0;
        const nDown = flags[n + stride] !== INSIDE;
        const nUp = flags[n - stride] !== INSIDE;
        const ay = ((nDown ? kp + 1 : kp) * width + lm) * 3;
        const by = ((nUp ? km - 1 : km) * width + lm) * 3;
        const fy = nDown && nUp ? 2 : nDown || nUp ? 1 : 0;
        const m = (km * width + lm) * 3;

        ia0 = f32(ia0 + f32(w * out[m]!));
        ia1 = f32(ia1 + f32(w * out[m + 1]!));
        ia2 = f32(ia2 + f32(w * out[m + 2]!));
        jx0 = f32(jx0 - f32(w * (out[ax]! - out[bx]!) * fx * rx));
        jx1 = f32(jx1 - f32(w * (out[ax + 1]! - out[bx + 1]!) * fx * rx));
        jx2 = f32(jx2 - f32(w * (out[ax + 2]! - out[bx + 2]!) * fx * rx));
        jy0 = f32(jy0 - f32(w * (out[ay]! - out[by]!) * fy * ry));
        jy1 = f32(jy1 - f32(w * (out[ay + 1]! - out[by + 1]!) * fy * ry));
        jy2 = f32(jy2 - f32(w * (out[ay + 2]! - out[by + 2]!) * fy * ry));
        s = f32(s + w);
      }
      const target = ((i - 1) * width + j - 1) * 3;
      out[target] = fill(ia0, jx0, jy0, s);
      out[target + 1] = fill(ia1, jx1, jy1, s);
      out[target + 2] = fill(ia2, jx2, jy2, s);

      flags[q] = BAND;
      inward.push(q, d);
    }
  }
  return { width, height, data: out };
}

/** One channel of the painted pixel: the weighted mean plus OpenCV's normalised gradient term, as a byte. */
function fill(ia: number, jx: number, jy: number, s: number): number {
  const norm = f32(f32(Math.sqrt(f32(f32(jx * jx) + f32(jy * jy)))) + f32(1e-20));
  return roundToByte(f32(f32(f32(ia / s) + f32(f32(jx + jy) / norm)) + 0.5));
}

/** OpenCV's saturate_cast<uchar>(float): round half to even, then clamp to 0..255. */
function roundToByte(v: number): number {
  let r = Math.round(v);
  // Math.round takes halves up; OpenCV's cvRound (the CPU's default rounding) takes them to even.
  if (r - v === 0.5 && r % 2 !== 0) r -= 1;
  return r < 0 ? 0 : r > 255 ? 255 : r;
}

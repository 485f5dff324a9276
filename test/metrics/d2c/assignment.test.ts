import { describe, expect, it } from "vitest";
import { linearSumAssignment } from "../../../src/metrics/d2c/assignment.js";

/** Cost values as Design2Code's matrices hold them (minus difflib ratios), few of them so that ties abound. */
const VALUES = [0.0, -0.0, -1.0, -0.5, -0.25, -2 / 3, -1 / 3, -0.1, -0.9090909090909091, -0.7];

/** The matrices of the Python script: shapes up to 9 x 9 (tall ones too), entries drawn by an LCG from the first k VALUES. */
function matrices(seed: number, count: number, maxN: number): Array<{ n: number; m: number; cost: Float64Array }> {
  let state = BigInt(seed);
  const next = (): number => Number((state = (state * 1103515245n + 12345n) % 2147483648n));
  const out = [];
  for (let c = 0; c < count; c++) {
    const n = (next() % maxN) + 1;
    const m = (next() % maxN) + 1;
    const k = (next() % VALUES.length) + 1;
    const cost = new Float64Array(n * m);
    for (let i = 0; i < n * m; i++) cost[i] = VALUES[next() % k]!;
    out.push({ n, m, cost });
  }
  return out;
}

/*
 * [rows, cols] that SciPy 1.10.1 (Debian 12) answered for each matrix:
 *   scipy.optimize.linear_sum_assignment(np.array(cost))
 * with the same LCG (seed 5, 80 matrices, up to 9 x 9). The same comparison over 2,300 more matrices
 * (up to 40 x 40) agreed on every one when this was written.
 */
const SCIPY: Array<[number[], number[]]> = [
  [
    [0, 1, 2],
    [0, 1, 2],
  ],
  [
    [1, 2, 3, 4, 5],
    [4, 0, 1, 3, 2],
  ],
  [
    [0, 1, 2, 3, 4],
    [0, 1, 2, 3, 4],
  ],
  [
    [1, 2, 3, 4, 5],
    [1, 2, 4, 0, 3],
  ],
  [[0], [0]],
  [
    [2, 4, 7],
    [0, 2, 1],
  ],
  [
    [1, 2, 3],
    [2, 0, 1],
  ],
  [
    [0, 1],
    [0, 1],
  ],
  [
    [1, 2, 4],
    [1, 2, 0],
  ],
  [
    [0, 2, 3],
    [2, 0, 1],
  ],
  [[3], [0]],
  [[0], [0]],
  [
    [0, 1, 2, 3],
    [0, 2, 1, 3],
  ],
  [
    [1, 2],
    [0, 1],
  ],
  [
    [0, 1],
    [2, 0],
  ],
  [
    [0, 1, 2, 3, 4, 5, 6],
    [2, 8, 0, 3, 6, 1, 4],
  ],
  [
    [0, 1, 2, 3, 4, 5],
    [0, 6, 7, 4, 3, 1],
  ],
  [
    [0, 1, 2, 3, 4, 5],
    [2, 6, 3, 7, 4, 0],
  ],
  [
    [0, 1, 2, 4],
    [1, 3, 0, 2],
  ],
  [[0], [0]],
  [[0], [0]],
  [[0], [4]],
  [
    [0, 1, 2],
    [6, 4, 3],
  ],
  [
    [0, 1, 2, 3],
    [2, 0, 3, 1],
  ],
  [[0], [0]],
  [[0], [1]],
  [
    [0, 1, 2, 3, 4],
    [0, 1, 2, 3, 4],
  ],
  [
    [0, 1, 2, 3, 4, 5],
    [0, 1, 2, 3, 4, 5],
  ],
  [
    [0, 1],
    [2, 3],
  ],
  [[1], [0]],
  [
    [0, 1, 2, 3],
    [0, 4, 1, 2],
  ],
  [
    [0, 1, 2],
    [2, 1, 0],
  ],
  [
    [0, 1],
    [0, 1],
  ],
  [
    [0, 1, 2, 3],
    [0, 1, 2, 3],
  ],
  [
    [0, 1, 2, 3, 4],
    [0, 1, 2, 3, 4],
  ],
  [
    [0, 1],
    [5, 1],
  ],
  [
    [0, 3, 4],
    [0, 1, 2],
  ],
  [
    [0, 1, 2, 3, 4, 5, 6],
    [4, 0, 6, 5, 2, 3, 1],
  ],
  [
    [0, 1, 2, 3],
    [0, 1, 2, 3],
  ],
  [
    [0, 1, 2, 3, 4, 5, 6, 7],
    [2, 7, 4, 1, 3, 0, 6, 5],
  ],
  [
    [0, 1],
    [0, 1],
  ],
  [
    [0, 1, 2, 3, 4],
    [5, 7, 3, 4, 2],
  ],
  [
    [0, 1, 2],
    [0, 1, 2],
  ],
  [
    [0, 1, 2, 3, 4, 5, 6],
    [0, 1, 3, 6, 4, 7, 5],
  ],
  [
    [1, 2, 4],
    [0, 2, 1],
  ],
  [[1], [0]],
  [
    [0, 1, 2, 3, 4],
    [1, 0, 2, 5, 6],
  ],
  [
    [0, 1, 4],
    [0, 1, 2],
  ],
  [
    [0, 1, 2, 3, 4, 6, 7],
    [2, 3, 0, 1, 6, 4, 5],
  ],
  [
    [0, 1],
    [0, 1],
  ],
  [
    [0, 1, 3, 4, 5],
    [0, 1, 4, 2, 3],
  ],
  [[2], [0]],
  [
    [0, 1, 2, 3],
    [2, 3, 1, 0],
  ],
  [[0], [2]],
  [
    [0, 5, 7],
    [2, 0, 1],
  ],
  [[0], [0]],
  [[2], [0]],
  [
    [1, 3, 4, 8],
    [3, 1, 0, 2],
  ],
  [
    [0, 1, 2, 3, 4],
    [0, 1, 2, 3, 4],
  ],
  [[0], [0]],
  [[0], [0]],
  [
    [0, 1, 2, 3],
    [3, 0, 2, 1],
  ],
  [
    [0, 1, 2, 3, 4],
    [0, 1, 2, 3, 4],
  ],
  [[2], [0]],
  [
    [0, 1, 2],
    [0, 3, 2],
  ],
  [
    [0, 3, 6],
    [2, 1, 0],
  ],
  [
    [0, 1],
    [4, 2],
  ],
  [
    [0, 1],
    [0, 1],
  ],
  [[0], [0]],
  [[2], [0]],
  [[0], [1]],
  [
    [0, 1],
    [1, 0],
  ],
  [
    [0, 1, 2],
    [1, 0, 2],
  ],
  [
    [0, 1],
    [0, 5],
  ],
  [
    [0, 1, 2],
    [0, 1, 2],
  ],
  [
    [0, 1],
    [1, 0],
  ],
  [
    [0, 1, 2, 3, 4],
    [4, 3, 5, 0, 7],
  ],
  [
    [0, 2, 3, 4, 5, 6, 7],
    [6, 0, 1, 2, 3, 4, 5],
  ],
  [
    [0, 1, 2, 3, 4],
    [4, 3, 2, 1, 0],
  ],
  [
    [0, 1, 2],
    [0, 1, 2],
  ],
];

describe("linearSumAssignment (scipy.optimize.linear_sum_assignment)", () => {
  it("picks the same optimum as SciPy among equal-cost ones, wide and tall", () => {
    const ours = matrices(5, SCIPY.length, 9).map(({ n, m, cost }) => {
      const { rows, cols } = linearSumAssignment(cost, n, m);
      return [[...rows], [...cols]];
    });
    expect(ours).toEqual(SCIPY);
  });

  it("finds the minimum on a matrix with one clear optimum", () => {
    // Rows 0 and 1 both prefer column 0; the cheaper total gives it to row 1.
    const cost = Float64Array.from([1, 2, 9, 0, 5, 7]);
    const { rows, cols } = linearSumAssignment(cost, 2, 3);
    expect([...rows]).toEqual([0, 1]);
    expect([...cols]).toEqual([1, 0]);
  });

  it("answers nothing for an empty side and refuses a matrix of the wrong size", () => {
    expect(linearSumAssignment(new Float64Array(0), 0, 4).rows.length).toBe(0);
    expect(() => linearSumAssignment(Float64Array.from([0, 1]), 1, 3)).toThrow("cost has 2 entries, not 1 x 3");
  });
});

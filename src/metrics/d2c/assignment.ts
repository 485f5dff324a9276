/**
 * The minimum-cost assignment of `scipy.optimize.linear_sum_assignment(cost)` (SciPy 1.10), with the same
 * answer among equal-cost optima: Crouse's shortest augmenting path (IEEE TAES 52(4), 2016) done the
 * way SciPy does it. Rows are taken in order; each search scans the free columns in SciPy's order
 * (filled from the last column, a removed column replaced by the last free one) and, among equal
 * shortest paths, prefers the first column that ends the path. A matrix with more rows than columns is
 * solved transposed. The answer lists min(rows, columns) pairs sorted by row.
 *
 * No npm package fits: those found solve the same problem with other tie-breaking (or shift the costs),
 * and Design2Code's matches differ between equal-cost optima (which block a repeated text matches).
 */

export interface Assignment {
  rows: Int32Array;
  cols: Int32Array;
}

/** `cost` is row-major, `rowCount` x `colCount`, every entry finite (the caller's matrices hold ratios). */
export function linearSumAssignment(cost: Float64Array, rowCount: number, colCount: number): Assignment {
  if (cost.length !== rowCount * colCount) throw new Error(`cost has ${cost.length} entries, not ${rowCount} x ${colCount}`);
  if (rowCount === 0 || colCount === 0) return { rows: new Int32Array(0), cols: new Int32Array(0) };
  if (colCount >= rowCount) {
    const col4row = solveWide(cost, rowCount, colCount);
    return { rows: Int32Array.from(col4row, (_, i) => i), cols: col4row };
  }
  const transposed = new Float64Array(cost.length);
  for (let i = 0; i < rowCount; i++) for (let j = 0; j < colCount; j++) transposed[j * rowCount + i] = cost[i * colCount + j]!;
  const row4col = solveWide(transposed, colCount, rowCount);
  const order = Int32Array.from(row4col, (_, j) => j).sort((x, y) => row4col[x]! - row4col[y]!);
  return { rows: order.map((j) => row4col[j]!), cols: order };
}

/** Rows ≤ columns: the column of each row. */
function solveWide(cost: Float64Array, nr: number, nc: number): Int32Array {
  const u = new Float64Array(nr);
  const v = new Float64Array(nc);
  const shortest = new Float64Array(nc);
  const path = new Int32Array(nc).fill(-1);
  const col4row = new Int32Array(nr).fill(-1);
  const row4col = new Int32Array(nc).fill(-1);
  const scannedRows = new Uint8Array(nr);
  const scannedCols = new Uint8Array(nc);
  const remaining = new Int32Array(nc);

  for (let current = 0; current < nr; current++) {
    // Shortest augmenting path from row `current` to a free column.
    scannedRows.fill(0);
    scannedCols.fill(0);
    shortest.fill(Infinity);
    for (let it = 0; it < nc; it++) remaining[it] = nc - it - 1;
    let left = nc;
    let minVal = 0;
    let i = current;
    let sink = -1;
    while (sink === -1) {
      let index = -1;
      let lowest = Infinity;
      scannedRows[i] = 1;
      for (let it = 0; it < left; it++) {
        const j = remaining[it]!;
        const r = minVal + cost[i * nc + j]! - u[i]! - v[j]!;
        if (r < shortest[j]!) {
          path[j] = i;
          shortest[j] = r;
        }
        if (shortest[j]! < lowest || (shortest[j] === lowest && row4col[j] === -1)) {
          lowest = shortest[j]!;
          index = it;
        }
      }
      minVal = lowest;
      const j = remaining[index]!;
      if (row4col[j] === -1) sink = j;
      else i = row4col[j]!;
      scannedCols[j] = 1;
      remaining[index] = remaining[--left]!;
    }

    // Dual update, then flip the path.
    u[current] = u[current]! + minVal;
    for (let r = 0; r < nr; r++) if (scannedRows[r] && r !== current) u[r] = u[r]! + (minVal - shortest[col4row[r]!]!);
    for (let c = 0; c < nc; c++) if (scannedCols[c]) v[c] = v[c]! - (minVal - shortest[c]!);
    let j = sink;
    for (;;) {
      const r = path[j]!;
      row4col[j] = r;
      const previous = col4row[r]!;
      col4row[r] = j;
      j = previous;
      if (r === current) break;
    }
  }
  return col4row;
}

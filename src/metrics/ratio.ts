/**
 * `1 - |a - b| / max(a, b)` for non-negative counts: 1 when equal, 0 when one
 * is 0 and the other is not. Two zeros are equal, so they score 1.
 */
export function ratioSimilarity(a: number, b: number): number {
  const larger = Math.max(a, b);
  return larger === 0 ? 1 : 1 - Math.abs(a - b) / larger;
}

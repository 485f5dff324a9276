/** How the widths of a dataset's screenshots compare with the width its pages are rendered at. */
export interface WidthCheck {
  /** Screenshots looked at. */
  total: number;
  /** Of them, those not as wide as the renders. */
  differing: number;
  /** Each width seen with how many screenshots have it, most first (equal counts: narrower first). */
  widths: Array<{ width: number; count: number }>;
  /**
   * Set when the screenshots were taken at another width than the renders' (the render width is
   * not the one width more screenshots have than any other): the most common other width, the one
   * `--width` should be given.
   */
  takenAt?: number;
}

/**
 * A full-page screenshot is as wide as the viewport it was taken at, unless the page itself is
 * wider; it is never narrower. So the width most screenshots share is the width they were taken
 * at, and a few wider ones are pages, not another viewport: Design2Code's test set has 479 of 484
 * screenshots 1,280 wide and 5 at 1,283-1,304 (pages wider than its 1,280 viewport), which is no
 * mismatch at 1,280, while a dataset of 1,920-wide screenshots is one. A tie (as many screenshots
 * at the render width as at another) is a mismatch: no single width tells the viewport.
 */
export function checkScreenshotWidths(widths: readonly number[], renderWidth: number): WidthCheck {
  const counts = new Map<number, number>();
  for (const width of widths) counts.set(width, (counts.get(width) ?? 0) + 1);
  const sorted = [...counts].map(([width, count]) => ({ width, count })).sort((a, b) => b.count - a.count || a.width - b.width);
  const atRenderWidth = counts.get(renderWidth) ?? 0;
  const rival = sorted.find(({ width }) => width !== renderWidth);
  return {
    total: widths.length,
    differing: widths.length - atRenderWidth,
    widths: sorted,
    ...(rival && rival.count >= atRenderWidth ? { takenAt: rival.width } : {}),
  };
}

/** `1920 px ×18, 1304 px ×2`: the widths seen, most frequent first. */
export function widthsText(check: WidthCheck): string {
  return check.widths.map(({ width, count }) => `${width} px ×${count}`).join(", ");
}

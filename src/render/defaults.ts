/** What a render uses when its caller does not say: light, so the CLI can show it without loading the browser code. */
export const RENDER_DEFAULTS = {
  viewport: { width: 1280, height: 720 },
  timeoutMs: 15_000,
  /** 3.2 viewports of 1280: wider than any page of Design2Code's test set (at most 1,304) or its published predictions (1,920). */
  maxWidth: 4_096,
  maxHeight: 16_384,
  maxHtmlBytes: 5 * 1024 * 1024,
} as const;

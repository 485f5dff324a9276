/** What a render uses when its caller does not say: light, so the CLI can show it without loading the browser code. */
export const RENDER_DEFAULTS = {
  viewport: { width: 1280, height: 720 },
  timeoutMs: 15_000,
  maxHeight: 16_384,
  maxHtmlBytes: 5 * 1024 * 1024,
} as const;

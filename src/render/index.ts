export { Renderer, BrowserNotFoundError, type RendererOptions } from "./renderer.js";
export { RENDER_DEFAULTS } from "./defaults.js";
export { findBrowser, downloadBrowser, puppeteerCacheDir, BROWSER_HINT, type FoundBrowser } from "./browser-path.js";
export type { PageFacts, RenderJob, RenderResult, RenderFailureStatus, Viewport } from "./types.js";

export { Renderer, BrowserNotFoundError, type RendererOptions } from "./renderer.js";
export { RENDER_DEFAULTS } from "./defaults.js";
export { findBrowser, downloadBrowser, puppeteerCacheDir, BROWSER_HINT, type FoundBrowser } from "./browser-path.js";
export type {
  InteractJob,
  InteractResult,
  InteractStep,
  InteractStepResult,
  PageFacts,
  RenderJob,
  RenderResult,
  RenderFailureStatus,
  Viewport,
} from "./types.js";
export { LibraryStore, libraryRoot, openLibraryStore } from "./libraries/store.js";
export { installLibraries, RegistryUnreachableError, DEFAULT_REGISTRY, type InstallReport } from "./libraries/install.js";
export { LIBRARY_CATALOG, type CatalogEntry } from "./libraries/catalog.js";
export type { SandboxMode } from "./sandbox.js";
export type { RefusedUrl } from "./request-log.js";

import { join } from "node:path";
import type { InteractJob, InteractResult, PageFacts, Renderer, RenderJob, RenderResult } from "../render/index.js";
import { CacheStore } from "./cache-store.js";

/** A render, and whether it came from the cache (its `renderMs` is then the first render's). */
export type CachedRender = RenderResult & { cached?: boolean };

/**
 * Renders of reference and predicted pages, cached on disk by page content, page path, dataset
 * fingerprint (the assets a page may load) and renderer fingerprint (browser, viewport, flags), and the job's own viewport where it has one.
 * Renders are deterministic by design; failures are never cached.
 */
export class RenderCache {
  private readonly store: CacheStore;

  constructor(
    private readonly renderer: Renderer,
    cacheRoot: string,
    private readonly datasetFingerprint: string,
    private readonly enabled: boolean,
  ) {
    this.store = new CacheStore(join(cacheRoot, "renders"));
  }

  /** Drives a page through its interactions (task `interaction`): not cached, as a page's states are only worth keeping with their scores. */
  interact(job: InteractJob): Promise<InteractResult> {
    return this.renderer.interact(job);
  }

  async render(job: RenderJob): Promise<CachedRender> {
    if (!this.enabled) return this.renderer.render(job);
    // A job at its own viewport is another render of the page (a job without one keeps the key it always had).
    const viewport = job.viewport ? [`${job.viewport.width}x${job.viewport.height}`] : [];
    const key = CacheStore.key(this.renderer.fingerprint, this.datasetFingerprint, job.pagePath, job.html, ...viewport);
    const png = this.store.read(key, "png");
    const facts = this.store.read(key, "json");
    if (png && facts) {
      try {
        return { ok: true, png, facts: JSON.parse(facts.toString("utf8")) as PageFacts, cached: true };
      } catch {
        // A damaged entry is rendered again and overwritten.
      }
    }
    const result = await this.renderer.render(job);
    if (result.ok) {
      this.store.write(key, "png", result.png);
      this.store.write(key, "json", JSON.stringify(result.facts));
    }
    return result;
  }
}

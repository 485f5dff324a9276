import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PageFacts, Renderer, RenderJob, RenderResult } from "../render/index.js";
import { writeFileAtomic } from "./atomic.js";

/**
 * Reference pages go through the same renderer as predictions; their renders are cached on disk by
 * page content, dataset fingerprint (assets) and renderer fingerprint (browser, viewport, flags).
 * Failures are never cached.
 */
export class ReferenceRenders {
  private readonly dir: string;

  constructor(
    private readonly renderer: Renderer,
    cacheRoot: string,
    private readonly datasetFingerprint: string,
    private readonly useCache: boolean,
  ) {
    this.dir = join(cacheRoot, "reference-renders");
  }

  async get(job: RenderJob): Promise<RenderResult> {
    if (!this.useCache) return this.renderer.render(job);
    const key = createHash("sha256")
      .update(`${this.renderer.fingerprint}\0${this.datasetFingerprint}\0${job.pagePath}\0`)
      .update(job.html)
      .digest("hex");
    const png = join(this.dir, `${key}.png`);
    const facts = join(this.dir, `${key}.json`);
    if (existsSync(png) && existsSync(facts)) {
      try {
        return { ok: true, png: readFileSync(png), facts: JSON.parse(readFileSync(facts, "utf8")) as PageFacts };
      } catch {
        // An unreadable entry is rendered again and overwritten.
      }
    }
    const result = await this.renderer.render(job);
    if (result.ok) {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomic(png, result.png);
      writeFileAtomic(facts, JSON.stringify(result.facts));
    }
    return result;
  }
}

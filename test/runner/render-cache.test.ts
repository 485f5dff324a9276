import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Renderer, RenderResult } from "../../src/render/index.js";
import { RenderCache } from "../../src/runner/render-cache.js";
import { tempDir } from "../helpers/dataset.js";

const FACTS = {
  width: 1,
  height: 1,
  contentWidth: 1,
  contentHeight: 1,
  widthCapped: false,
  heightCapped: false,
  title: "",
  elementCount: 1,
  blockedRequests: 0,
  refusedUrls: [],
  libraryRequests: 0,
  libraryNotes: [],
  dialogs: 0,
  textBlocks: [{ text: "x", x: 0, y: 0, width: 1, height: 1, color: [0, 0, 0] as [number, number, number] }],
  renderMs: 1,
};

/** A renderer that answers from a script of results and counts its calls. */
function scriptedRenderer(results: RenderResult[], fingerprint = "fp1") {
  let calls = 0;
  const renderer = { fingerprint, render: async () => results[calls++]! } as unknown as Renderer;
  return { renderer, calls: () => calls };
}

const ok = (byte: number): RenderResult => ({ ok: true, png: Buffer.from([byte]), facts: FACTS });
const job = { html: "<p>x</p>", pagePath: "pages/x.html" };

describe("RenderCache", () => {
  it("renders a page once and serves it from disk after, also to a new process, saying so", async () => {
    const dir = tempDir();
    const first = scriptedRenderer([ok(1)]);
    expect(await new RenderCache(first.renderer, dir, "sha256:d", true).render(job)).toEqual(ok(1));
    const second = scriptedRenderer([ok(2)]);
    expect(await new RenderCache(second.renderer, dir, "sha256:d", true).render(job)).toEqual({ ...ok(1), cached: true });
    expect(second.calls()).toBe(0);
  });

  it("renders again when the page, the dataset, the renderer or the job's own viewport differs", async () => {
    const dir = tempDir();
    await new RenderCache(scriptedRenderer([ok(1)]).renderer, dir, "sha256:d", true).render(job);
    for (const [renderer, dataset, page] of [
      [scriptedRenderer([ok(2)], "fp2"), "sha256:d", job],
      [scriptedRenderer([ok(2)]), "sha256:e", job],
      [scriptedRenderer([ok(2)]), "sha256:d", { ...job, html: "<p>y</p>" }],
      [scriptedRenderer([ok(2)]), "sha256:d", { ...job, viewport: { width: 390, height: 844 } }],
    ] as const) {
      expect(await new RenderCache(renderer.renderer, dir, dataset, true).render(page)).toEqual(ok(2));
    }
  });

  it("never stores a failure, and skips the cache when told to", async () => {
    const dir = tempDir();
    const failure: RenderResult = { ok: false, status: "render_timeout", error: "slow" };
    const flaky = scriptedRenderer([failure, ok(3)]);
    const references = new RenderCache(flaky.renderer, dir, "sha256:d", true);
    expect(await references.render(job)).toEqual(failure);
    expect(await references.render(job)).toEqual(ok(3));
    const uncached = scriptedRenderer([ok(4)]);
    expect(await new RenderCache(uncached.renderer, dir, "sha256:d", false).render(job)).toEqual(ok(4));
  });
});

describe("RenderCache on a disk it cannot write", () => {
  it("renders and answers as if there were no cache", async () => {
    const file = join(tempDir(), "not-a-folder");
    writeFileSync(file, "");
    const renderer = scriptedRenderer([ok(5), ok(6)]);
    const cache = new RenderCache(renderer.renderer, file, "sha256:d", true);
    expect(await cache.render(job)).toEqual(ok(5));
    expect(await cache.render(job)).toEqual(ok(6));
  });
});

import { describe, expect, it } from "vitest";
import type { Renderer, RenderResult } from "../../src/render/index.js";
import { ReferenceRenders } from "../../src/runner/reference-renders.js";
import { tempDir } from "../helpers/dataset.js";

const FACTS = { width: 1, height: 1, contentHeight: 1, heightCapped: false, title: "", elementCount: 1, blockedRequests: 0, dialogs: 0, renderMs: 1 };

/** A renderer that answers from a script of results and counts its calls. */
function scriptedRenderer(results: RenderResult[], fingerprint = "fp1") {
  let calls = 0;
  const renderer = { fingerprint, render: async () => results[calls++]! } as unknown as Renderer;
  return { renderer, calls: () => calls };
}

const ok = (byte: number): RenderResult => ({ ok: true, png: Buffer.from([byte]), facts: FACTS });
const job = { html: "<p>x</p>", pagePath: "pages/x.html" };

describe("ReferenceRenders", () => {
  it("renders a page once and serves it from disk after, also to a new process", async () => {
    const dir = tempDir();
    const first = scriptedRenderer([ok(1)]);
    expect(await new ReferenceRenders(first.renderer, dir, "sha256:d", true).get(job)).toEqual(ok(1));
    const second = scriptedRenderer([ok(2)]);
    expect(await new ReferenceRenders(second.renderer, dir, "sha256:d", true).get(job)).toEqual(ok(1));
    expect(second.calls()).toBe(0);
  });

  it("renders again when the page, the dataset or the renderer differs", async () => {
    const dir = tempDir();
    await new ReferenceRenders(scriptedRenderer([ok(1)]).renderer, dir, "sha256:d", true).get(job);
    for (const [renderer, dataset, page] of [
      [scriptedRenderer([ok(2)], "fp2"), "sha256:d", job],
      [scriptedRenderer([ok(2)]), "sha256:e", job],
      [scriptedRenderer([ok(2)]), "sha256:d", { ...job, html: "<p>y</p>" }],
    ] as const) {
      expect(await new ReferenceRenders(renderer.renderer, dir, dataset, true).get(page)).toEqual(ok(2));
    }
  });

  it("never stores a failure, and skips the cache when told to", async () => {
    const dir = tempDir();
    const failure: RenderResult = { ok: false, status: "render_timeout", error: "slow" };
    const flaky = scriptedRenderer([failure, ok(3)]);
    const references = new ReferenceRenders(flaky.renderer, dir, "sha256:d", true);
    expect(await references.get(job)).toEqual(failure);
    expect(await references.get(job)).toEqual(ok(3));
    const uncached = scriptedRenderer([ok(4)]);
    expect(await new ReferenceRenders(uncached.renderer, dir, "sha256:d", false).get(job)).toEqual(ok(4));
  });
});

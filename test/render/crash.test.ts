import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import puppeteer, { type Target } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer } from "../../src/render/index.js";
import { tempDir } from "../helpers/dataset.js";
import { HOSTILE_DIR } from "../helpers/hostile.js";

const page = (body: string) => `<!DOCTYPE html><html><head><style>body{margin:0}</style></head><body>${body}</body></html>`;
/** Busy for a while before it loads, so that a test can crash or kill what renders it meanwhile. */
const slowPage = (ms: number, colour: string) =>
  page(`<script>const end = Date.now() + ${ms}; while (Date.now() < end) {}</script><div style="height:40px;background:${colour}"></div>`);

function topLeft(png: Buffer): number[] {
  return [...PNG.sync.read(png).data.subarray(0, 4)];
}

/**
 * Crashes the renderer of each page whose URL contains `marker`, up to `times` pages, through a second
 * DevTools client (`Page.crash`), the way an out-of-memory kill would end it.
 */
async function crashPages(renderer: Renderer, marker: string, times: number): Promise<() => Promise<number>> {
  const spy = await puppeteer.connect({ browserWSEndpoint: renderer.browserWSEndpoint, defaultViewport: null });
  const crashed = new Set<Target>();
  let stop = false;
  const loop = (async () => {
    while (!stop && crashed.size < times) {
      for (const target of spy.targets()) {
        if (target.type() !== "page" || !target.url().includes(marker) || crashed.has(target)) continue;
        crashed.add(target);
        const session = await target.createCDPSession();
        // The page dies before it can answer.
        void session.send("Page.crash").catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async () => {
    stop = true;
    await loop;
    await spy.disconnect();
    return crashed.size;
  };
}

describe("Renderer crash recovery (real Chromium)", () => {
  let root: string;
  let renderer: Renderer;

  beforeAll(async () => {
    root = tempDir();
    renderer = await Renderer.launch({ assetRoot: root, viewport: { width: 320, height: 200 }, timeoutMs: 10_000, concurrency: 2 });
  });
  afterAll(() => renderer?.close());

  it("retries a page whose renderer crashed once, and renders it", async () => {
    const done = await crashPages(renderer, "crash-once", 1);
    const result = await renderer.render({ html: slowPage(1_500, "#00ff00"), pagePath: "pages/crash-once.html" });
    expect(await done()).toBe(1);
    if (!result.ok) throw new Error(result.error);
    expect(topLeft(result.png)).toEqual([0, 255, 0, 255]);
    expect(renderer.browserRestarts).toBe(0);
  });

  it("fails a page whose renderer crashed twice, alone: the next page renders", async () => {
    const done = await crashPages(renderer, "crash-twice", 2);
    const result = await renderer.render({ html: slowPage(1_500, "#00ff00"), pagePath: "pages/crash-twice.html" });
    expect(await done()).toBe(2);
    expect(result).toEqual({
      ok: false,
      status: "render_error",
      error: "renderer crashed twice: the page crashed (Page crashed!); on the retry: the page crashed (Page crashed!)",
    });
    const next = await renderer.render({ html: page(`<div style="height:40px;background:#0000ff"></div>`), pagePath: "pages/next.html" });
    if (!next.ok) throw new Error(next.error);
    expect(topLeft(next.png)).toEqual([0, 0, 255, 255]);
  });

  it("fails the memory bomb as a crash, twice, well before the deadline", async () => {
    const started = Date.now();
    const result = await renderer.render({
      html: readFileSync(join(HOSTILE_DIR, "memory-bomb.html"), "utf8"),
      pagePath: "pages/bomb.html",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe("render_error");
    expect(result.error).toMatch(/^renderer crashed twice: the page crashed/);
    expect(Date.now() - started).toBeLessThan(2 * 10_000);
    expect(renderer.browserRestarts).toBe(0);
  });

  it("restarts a killed browser and retries every render that was in flight or waiting", async () => {
    const before = renderer.browserProcessId;
    expect(before).toBeGreaterThan(0);
    const colours = ["#ff0000", "#00ff00", "#0000ff"];
    // Two workers: two renders in flight and one waiting when the browser dies.
    const renders = colours.map((colour, i) => renderer.render({ html: slowPage(1_000, colour), pagePath: `pages/kill-${i}.html` }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    process.kill(before!, "SIGKILL");
    const results = await Promise.all(renders);
    expect(results.map((r) => (r.ok ? topLeft(r.png) : r.error))).toEqual([
      [255, 0, 0, 255],
      [0, 255, 0, 255],
      [0, 0, 255, 255],
    ]);
    expect(renderer.browserRestarts).toBe(1);
    expect(renderer.browserProcessId).not.toBe(before);
    const next = await renderer.render({ html: page(`<div style="height:40px;background:#ffff00"></div>`), pagePath: "pages/after.html" });
    if (!next.ok) throw new Error(next.error);
    expect(topLeft(next.png)).toEqual([255, 255, 0, 255]);
  });

  it("ends renders in flight when it is closed, without hanging", async () => {
    const own = await Renderer.launch({ assetRoot: null, timeoutMs: 10_000 });
    const inFlight = own.render({ html: slowPage(3_000, "#ffffff"), pagePath: "a.html" });
    const waiting = own.render({ html: slowPage(3_000, "#ffffff"), pagePath: "b.html" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await own.close();
    const results = await Promise.all([inFlight, waiting]);
    expect(Date.now() - started).toBeLessThan(3_000);
    for (const result of results) expect(result).toMatchObject({ ok: false, status: "render_error" });
  });
});

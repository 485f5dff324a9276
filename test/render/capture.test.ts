import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer, type RenderResult } from "../../src/render/index.js";
import { assetRoot } from "../helpers/dataset.js";

/** What the capture covers and what state it shows: Playwright's full page, the page at rest. */
describe("Renderer capture (real Chromium)", () => {
  let renderer: Renderer;

  beforeAll(async () => {
    const root = assetRoot({
      "tall.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="500"><rect width="10" height="500" fill="#ff0000"/></svg>`,
    });
    renderer = await Renderer.launch({
      assetRoot: root,
      viewport: { width: 320, height: 200 },
      timeoutMs: 5_000,
      maxWidth: 1_000,
      maxHeight: 6_000,
    });
  });
  afterAll(() => renderer?.close());

  const page = (head: string, body: string) =>
    `<!DOCTYPE html><html><head><style>body{margin:0}</style>${head}</head><body>${body}</body></html>`;

  async function rendered(html: string, name = "p"): Promise<Extract<RenderResult, { ok: true }>> {
    const result = await renderer.render({ html, pagePath: `pages/${name}.html` });
    if (!result.ok) throw new Error(result.error);
    return result;
  }

  function pixel(result: Extract<RenderResult, { ok: true }>, x: number, y: number): number[] {
    const image = PNG.sync.read(result.png);
    const i = (y * image.width + x) * 4;
    return [...image.data.subarray(i, i + 4)];
  }

  it("covers the page's whole scroll width, as Playwright's full-page screenshot does", async () => {
    const result = await rendered(page("", `<div style="width:700px;height:50px;background:#0000ff"></div>`));
    expect([result.facts.width, result.facts.contentWidth, result.facts.widthCapped]).toEqual([700, 700, false]);
    expect(PNG.sync.read(result.png).width).toBe(700);
    expect(pixel(result, 650, 10)).toEqual([0, 0, 255, 255]);
  });

  it("is never narrower than the viewport", async () => {
    const narrow = await rendered(page("", `<div style="width:100px;height:50px"></div>`));
    expect([narrow.facts.width, narrow.facts.contentWidth]).toEqual([320, 320]);
  });

  it("cuts a page wider than the cap and says so", async () => {
    const result = await rendered(page("", `<div style="width:3000px;height:50px"></div>`));
    expect([result.facts.width, result.facts.contentWidth, result.facts.widthCapped]).toEqual([1_000, 3_000, true]);
  });

  it("loads lazy images far below the viewport before measuring, so the page has its whole height", async () => {
    const result = await rendered(
      page("", `<div style="height:4000px"></div><img loading="lazy" decoding="async" src="../assets/tall.svg" style="display:block">`),
    );
    expect(result.facts.contentHeight).toBe(4_500);
    expect(pixel(result, 5, 4_400)).toEqual([255, 0, 0, 255]);
  });

  it("draws content-visibility: auto content far below the viewport, at its own size", async () => {
    const html = page(
      "<style>footer { content-visibility: auto; contain-intrinsic-size: 10px }</style>",
      `<div style="height:4000px"></div><footer><div style="height:500px;background:#0000ff"></div></footer>`,
    );
    const result = await rendered(html);
    expect(result.facts.contentHeight).toBe(4_500);
    expect(pixel(result, 5, 4_400)).toEqual([0, 0, 255, 255]);
  });

  it("shows finite animations and transitions at their end, and infinite ones cancelled (the element without them)", async () => {
    const html = page(
      `<style>@keyframes show { from { background: #ff0000 } to { background: #00ff00 } }` +
        `@keyframes blink { from { background: #ff0000 } to { background: #ffff00 } }` +
        `#fade { height: 20px; background: #ff0000; animation: show 60s 1s forwards }` +
        `#loop { height: 20px; background: #0000ff; animation: blink 1s infinite }` +
        `#late { height: 20px; background: #ff0000; transition: background 60s }</style>`,
      `<div id="fade"></div><div id="loop"></div><div id="late"></div>` +
        `<script>addEventListener("load", () => requestAnimationFrame(() => { document.getElementById("late").style.background = "#00ff00"; }));</script>`,
    );
    const result = await rendered(html);
    expect(pixel(result, 5, 5)).toEqual([0, 255, 0, 255]);
    expect(pixel(result, 5, 25)).toEqual([0, 0, 255, 255]);
    expect(pixel(result, 5, 45)).toEqual([0, 255, 0, 255]);
  });

  it("gives the same pixels for a page with a marquee and motion, render after render", async () => {
    const html = page(
      `<style>@keyframes spin { to { transform: rotate(360deg) } } .s { width: 40px; height: 40px; background: #f00; animation: spin 0.7s linear infinite }</style>`,
      `<marquee scrollamount="30">a marquee that moves fast</marquee><div class="s"></div><marquee behavior="alternate">back and forth</marquee>`,
    );
    const first = await rendered(html, "m1");
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = await rendered(html, "m2");
    expect(PNG.sync.read(first.png).data.equals(PNG.sync.read(second.png).data)).toBe(true);
  });
});

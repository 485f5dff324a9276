import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer } from "../../src/render/index.js";
import { tempDir } from "../helpers/dataset.js";

const SQUARE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#ff0000"/></svg>`;

function pixel(png: Buffer, x: number, y: number): number[] {
  const image = PNG.sync.read(png);
  const i = (y * image.width + x) * 4;
  return [...image.data.subarray(i, i + 4)];
}

describe("Renderer (real Chromium)", () => {
  let root: string;
  let renderer: Renderer;

  beforeAll(async () => {
    root = tempDir();
    mkdirSync(join(root, "pages"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "assets", "red.svg"), SQUARE_SVG);
    writeFileSync(join(root, "..", "secret-w2c.svg"), SQUARE_SVG);
    renderer = await Renderer.launch({ assetRoot: root, viewport: { width: 320, height: 200 }, timeoutMs: 3_000, maxHeight: 1_000 });
  });
  afterAll(() => renderer?.close());

  const page = (body: string) => `<!DOCTYPE html><html><head><style>body{margin:0}</style></head><body>${body}</body></html>`;

  it("renders at the viewport width, full page, the same pixels every time", async () => {
    const html = page(`<div style="height:500px;background:#00ff00"></div><input autofocus><p style="animation:spin 1s infinite">moving</p>`);
    const first = await renderer.render({ html, pagePath: "pages/a.html" });
    const second = await renderer.render({ html, pagePath: "pages/a.html" });
    if (!first.ok || !second.ok) throw new Error("render failed");
    expect(first.facts.width).toBe(320);
    expect(first.facts.height).toBeGreaterThan(500);
    expect(PNG.sync.read(first.png).data.equals(PNG.sync.read(second.png).data)).toBe(true);
    expect(pixel(first.png, 5, 5)).toEqual([0, 255, 0, 255]);
  });

  it("serves dataset files by relative URL and nothing outside the folder or on the network", async () => {
    const html = page(
      `<img src="../assets/red.svg" style="display:block"><img src="../../secret-w2c.svg" style="position:absolute;left:20px;top:0">` +
        `<img src="http://127.0.0.1:9/x.png"><img src="file:///etc/hostname">`,
    );
    const result = await renderer.render({ html, pagePath: "pages/b.html" });
    if (!result.ok) throw new Error(result.error);
    expect(pixel(result.png, 5, 5)).toEqual([255, 0, 0, 255]);
    expect(pixel(result.png, 25, 5)).toEqual([255, 255, 255, 255]);
    expect(result.facts.blockedRequests).toBeGreaterThanOrEqual(2);
  });

  it("cuts a page taller than the cap and says so", async () => {
    const result = await renderer.render({ html: page(`<div style="height:3000px"></div>`), pagePath: "pages/tall.html" });
    if (!result.ok) throw new Error(result.error);
    expect(result.facts.height).toBe(1_000);
    expect(result.facts.contentHeight).toBe(3_000);
    expect(result.facts.heightCapped).toBe(true);
  });

  it("ends an endless script at the deadline, then renders the next page normally", async () => {
    const started = Date.now();
    const looping = await renderer.render({ html: page(`<script>for(;;){}</script>`), pagePath: "pages/loop.html" });
    expect(looping).toEqual({ ok: false, status: "render_timeout", error: "page did not finish rendering within 3000 ms" });
    expect(Date.now() - started).toBeLessThan(3_000 + 6_000);
    const next = await renderer.render({ html: page(`<div style="height:50px;background:#0000ff"></div>`), pagePath: "pages/n.html" });
    if (!next.ok) throw new Error(next.error);
    expect(pixel(next.png, 5, 5)).toEqual([0, 0, 255, 255]);
  });

  it("dismisses dialogs and counts them", async () => {
    const result = await renderer.render({ html: page(`<script>alert(1); confirm("x"); prompt("y");</script><p>after</p>`), pagePath: "pages/d.html" });
    if (!result.ok) throw new Error(result.error);
    expect(result.facts.dialogs).toBe(3);
  });

  it("refuses a page over the size cap without rendering it", async () => {
    const small = await Renderer.launch({ assetRoot: null, maxHtmlBytes: 100 });
    try {
      const result = await small.render({ html: "x".repeat(101), pagePath: "big.html" });
      expect(result).toEqual({ ok: false, status: "html_too_large", error: "page is 101 bytes, over the 100-byte cap" });
    } finally {
      await small.close();
    }
  });
});

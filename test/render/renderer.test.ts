import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer } from "../../src/render/index.js";
import { assetRoot } from "../helpers/dataset.js";

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
    root = assetRoot({ "red.svg": SQUARE_SVG });
    writeFileSync(join(root, "..", "secret-w2c.svg"), SQUARE_SVG);
    renderer = await Renderer.launch({ assetRoot: root, viewport: { width: 320, height: 200 }, timeoutMs: 3_000, maxHeight: 1_000 });
  });
  afterAll(() => renderer?.close());

  const page = (body: string) => `<!DOCTYPE html><html><head><style>body{margin:0}</style></head><body>${body}</body></html>`;

  it("renders at the viewport width, full page, the same pixels every time", async () => {
    const html = page(
      `<div style="height:500px;background:#00ff00"></div><input autofocus><p style="animation:spin 1s infinite">moving</p>`,
    );
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
    const result = await renderer.render({
      html: page(`<script>alert(1); confirm("x"); prompt("y");</script><p>after</p>`),
      pagePath: "pages/d.html",
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.facts.dialogs).toBe(3);
  });

  it("keeps a page that navigates away or reloads itself where it is", async () => {
    const html = page(
      `<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/away"><div style="height:50px;background:#00ff00"></div>` +
        `<script>location.href = "http://127.0.0.1:9/script"; addEventListener("load", () => location.reload());</script>`,
    );
    const result = await renderer.render({ html, pagePath: "pages/away.html" });
    if (!result.ok) throw new Error(result.error);
    expect(pixel(result.png, 5, 5)).toEqual([0, 255, 0, 255]);
    expect(result.facts.title).toBe("");
    expect(result.facts.blockedRequests).toBeGreaterThanOrEqual(1);
  });

  it("stops scripted animations too, so the render is the page at rest", async () => {
    const html = page(
      `<div id="a" style="height:50px;background:#0000ff"></div>` +
        `<script>document.getElementById("a").animate([{ background: "#ff0000" }, { background: "#00ff00" }], { duration: 300, iterations: Infinity });</script>`,
    );
    const first = await renderer.render({ html, pagePath: "pages/anim.html" });
    if (!first.ok) throw new Error(first.error);
    expect(pixel(first.png, 5, 5)).toEqual([0, 0, 255, 255]);
  });

  it("gives every page the same fresh state, whatever the page before it left", async () => {
    const reader = page(
      `<script>let s = -1, l = -1; try { s = sessionStorage.length; l = localStorage.length; } catch (e) {}` +
        `document.title = [document.cookie, l, s, window.name, history.length].join("|");</script>`,
    );
    const fresh = await renderer.render({ html: reader, pagePath: "pages/reader.html" });
    const writer = page(
      `<script>localStorage.setItem("a", "1"); sessionStorage.setItem("b", "2"); document.cookie = "c=3; path=/"; window.name = "left";` +
        `for (let i = 0; i < 5; i++) history.pushState({}, "", "#" + i); setInterval(() => alert("later"), 20);</script>`,
    );
    const written = await renderer.render({ html: writer, pagePath: "pages/writer.html" });
    const after = await renderer.render({ html: reader, pagePath: "pages/reader.html" });
    if (!fresh.ok || !written.ok || !after.ok) throw new Error("render failed");
    expect(fresh.facts.title).toBe("|0|0||2");
    expect(after.facts.title).toBe(fresh.facts.title);
    expect(after.facts.dialogs).toBe(0);
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

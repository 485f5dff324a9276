import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer, type InteractResult, type InteractStep, type InteractStepResult } from "../../src/render/index.js";

/** Interactions (docs/renderer.md#interactions): each step on the page at its start state, a named outcome for each. */
// Generous deadlines: the machines these run on can be loaded many times over.
describe("Renderer.interact (real Chromium)", { timeout: 180_000 }, () => {
  let renderer: Renderer;

  beforeAll(async () => {
    renderer = await Renderer.launch({ assetRoot: null, viewport: { width: 320, height: 200 }, timeoutMs: 30_000 });
  });
  afterAll(() => renderer?.close());

  /** A white page; `#interactN` elements are placed absolutely so that their boxes are known. */
  const page = (style: string, body: string) =>
    `<!DOCTYPE html><html><head><style>body{margin:0;background:#fff} button{border:0;padding:0;background:#ccc}` +
    `${style}</style></head><body>${body}</body></html>`;
  const at = (left: number, top: number, width: number, height: number) =>
    `position:absolute;left:${left}px;top:${top}px;width:${width}px;height:${height}px`;

  async function interact(html: string, steps: InteractStep[]): Promise<Extract<InteractResult, { ok: true }>> {
    const result = await renderer.interact({ html, pagePath: "pages/p.html", steps });
    if (!result.ok) throw new Error(result.error);
    return result;
  }

  async function oneStep(html: string, step: InteractStep): Promise<{ start: Buffer; step: InteractStepResult }> {
    const result = await interact(html, [step]);
    expect(result.steps.length).toBe(1);
    return { start: result.png, step: result.steps[0]! };
  }

  function pixel(png: Buffer | undefined, x: number, y: number): number[] {
    const image = PNG.sync.read(png!);
    const i = (y * image.width + x) * 4;
    return [...image.data.subarray(i, i + 4)];
  }

  const WHITE = [255, 255, 255, 255];
  const GREEN = [0, 255, 0, 255];
  const RED = [255, 0, 0, 255];
  const BLUE = [0, 0, 255, 255];

  it("captures the start state exactly as a plain render of the page does", async () => {
    const html = page("", `<button id="interact1" style="${at(10, 20, 100, 30)}">go</button>`);
    const result = await interact(html, [{ index: 1, action: "click" }]);
    const plain = await renderer.render({ html, pagePath: "pages/p.html" });
    if (!plain.ok) throw new Error(plain.error);
    expect(result.png.equals(plain.png)).toBe(true);
    expect({ ...result.facts, renderMs: 0 }).toEqual({ ...plain.facts, renderMs: 0 });
  });

  it("click: a button that toggles a class changes the page; the box is the element's before the action", async () => {
    const html = page(
      "body.on{background:#00ff00}",
      `<button id="interact1" style="${at(10, 20, 100, 30)}" onclick="document.body.classList.toggle('on')">go</button>`,
    );
    const { start, step } = await oneStep(html, { index: 1, action: "click" });
    expect({ ...step, png: undefined }).toEqual({
      index: 1,
      outcome: "changed",
      box: { x: 10, y: 20, width: 100, height: 30 },
      png: undefined,
      width: 320,
      height: 200,
    });
    expect(pixel(start, 200, 150)).toEqual(WHITE);
    expect(pixel(step.png, 200, 150)).toEqual(GREEN);
  });

  it("hover: a :hover style alone changes the page", async () => {
    const html = page(
      "#interact1{background:#0000ff} #interact1:hover{background:#ff0000}",
      `<div id="interact1" style="${at(0, 0, 50, 50)}"></div>`,
    );
    const { start, step } = await oneStep(html, { index: 1, action: "hover" });
    expect(step.outcome).toBe("changed");
    expect(pixel(start, 25, 25)).toEqual(BLUE);
    expect(pixel(step.png, 25, 25)).toEqual(RED);
  });

  it("type: an input that echoes what is typed changes the page", async () => {
    const html = page(
      "#out{position:absolute;left:0;top:100px;font-size:30px}",
      `<input id="interact1" style="${at(10, 10, 100, 20)};box-sizing:border-box" oninput="document.getElementById('out').textContent = this.value">` +
        `<div id="out"></div>`,
    );
    const { step } = await oneStep(html, { index: 1, action: "type", text: "hello" });
    expect([step.outcome, step.box]).toEqual(["changed", { x: 10, y: 10, width: 100, height: 20 }]);
    // The echo is drawn: some pixel of the line under the input is no longer white.
    const image = PNG.sync.read(step.png!);
    let inked = 0;
    for (let y = 100; y < 140; y++) for (let x = 0; x < 150; x++) if (image.data[(y * image.width + x) * 4] !== 255) inked++;
    expect(inked).toBeGreaterThan(0);
  });

  it("select: the first other option is chosen, with input and change events", async () => {
    const html = page(
      "",
      `<select id="interact1" style="${at(10, 10, 80, 20)}" onchange="if (this.value === 'b') document.body.style.background = '#0000ff'">` +
        `<option>a</option><option disabled>x</option><option>b</option></select>`,
    );
    const { step } = await oneStep(html, { index: 1, action: "select" });
    expect(step.outcome).toBe("changed");
    expect(pixel(step.png, 200, 150)).toEqual(BLUE);
  });

  it("missing: no #interactN, no box, no capture", async () => {
    const { step } = await oneStep(page("", `<button id="interact1">go</button>`), { index: 9, action: "click" });
    expect(step).toEqual({ index: 9, outcome: "missing" });
  });

  it("not_visible: hidden by visibility, or by display (an empty box)", async () => {
    const html = page(
      "",
      `<button id="interact1" style="${at(10, 20, 100, 30)};visibility:hidden">a</button>` +
        `<div style="display:none"><button id="interact2">b</button></div>`,
    );
    const result = await interact(html, [
      { index: 1, action: "click" },
      { index: 2, action: "hover" },
    ]);
    expect(result.steps).toEqual([
      { index: 1, outcome: "not_visible", box: { x: 10, y: 20, width: 100, height: 30 } },
      { index: 2, outcome: "not_visible", box: { x: 0, y: 0, width: 0, height: 0 } },
    ]);
  });

  it("not_actionable: covered, disabled, not a <select>, not focusable; nothing is done", async () => {
    const html = page(
      "body.on{background:#00ff00}",
      `<button id="interact1" style="${at(10, 20, 100, 30)}" onclick="document.body.classList.add('on')">a</button>` +
        `<div id="cover" style="${at(0, 0, 200, 100)}"></div>` +
        `<button id="interact2" disabled style="${at(10, 120, 50, 20)}" onclick="document.body.classList.add('on')">b</button>` +
        `<div id="interact3" style="${at(100, 120, 50, 20)};background:#ccc"></div>`,
    );
    const result = await interact(html, [
      { index: 1, action: "click" },
      { index: 1, action: "hover" },
      { index: 2, action: "click" },
      { index: 3, action: "select" },
      { index: 3, action: "type", text: "x" },
    ]);
    expect(result.steps).toEqual([
      { index: 1, outcome: "not_actionable", box: { x: 10, y: 20, width: 100, height: 30 }, error: "its centre is covered by <div#cover>" },
      { index: 1, outcome: "not_actionable", box: { x: 10, y: 20, width: 100, height: 30 }, error: "its centre is covered by <div#cover>" },
      { index: 2, outcome: "not_actionable", box: { x: 10, y: 120, width: 50, height: 20 }, error: "the element is disabled" },
      {
        index: 3,
        outcome: "not_actionable",
        box: { x: 100, y: 120, width: 50, height: 20 },
        error: "the element is a <div>, not a <select>",
      },
      { index: 3, outcome: "not_actionable", box: { x: 100, y: 120, width: 50, height: 20 }, error: "the element does not take focus" },
    ]);
  });

  it("unchanged: a handler that draws nothing leaves the very same PNG as the start", async () => {
    const html = page("", `<button id="interact1" style="${at(10, 20, 100, 30)}" onclick="window.clicked = true">go</button>`);
    const { start, step } = await oneStep(html, { index: 1, action: "click" });
    expect(step.outcome).toBe("unchanged");
    expect(step.png!.equals(start)).toBe(true);
  });

  it("a handler that throws: the outcome is what the page shows, and no exception escapes", async () => {
    const html = page(
      "",
      `<button id="interact1" style="${at(10, 20, 100, 30)}" onclick="document.body.style.background = '#00ff00'; throw new Error('boom')">a</button>` +
        `<button id="interact2" style="${at(10, 60, 100, 30)}" onclick="throw new Error('boom')">b</button>`,
    );
    const result = await interact(html, [
      { index: 1, action: "click" },
      { index: 2, action: "click" },
    ]);
    expect(result.steps.map((step) => step.outcome)).toEqual(["changed", "unchanged"]);
    expect(pixel(result.steps[0]!.png, 200, 150)).toEqual(GREEN);
  });

  it("a dialog, a navigation away and a pop-up: the page stays and the step goes on", async () => {
    const html = page(
      "",
      `<button id="interact1" style="${at(10, 20, 100, 30)}" onclick="alert('hi'); window.open('https://example.com/'); ` +
        `location.href = 'other.html'; document.body.style.background = '#00ff00'">a</button>`,
    );
    const { step } = await oneStep(html, { index: 1, action: "click" });
    expect(step.outcome).toBe("changed");
    expect(pixel(step.png, 200, 150)).toEqual(GREEN);
  });

  it("a transition the click starts is captured at its end, the same bytes every time", async () => {
    const html = page(
      "#box{height:50px;background:#ff0000;transition:background 60s} body.on #box{background:#0000ff}",
      `<div id="box"></div><button id="interact1" style="${at(10, 100, 100, 30)}" onclick="document.body.classList.add('on')">go</button>`,
    );
    const first = await oneStep(html, { index: 1, action: "click" });
    const second = await oneStep(html, { index: 1, action: "click" });
    expect(first.step.outcome).toBe("changed");
    expect(pixel(first.step.png, 100, 25)).toEqual(BLUE);
    expect(first.step.png!.equals(second.step.png!)).toBe(true);
  });

  it("each step starts from the start state: neither the last step's DOM nor its storage reaches the next", async () => {
    const html = page(
      "body.on{background:#00ff00} body.seen{background:#ff0000}",
      `<script>if (localStorage.getItem("k") || sessionStorage.getItem("k") || name === "k") document.documentElement.className = "x";` +
        `addEventListener("DOMContentLoaded", () => { if (document.documentElement.className) document.body.classList.add("seen"); });</script>` +
        `<button id="interact1" style="${at(10, 20, 100, 30)}" onclick="document.body.classList.toggle('on')">a</button>` +
        `<button id="interact2" style="${at(10, 60, 100, 30)}" onclick="localStorage.setItem('k', 1); sessionStorage.setItem('k', 1); name = 'k'">b</button>`,
    );
    const result = await interact(html, [
      { index: 1, action: "click" },
      { index: 1, action: "click" },
      { index: 2, action: "click" },
      { index: 2, action: "click" },
      { index: 1, action: "hover" },
    ]);
    expect(result.steps.map((step) => step.outcome)).toEqual(["changed", "changed", "unchanged", "unchanged", "unchanged"]);
    expect(result.steps[1]!.png!.equals(result.steps[0]!.png!)).toBe(true);
    expect(pixel(result.steps[4]!.png, 200, 150)).toEqual(WHITE);
  });

  it("an element below the fold: clicked where it is, captured at the start's scroll (a fixed header stays put)", async () => {
    const html = page(
      "header{position:fixed;top:0;left:0;width:100%;height:20px;background:#0000ff}",
      `<header></header><div style="height:1000px"></div><button id="interact1" style="${at(10, 900, 100, 30)}" onclick="void 0">a</button>`,
    );
    const { start, step } = await oneStep(html, { index: 1, action: "click" });
    expect([step.outcome, step.box, step.height]).toEqual(["unchanged", { x: 10, y: 900, width: 100, height: 30 }, 1000]);
    expect(step.png!.equals(start)).toBe(true);
  });

  it("a page that hangs in its handler fails the job as a render times out, under the deadline scaled by its steps", async () => {
    const slow = await Renderer.launch({ assetRoot: null, viewport: { width: 320, height: 200 }, timeoutMs: 3_000 });
    try {
      const html = page("", `<button id="interact1" style="${at(10, 20, 100, 30)}" onclick="for (;;) {}">a</button>`);
      const result = await slow.interact({ html, pagePath: "pages/p.html", steps: [{ index: 1, action: "click" }] });
      expect(result).toEqual({ ok: false, status: "render_timeout", error: "page did not finish rendering within 6000 ms" });
    } finally {
      await slow.close();
    }
  });
});

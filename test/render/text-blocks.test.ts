import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer } from "../../src/render/index.js";
import type { TextBlock } from "../../src/shared/index.js";

describe("text blocks measured in the render pass (real Chromium)", () => {
  let renderer: Renderer;
  beforeAll(async () => {
    renderer = await Renderer.launch({ assetRoot: null, viewport: { width: 400, height: 300 }, timeoutMs: 5_000 });
  });
  afterAll(() => renderer?.close());

  async function blocks(body: string): Promise<TextBlock[]> {
    const html = `<!DOCTYPE html><html><head><style>body{margin:0;font:16px/20px sans-serif} p{margin:0}</style></head><body>${body}</body></html>`;
    const result = await renderer.render({ html, pagePath: "page.html" });
    if (!result.ok) throw new Error(result.error);
    return result.facts.textBlocks!;
  }

  it("makes one block per text-bearing element, with the text it paints itself, in Design2Code's order", async () => {
    const found = await blocks(
      `<div><p>First</p>Second  <strong>strong</strong> <b>bold</b> <em style="color:red">em</em>&nbsp;</div>` +
        `<section>Orphan text, in no text-bearing element</section><ul><li>one</li></ul>`,
    );
    // The p's text comes first, so its block does; the div's own text, the strong's and the em's are the div's
    // (joined by one space, each node stripped as Python strips); b is text-bearing itself; the section's text is in no block.
    expect(found.map((b) => b.text)).toEqual(["First", "Second strong em", "bold", "one"]);
  });

  it("leaves out what is not painted: hidden, clipped, transparent by opacity, form controls, SVG text", async () => {
    const found = await blocks(
      `<p style="visibility:hidden">hidden</p><div style="display:none"><p>none</p></div><p style="opacity:0">ghost</p>` +
        `<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)">Skip to content</span>` +
        `<div style="max-height:0;overflow:hidden"><p>folded answer</p></div>` +
        `<div><select><option>Option</option></select><textarea>typed</textarea></div>` +
        `<div><svg width="60" height="20"><text x="0" y="15">svg</text></svg></div><p>shown</p>`,
    );
    expect(found.map((b) => b.text)).toEqual(["shown"]);
  });

  it("measures boxes in page coordinates of the screenshot, as the screenshot lays the page out", async () => {
    const found = await blocks(
      `<p style="margin-left:30px">line</p><div style="height:600px"></div>` +
        `<div style="overflow:hidden;height:10px"><span style="position:absolute;left:5px;top:700px">escapes its static parent</span></div>` +
        `<div style="position:fixed;left:0;bottom:0"><a>fixed</a></div>`,
    );
    const [line, escaped, fixed] = found;
    // Boxes are the text's own (the font's ascent to descent on each line, rounded outwards), inside its 20 px line.
    const within = (block: TextBlock | undefined, text: string, x: number, lineTop: number) => {
      expect(block).toMatchObject({ text, x });
      expect(block!.y).toBeGreaterThanOrEqual(lineTop);
      expect(block!.y + block!.height).toBeLessThanOrEqual(lineTop + 20);
      expect(block!.height).toBeGreaterThanOrEqual(15);
      expect(block!.width).toBeGreaterThan(0);
    };
    within(line, "line", 30, 0);
    within(escaped, "escapes its static parent", 5, 700);
    // A fixed element sits where the viewport put it: the full-page screenshot does not move it.
    within(fixed, "fixed", 0, 280);
  });

  it("reports the text colour, blended by opacity and alpha over the backgrounds behind it", async () => {
    const found = await blocks(
      `<p style="color:#112233">solid</p><p style="color:#000;opacity:0.5">half</p>` +
        `<div style="background:#ff0000"><p style="color:rgba(0,0,255,0.5)">blue on red</p></div>`,
    );
    expect(found.map((b) => [b.text, b.color])).toEqual([
      ["solid", [17, 34, 51]],
      ["half", [128, 128, 128]],
      ["blue on red", [128, 0, 128]],
    ]);
  });
});

import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { boxesHtml } from "../../../src/model/backends/boxes.js";
import { CONTEXT, createModel, request } from "./request.js";

type Rgba = [number, number, number, number];
const WHITE: Rgba = [255, 255, 255, 255];
const RED: Rgba = [255, 0, 0, 255];

function png(width: number, height: number, colour: (x: number, y: number) => Rgba): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image.data.set(colour(x, y), (y * width + x) * 4);
  return PNG.sync.write(image);
}

const inside = (x: number, y: number, left: number, top: number, w: number, h: number): boolean =>
  x >= left && x < left + w && y >= top && y < top + h;

describe("boxes backend", () => {
  const signal = new AbortController().signal;

  it("draws a grid-aligned square exactly, on the page's background", async () => {
    const image = png(64, 48, (x, y) => (inside(x, y, 8, 8, 16, 16) ? RED : WHITE));
    const reply = await (await createModel("boxes", CONTEXT)).generate(request({ image }), signal);
    expect(reply).toEqual({
      ok: true,
      finishReason: "stop",
      text:
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><style>body>div{position:absolute}</style></head>\n' +
        '<body style="margin:0;background:rgb(255,255,255);position:relative;width:64px;height:48px">\n' +
        '<div style="left:8px;top:8px;width:16px;height:16px;background:rgb(255,0,0)"></div>\n' +
        "</body></html>\n",
    });
  });

  it("takes the most frequent colour as background and clips boxes to the image", async () => {
    // Dark page, 20x12: a light band over the last 4 columns, which end in a partial cell.
    const html = await boxesHtml(png(20, 12, (x) => (x >= 16 ? [250, 250, 250, 255] : [10, 20, 30, 255])));
    expect(html).toContain("background:rgb(10,20,30);position:relative;width:20px;height:12px");
    expect(html).toContain('<div style="left:16px;top:0px;width:4px;height:12px;background:rgb(250,250,250)"></div>');
    expect(html.match(/<div /g)).toHaveLength(1);
  });

  it("merges near colours into one run and keeps different ones apart", async () => {
    // Two 8px cells of near-identical blue, then one of green, on a white 48x8 strip.
    const html = await boxesHtml(
      png(48, 8, (x) => (x < 8 ? [0, 0, 200, 255] : x < 16 ? [0, 0, 210, 255] : x < 24 ? [0, 180, 0, 255] : WHITE)),
    );
    expect(html).toContain('<div style="left:0px;top:0px;width:16px;height:8px;background:rgb(0,0,205)"></div>');
    expect(html).toContain('<div style="left:16px;top:0px;width:8px;height:8px;background:rgb(0,180,0)"></div>');
  });

  it("sees transparent pixels over white", async () => {
    const html = await boxesHtml(png(16, 16, (x) => (x < 8 ? [0, 0, 0, 0] : [0, 0, 0, 255])));
    expect(html).toContain("background:rgb(255,255,255)");
    expect(html).toContain('<div style="left:8px;top:0px;width:8px;height:16px;background:rgb(0,0,0)"></div>');
  });

  it("keeps a busy 1280x3000 page well under 1 MB, deterministically", async () => {
    // A different colour in every cell: the worst case for merging.
    const image = png(1280, 3000, (x, y) => {
      const k = ((x >> 3) * 7919 + (y >> 3) * 104729) % 251;
      return [k, (k * 3) % 256, (k * 7) % 256, 255];
    });
    const html = await boxesHtml(image);
    expect(html.length).toBeLessThan(500_000);
    expect(html.match(/<div /g)).toHaveLength(4000);
    expect(await boxesHtml(image)).toBe(html);
  });

  it("answers an undecodable screenshot with a generation_error reply", async () => {
    const reply = await (await createModel("boxes", CONTEXT)).generate(request({ image: Buffer.from("not a png") }), signal);
    expect(reply).toEqual({
      ok: false,
      status: "generation_error",
      error: expect.stringMatching(/^boxes: cannot decode the screenshot: /),
    });
  });

  it("describes what fixes its output", async () => {
    expect((await createModel("boxes", CONTEXT)).describe()).toEqual({
      id: "boxes",
      kind: "boxes",
      spec: "boxes",
      identity: { sampling: {}, version: 1, cell: 8, tolerance: 24, maxBoxes: 4000 },
      placement: {},
    });
  });
});

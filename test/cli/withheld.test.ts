import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_ORIGIN } from "../../src/render/assets.js";
import { runCli, type CliResult } from "../helpers/cli.js";
import { makeDataset, tempDir } from "../helpers/dataset.js";
import { solidPng } from "../helpers/hostile.js";

/**
 * The renderer withholds every sample's reference page and screenshot from the pages it renders: a
 * prediction that showed them would copy the answer. Each prediction here tries one way a page can
 * load a file, with every spelling of the file's address; its twin (`-control`) does the same with an
 * ordinary dataset file, and must show it, so that a way that shows nothing proves something.
 */

type Rgb = readonly [number, number, number];
/** Each file paints its own colour where it shows, a colour nothing else on these pages has. */
const SCREENSHOT: Rgb = [255, 0, 255];
const REFERENCE_PAGE: Rgb = [0, 255, 0];
const ALLOWED_IMAGE: Rgb = [0, 255, 255];
const ALLOWED_PAGE: Rgb = [255, 255, 0];
const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;

const colourPage = (colour: Rgb) => `<!DOCTYPE html><html><body style="margin:0;background:${hex(colour)};height:100vh"></body></html>`;

/** A file of the dataset as a page at `pages/<id>.html` can name it (a dataset path: `dir/name`). */
function spellings(path: string): string[] {
  const [dir, name] = path.split("/") as [string, string];
  const encoded = [...name].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
  return [
    `../${dir}/${name}`,
    `/${dir}/${name}`,
    `${PAGE_ORIGIN}/${dir}/${name}`,
    `//dataset.web2code.invalid/${dir}/${name}`,
    `..%2F${dir}%2F${name}`,
    `%2e%2e/${dir}/${name}`,
    `/${dir}/${encoded}`,
    `/${dir}//${name}`,
    `/pages/../${dir}/./${name}`,
    `/${dir}/${name}?v=1#top`,
  ];
}

interface Targets {
  /** Every spelling of an image file and of a page file. */
  image: string[];
  page: string[];
}

const box = "display:block;width:40px;height:20px;border:0;margin:1px";

interface Way {
  page(targets: Targets): string;
  /** Boxes each image spelling fills, all of them, where the image loads. */
  imageBoxes: number;
  /** Whether the way loads pages too. */
  loadsPages: boolean;
}

/** One page per way of loading a file, each trying every spelling. */
const WAYS: Record<string, Way> = {
  img: { imageBoxes: 1, loadsPages: false, page: ({ image }) => image.map((url) => `<img src="${url}" style="${box}">`).join("\n") },
  srcset: {
    imageBoxes: 2,
    loadsPages: false,
    page: ({ image }) =>
      image
        .map((url) => `<img srcset="${url} 1x" style="${box}"><picture><source srcset="${url}"><img style="${box}"></picture>`)
        .join("\n"),
  },
  "css-background": {
    imageBoxes: 2,
    loadsPages: false,
    page: ({ image }) =>
      image.map((url) => `<div style="${box};background-image:url('${url}');background-size:cover"></div>`).join("\n") +
      `<style>${image.map((url, i) => `.bg${i} { background: url("${url}") 0 0 / cover; }`).join("\n")}</style>` +
      image.map((_, i) => `<div class="bg${i}" style="${box}"></div>`).join("\n"),
  },
  object: {
    imageBoxes: 2,
    loadsPages: true,
    page: ({ image, page }) =>
      [
        ...image.map((url) => `<object data="${url}" type="image/png" style="${box}"></object>`),
        ...page.map((url) => `<object data="${url}" type="text/html" style="${box}"></object>`),
        ...image.map((url) => `<embed src="${url}" type="image/png" style="${box}">`),
      ].join("\n"),
  },
  iframe: {
    imageBoxes: 1,
    loadsPages: true,
    page: ({ image, page }) => [...page, ...image].map((url) => `<iframe src="${url}" style="${box}"></iframe>`).join("\n"),
  },
  "svg-image": {
    imageBoxes: 1,
    loadsPages: false,
    page: ({ image }) =>
      `<svg width="${image.length * 40}" height="20" style="display:block">${image
        .map((url, i) => `<image href="${url}" x="${i * 40}" width="40" height="20" preserveAspectRatio="none"/>`)
        .join("")}</svg>`,
  },
  // Fetched, then written into the document: the first page that came back, with every image that did.
  "fetch-write": {
    imageBoxes: 1,
    loadsPages: true,
    page: ({ image, page }) => `<script>
  const get = (url, as) => fetch(url).then((r) => (r.ok ? r[as]() : null), () => null);
  Promise.all([Promise.all(${JSON.stringify(page)}.map((url) => get(url, "text"))), Promise.all(${JSON.stringify(image)}.map((url) => get(url, "blob")))])
    .then(([pages, images]) => {
      const html = pages.find((text) => text !== null) ?? "<!DOCTYPE html><body>";
      const shown = images.filter(Boolean).map((blob) => '<img src="' + URL.createObjectURL(blob) + '" style="${box}">');
      document.open(); document.write(html + shown.join("")); document.close();
    });
  // The renderer photographs the page once it has loaded: the answers (from memory) come back meanwhile.
  const until = performance.now() + 150; while (performance.now() < until) {}
</script>`,
  },
  // The same with synchronous requests, written while the page is parsed.
  "xhr-write": {
    imageBoxes: 1,
    loadsPages: true,
    page: ({ image, page }) => `<script>
  const read = (url) => { try { const x = new XMLHttpRequest(); x.open("GET", url, false); x.send(); return x.status === 200 ? x.responseText : null; } catch (e) { return null; } };
  const html = ${JSON.stringify(page)}.map(read).find((text) => text !== null);
  if (html) document.write('<iframe srcdoc="' + html.replaceAll("&", "&amp;").replaceAll('"', "&quot;") + '" style="${box}"></iframe>');
  for (const url of ${JSON.stringify(image)}) if (read(url) !== null) document.write('<img src="' + url + '" style="${box}">');
</script>`,
  },
};

const REFERENCE_HTML = colourPage(REFERENCE_PAGE);

/** The sample whose prediction inlines its screenshot; the others reach for its reference page. */
const DATA_URI_CONTROL = "data-uri-control";

/**
 * The run's samples: each way against the withheld files and against the allowed ones. The images
 * tried are the sample's own screenshot and another's; the page is another sample's reference,
 * since a page's own address serves the prediction itself (so that its relative links resolve).
 */
function predictions(): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const [name, way] of Object.entries(WAYS)) {
    const withheld = {
      image: [...spellings(`screenshots/${name}.png`), ...spellings(`screenshots/${DATA_URI_CONTROL}.png`)],
      page: spellings(`pages/${DATA_URI_CONTROL}.html`),
    };
    const allowed = { image: spellings("assets/allowed.png"), page: spellings("assets/allowed.html") };
    pages[name] = `<!DOCTYPE html><html><body style="margin:0">${way.page(withheld)}</body></html>`;
    pages[`${name}-control`] = `<!DOCTYPE html><html><body style="margin:0">${way.page(allowed)}</body></html>`;
  }
  return pages;
}

function colourCount(png: Buffer, [r, g, b]: Rgb): number {
  const { data } = PNG.sync.read(png);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) count++;
  return count;
}

interface Line {
  id: string;
  status: string;
  render?: { pred: { blockedRequests: number } };
}

describe("the reference page and screenshot are withheld from every rendered prediction (real run)", () => {
  const preds = predictions();
  const ids = [...Object.keys(preds), DATA_URI_CONTROL];
  let dataset: string;
  let out: string;
  let run: CliResult;
  let lines: Map<string, Line>;

  beforeAll(async () => {
    dataset = makeDataset(Object.fromEntries(ids.map((id) => [id, REFERENCE_HTML])));
    // Every sample's screenshot is solid magenta; the allowed files are a cyan image and a yellow page.
    const screenshot = solidPng(64, 32, SCREENSHOT);
    for (const id of ids) writeFileSync(join(dataset, "screenshots", `${id}.png`), screenshot);
    mkdirSync(join(dataset, "assets"));
    writeFileSync(join(dataset, "assets", "allowed.png"), solidPng(64, 32, ALLOWED_IMAGE));
    writeFileSync(join(dataset, "assets", "allowed.html"), colourPage(ALLOWED_PAGE));
    const predictionDir = tempDir("w2c-withheld-preds-");
    for (const [id, html] of Object.entries(preds)) writeFileSync(join(predictionDir, `${id}.html`), html);
    // The control: the screenshot's own bytes, inlined, show as they would if a load got through.
    writeFileSync(
      join(predictionDir, `${DATA_URI_CONTROL}.html`),
      `<!DOCTYPE html><html><body style="margin:0"><img src="data:image/png;base64,${screenshot.toString("base64")}"></body></html>`,
    );
    out = join(tempDir(), "run");
    run = await runCli(
      ["score", "--dataset", dataset, "--predictions", predictionDir, "--out", out, "--render-concurrency", "1", "--quiet"],
      {
        env: { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") },
      },
    );
    lines = new Map(
      readFileSync(join(out, "samples.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => [(JSON.parse(line) as Line).id, JSON.parse(line) as Line]),
    );
  }, 300_000);

  const render = (id: string) => readFileSync(join(out, "renders", `${id}.png`));

  it("renders every prediction", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(ids.map((id) => [id, lines.get(id)?.status])).toEqual(ids.map((id) => [id, "ok"]));
  });

  it("shows the screenshot when its bytes are in the page (the detector works)", () => {
    expect(colourCount(render(DATA_URI_CONTROL), SCREENSHOT)).toBe(64 * 32);
  });

  it.each(Object.entries(WAYS))(
    "%s: shows an ordinary dataset file by every spelling, and neither the screenshot nor a reference page",
    (name, way) => {
      // Every spelling of the allowed image fills its boxes (40 x 20 px each), and the allowed page shows.
      const control = render(`${name}-control`);
      expect(colourCount(control, ALLOWED_IMAGE)).toBe(spellings("assets/allowed.png").length * way.imageBoxes * 40 * 20);
      if (way.loadsPages) expect(colourCount(control, ALLOWED_PAGE)).toBeGreaterThanOrEqual(40 * 20);
      const attempt = render(name);
      expect({ screenshot: colourCount(attempt, SCREENSHOT), page: colourCount(attempt, REFERENCE_PAGE) }).toEqual({
        screenshot: 0,
        page: 0,
      });
      // Each refusal is counted in the sample's record.
      expect(lines.get(name)?.render?.pred.blockedRequests).toBeGreaterThan(0);
    },
  );
});

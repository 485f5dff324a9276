import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import postcss from "postcss";
import tailwindcss from "tailwindcss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer, type LibraryStore } from "../../../src/render/index.js";
import { realLibraryStore } from "../../helpers/library-store.js";

/**
 * Pages that load libraries from CDNs render exactly as the same pages with those libraries inlined:
 * the store and the map change where the bytes come from, never the pixels.
 */
describe("library fidelity (real Chromium, real store)", () => {
  let store: LibraryStore;
  let withLibraries: Renderer;
  let without: Renderer;
  const viewport = { width: 480, height: 320 };

  beforeAll(async () => {
    store = await realLibraryStore();
    withLibraries = await Renderer.launch({ assetRoot: null, libraries: store, viewport, timeoutMs: 10_000 });
    without = await Renderer.launch({ assetRoot: null, viewport, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await withLibraries?.close();
    await without?.close();
  });

  async function pixels(renderer: Renderer, html: string) {
    const result = await renderer.render({ html, pagePath: "page.html" });
    if (!result.ok) throw new Error(`${result.status}: ${result.error}`);
    return { image: PNG.sync.read(result.png), facts: result.facts };
  }

  /** The page through the map, its twin with the files inlined, and the page with no libraries. */
  async function compare(page: string, twin: string) {
    const served = await pixels(withLibraries, page);
    const inlined = await pixels(without, twin);
    const bare = await pixels(without, page);
    return {
      identical: served.image.data.equals(inlined.image.data) && served.image.height === inlined.image.height,
      // The page must need its libraries, or the comparison proves nothing.
      differsFromBare: !served.image.data.equals(bare.image.data) || served.image.height !== bare.image.height,
      facts: served.facts,
      image: served.image,
      bareImage: bare.image,
    };
  }

  function storedFile(name: string, version: string, path: string): string {
    const pkg = store.find((e) => e.name === name && e.version === version)[0];
    if (!pkg) throw new Error(`${name}@${version} is not in the store`);
    return readFileSync(join(pkg.dir, path), "utf8");
  }

  const pixel = (image: PNG, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)];

  it("Tailwind's Play CDN with an inline config, @apply and a plugin: identical to the CSS tailwindcss@3 compiles in Node, inlined", async () => {
    const script = `<script src="https://cdn.tailwindcss.com/3.4.17?plugins=forms"></script>`;
    const config = `<script>tailwind.config = { theme: { extend: { colors: { brand: { DEFAULT: '#0f766e', light: '#99f6e4' } } } } }</script>`;
    const custom = `@layer components { .btn { @apply rounded-lg bg-brand px-4 py-2 font-bold text-white shadow; } }`;
    const body =
      `<body class="bg-brand-light p-6"><h1 class="text-3xl font-extrabold text-brand underline">Title</h1>` +
      `<a class="btn mt-4 inline-block">Go</a><input type="checkbox" class="form-checkbox ml-4 h-6 w-6 text-brand" checked>` +
      `<div class="mt-4 grid grid-cols-3 gap-2"><div class="h-8 bg-brand/50"></div><div class="h-8 bg-[#f97316]"></div><div class="h-8 rounded-full bg-brand"></div></div></body>`;
    const page = `<!DOCTYPE html><html><head>${script}${config}<style type="text/tailwindcss">${custom}</style></head>${body}</html>`;
    // The reference: tailwindcss@3 (the pinned 3.4.17) and @tailwindcss/forms in Node, over the same page.
    const forms = (await import("@tailwindcss/forms")).default;
    const compiled = await postcss([
      tailwindcss({
        content: [{ raw: page, extension: "html" }],
        theme: { extend: { colors: { brand: { DEFAULT: "#0f766e", light: "#99f6e4" } } } },
        plugins: [forms],
      }),
    ]).process(`@tailwind base;@tailwind components;@tailwind utilities;\n${custom}`, { from: undefined });
    const twin = `<!DOCTYPE html><html><head><style>${compiled.css}</style><style type="text/tailwindcss">${custom}</style></head>${body}</html>`;
    const result = await compare(page, twin);
    expect(result.identical).toBe(true);
    expect(result.differsFromBare).toBe(true);
    // The button's background is the config's brand colour (#0f766e), through @apply in a component layer.
    const button = result.image;
    expect(pixel(button, 34, 78)).toEqual([15, 118, 110]);
    expect([result.facts.libraryRequests, result.facts.libraryNotes, result.facts.refusedUrls]).toEqual([1, [], []]);
  });

  it("Bootstrap 5 from jsdelivr (CSS and JS bundle): identical to both files inlined", async () => {
    const body =
      `<body><nav class="navbar navbar-dark bg-primary px-3"><span class="navbar-brand">Brand</span></nav>` +
      `<div class="container mt-3"><div class="row"><div class="col-6"><div class="card"><div class="card-body"><h5 class="card-title">Card</h5>` +
      `<button class="btn btn-success">OK</button> <span class="badge bg-danger">9</span></div></div></div>` +
      `<div class="col-6"><div class="alert alert-warning">Alert</div><div class="progress"><div class="progress-bar w-50"></div></div></div></div></div>`;
    const page =
      `<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/css/bootstrap.min.css"></head>${body}` +
      `<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/js/bootstrap.bundle.min.js"></script></body></html>`;
    const css = storedFile("bootstrap", "5.3.9", "dist/css/bootstrap.min.css");
    const js = storedFile("bootstrap", "5.3.9", "dist/js/bootstrap.bundle.min.js");
    const twin = `<!DOCTYPE html><html><head><style>${css}</style></head>${body}<script>${js}</script></body></html>`;
    const result = await compare(page, twin);
    expect(result.identical).toBe(true);
    expect(result.differsFromBare).toBe(true);
    expect(result.facts.libraryRequests).toBe(2);
  });

  it("Font Awesome 6 from cdnjs: its icons are drawn (a solid square fills its box), not boxes or blanks", async () => {
    const page =
      `<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.5.1/css/all.min.css"><style>body{margin:0}</style></head>` +
      `<body><i class="fa-solid fa-square" style="font-size:100px;line-height:1;color:#ff0000"></i> <i class="fa-brands fa-github" style="font-size:40px"></i></body></html>`;
    const css = storedFile("@fortawesome/fontawesome-free", "6.7.2", "css/all.min.css");
    // The twin: the same stylesheet, its relative font URLs pointed at the same files through jsdelivr.
    const twin = page.replace(
      /<link[^>]+>/,
      `<style>${css.replaceAll("../webfonts/", "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.7.2/webfonts/")}</style>`,
    );
    const served = await pixels(withLibraries, page);
    const inlined = await pixels(withLibraries, twin);
    const bare = await pixels(without, page);
    expect(served.image.data.equals(inlined.image.data)).toBe(true);
    // fa-square at 100px: its middle is solid red; with no Font Awesome there is nothing there.
    expect(pixel(served.image, 44, 50)).toEqual([255, 0, 0]);
    expect(pixel(bare.image, 44, 50)).toEqual([255, 255, 255]);
    expect(served.facts.libraryNotes).toEqual(["font-awesome@6.5.1 served as @fortawesome/fontawesome-free@6.7.2"]);
  });

  it("a Google Fonts family: drawn in the font (identical to its woff2 inlined), not in the fallback", async () => {
    const text = `<p style="font-family:'Poppins',serif;font-weight:700;font-size:40px;margin:8px">Hamburgefonstiv 0123</p>`;
    const page =
      `<!DOCTYPE html><html><head><link href="https://fonts.googleapis.com/css2?family=Poppins:wght@400;700&display=swap" rel="stylesheet"></head>` +
      `<body>${text}</body></html>`;
    const woff2 = readFileSync(join(store.find((e) => e.name === "@fontsource/poppins")[0]!.dir, "files/poppins-latin-700-normal.woff2"));
    const twin =
      `<!DOCTYPE html><html><head><style>@font-face{font-family:'Poppins';font-style:normal;font-weight:700;` +
      `src:url(data:font/woff2;base64,${woff2.toString("base64")}) format('woff2')}</style></head><body>${text}</body></html>`;
    const result = await compare(page, twin);
    expect(result.identical).toBe(true);
    expect(result.differsFromBare).toBe(true);
  });

  it("Tailwind 2.2.19's CSS from jsdelivr: identical to the file inlined", async () => {
    const body = `<body class="bg-gray-100 p-4"><div class="max-w-sm mx-auto bg-white rounded-xl shadow-md p-6 flex items-center space-x-4"><div class="h-12 w-12 bg-indigo-500 rounded-full"></div><div><div class="text-xl font-medium text-black">ChitChat</div><p class="text-gray-500">You have a new message!</p></div></div></body>`;
    const page = `<!DOCTYPE html><html><head><link href="https://cdn.jsdelivr.net/npm/tailwindcss@2.2.19/dist/tailwind.min.css" rel="stylesheet"></head>${body}</html>`;
    const twin = `<!DOCTYPE html><html><head><style>${storedFile("tailwindcss", "2.2.19", "dist/tailwind.min.css")}</style></head>${body}</html>`;
    const result = await compare(page, twin);
    expect(result.identical).toBe(true);
    expect(result.differsFromBare).toBe(true);
    expect([result.facts.libraryRequests, result.facts.blockedRequests]).toEqual([1, 0]);
  });
});

import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetError, loadDataset } from "../../src/datasets/index.js";
import { makeDataset, tempDir, whitePng } from "../helpers/dataset.js";

const PAGE = "<!DOCTYPE html><html><body><p>x</p></body></html>";

function editManifest(root: string, edit: (m: Record<string, unknown>) => void): string {
  const file = join(root, "dataset.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

describe("loadDataset (web2code format)", () => {
  it("reads the manifest, resolves paths and fingerprints the folder", async () => {
    const root = makeDataset({ a: PAGE, b: PAGE });
    const dataset = await loadDataset(root);
    expect(dataset.id).toBe("fixture");
    expect(dataset.format).toBe("web2code");
    expect(dataset.viewport).toEqual({ width: 640, height: 360 });
    expect(dataset.samples.map((s) => s.id)).toEqual(["a", "b"]);
    expect(dataset.samples[0]!.pagePath).toBe("pages/a.html");
    expect(await dataset.samples[0]!.readHtml!()).toBe(PAGE);
    expect(await dataset.samples[1]!.readImage()).toEqual(whitePng());
    expect(dataset.assetRoot).toBe(root);
    expect(dataset.tasks).toEqual(["image2html", "text2html"]);
    expect(dataset.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("changes its fingerprint when any file changes", async () => {
    const root = makeDataset({ a: PAGE });
    const before = (await loadDataset(root)).fingerprint;
    writeFileSync(join(root, "pages", "a.html"), PAGE.replace("x", "y"));
    expect((await loadDataset(root)).fingerprint).not.toBe(before);
  });

  const broken: Array<[string, (root: string) => string, RegExp]> = [
    ["invalid JSON", (root) => (writeFileSync(join(root, "dataset.json"), "{"), join(root, "dataset.json")), /not valid JSON/],
    ["a missing field", (root) => editManifest(root, (m) => delete m.licence), /field licence:/],
    ["a wrong type", (root) => editManifest(root, (m) => ((m.samples as Array<Record<string, unknown>>)[0]!.image = 3)), /field samples\.0\.image:/],
    ["an unknown key", (root) => editManifest(root, (m) => (m.colour = "red")), /colour/],
    ["no samples", (root) => editManifest(root, (m) => (m.samples = [])), /field samples: .*at least one sample/],
    ["a duplicate id", (root) => editManifest(root, (m) => ((m.samples as Array<Record<string, unknown>>)[1]!.id = "a")), /samples\.1\.id: duplicate id "a" \(first at samples\.0\)/],
    ["a path leaving the folder", (root) => editManifest(root, (m) => ((m.samples as Array<Record<string, unknown>>)[0]!.html = "../x.html")), /samples\.0\.html: "\.\.\/x\.html" leaves the dataset folder/],
    ["a missing reference page", (root) => (rmSync(join(root, "pages", "b.html")), join(root, "pages", "b.html")), /missing reference HTML \(sample b\)/],
    ["a missing screenshot", (root) => (rmSync(join(root, "screenshots", "a.png")), join(root, "screenshots", "a.png")), /missing screenshot \(sample a\)/],
    ["a file that is not a PNG", (root) => (writeFileSync(join(root, "screenshots", "a.png"), "GIF89a"), join(root, "screenshots", "a.png")), /not a PNG file \(sample a\)/],
    ["a truncated PNG", (root) => (writeFileSync(join(root, "screenshots", "b.png"), whitePng().subarray(0, 50)), join(root, "screenshots", "b.png")), /truncated/],
  ];
  it.each(broken)("refuses %s with a one-line error naming the file", async (_name, breakIt, message) => {
    const root = makeDataset({ a: PAGE, b: PAGE });
    const file = breakIt(root);
    let error: unknown;
    try {
      await loadDataset(root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    const text = (error as Error).message;
    expect(text.startsWith(file)).toBe(true);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("refuses an unknown id and lists the built-in ones", async () => {
    await expect(loadDataset("no-such-dataset")).rejects.toThrow(/unknown dataset "no-such-dataset": give a built-in id \(.*mini.*\)/);
  });
});

describe("loadDataset (Design2Code layout)", () => {
  it("takes <id>.html + <id>.png pairs as samples and other files as assets", async () => {
    const root = tempDir();
    for (const id of ["10", "2"]) {
      writeFileSync(join(root, `${id}.html`), PAGE);
      writeFileSync(join(root, `${id}.png`), whitePng());
    }
    writeFileSync(join(root, "placeholder.png"), whitePng());
    writeFileSync(join(root, "notes.html"), PAGE);
    const dataset = await loadDataset(root);
    expect(dataset.format).toBe("design2code");
    expect(dataset.samples.map((s) => s.id)).toEqual(["2", "10"]);
    expect(dataset.viewport).toEqual({ width: 1280, height: 720 });
    expect(dataset.instruction).toBe("Please generate html code for the given image");
  });

  it("refuses a folder with neither a manifest nor pairs", async () => {
    const root = tempDir();
    writeFileSync(join(root, "a.html"), PAGE);
    await expect(loadDataset(root)).rejects.toThrow(`${root}: no dataset.json, no Design2Code <id>.html + <id>.png pairs and no .parquet files`);
  });
});

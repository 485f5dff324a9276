import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AssetStore, PAGE_ORIGIN } from "../../src/render/assets.js";
import { tempDir } from "../helpers/dataset.js";

describe("AssetStore", () => {
  const parent = tempDir();
  const root = join(parent, "dataset");
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "assets", "logo.svg"), "<svg/>");
  writeFileSync(join(parent, "secret.txt"), "secret");
  symlinkSync(join(parent, "secret.txt"), join(root, "assets", "link.txt"));
  const store = new AssetStore(root);

  it("serves a dataset file with its content type", () => {
    const asset = store.lookup(`${PAGE_ORIGIN}/assets/logo.svg`);
    expect(asset?.body.toString()).toBe("<svg/>");
    expect(asset?.contentType).toBe("image/svg+xml");
  });

  it.each([
    ["a path climbing out", `${PAGE_ORIGIN}/../secret.txt`],
    ["an encoded climb", `${PAGE_ORIGIN}/assets/%2e%2e/%2e%2e/secret.txt`],
    ["an encoded slash climb", `${PAGE_ORIGIN}/..%2fsecret.txt`],
    ["a symlink leaving the folder", `${PAGE_ORIGIN}/assets/link.txt`],
    ["another origin", "http://127.0.0.1/assets/logo.svg"],
    ["a file URL", `file://${join(root, "assets", "logo.svg")}`],
    ["a NUL byte", `${PAGE_ORIGIN}/assets/logo.svg%00.png`],
    ["a missing file", `${PAGE_ORIGIN}/assets/none.svg`],
    ["the folder itself", `${PAGE_ORIGIN}/assets/`],
  ])("serves nothing for %s", (_name, url) => {
    expect(store.lookup(url)).toBeNull();
  });
});

describe("AssetStore with withheld files", () => {
  it("never serves the benchmark's reference pages and screenshots, however they are named", () => {
    const root = tempDir();
    mkdirSync(join(root, "pages"));
    mkdirSync(join(root, "screenshots"));
    writeFileSync(join(root, "pages", "a.html"), "<h1>answer</h1>");
    writeFileSync(join(root, "screenshots", "a.png"), "png");
    writeFileSync(join(root, "pages", "style.css"), "h1 {}");
    symlinkSync(join(root, "pages", "a.html"), join(root, "pages", "alias.html"));
    const store = new AssetStore(root, [join(root, "pages", "a.html"), join(root, "screenshots", "a.png")]);
    expect(store.lookup(`${PAGE_ORIGIN}/pages/a.html`)).toBeNull();
    expect(store.lookup(`${PAGE_ORIGIN}/pages/a.html?x=1`)).toBeNull();
    expect(store.lookup(`${PAGE_ORIGIN}/screenshots/a.png`)).toBeNull();
    expect(store.lookup(`${PAGE_ORIGIN}/pages/alias.html`)).toBeNull();
    expect(store.lookup(`${PAGE_ORIGIN}/pages/style.css`)?.body.toString()).toBe("h1 {}");
  });
});

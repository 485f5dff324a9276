import { afterEach, describe, expect, it, vi } from "vitest";
import { findBrowser } from "../../src/render/index.js";
import { tempDir } from "../helpers/dataset.js";

describe("findBrowser", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("takes CHROME_PATH first, then PUPPETEER_EXECUTABLE_PATH", async () => {
    vi.stubEnv("CHROME_PATH", "/opt/my/chrome");
    vi.stubEnv("PUPPETEER_EXECUTABLE_PATH", "/opt/other/chrome");
    expect(await findBrowser()).toEqual({ path: "/opt/my/chrome", source: "env:CHROME_PATH" });
    vi.stubEnv("CHROME_PATH", "");
    expect(await findBrowser()).toEqual({ path: "/opt/other/chrome", source: "env:PUPPETEER_EXECUTABLE_PATH" });
  });

  it("falls back to the system browser when puppeteer's cache is empty", async () => {
    vi.stubEnv("CHROME_PATH", "");
    vi.stubEnv("PUPPETEER_EXECUTABLE_PATH", "");
    vi.stubEnv("PUPPETEER_CACHE_DIR", tempDir());
    const found = await findBrowser();
    expect(found?.source).toBe("system");
    expect(found?.path).toMatch(/chrom/);
  });
});

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LIBRARY_CATALOG } from "../../src/render/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import { realLibraryStore } from "../helpers/library-store.js";

const BOOTSTRAP = "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/css/bootstrap.min.css";

describe("the library store from the command line", () => {
  beforeAll(async () => {
    // The user cache's store, which these commands use (and CI's setup fills).
    await realLibraryStore();
  });

  it("setup libraries finds every pinned package already stored and fetches nothing", async () => {
    const result = await runCli(["setup", "libraries", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ packages: LIBRARY_CATALOG.length, fetched: [], reused: LIBRARY_CATALOG.length });
  });

  it("setup libraries with no registry says so in one line (exit 1), and renders go on without the store", async () => {
    const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
    const result = await runCli(["setup", "libraries", "--registry", "http://127.0.0.1:9/"], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^web2code-eval: libraries: cannot reach the npm registry \(http:\/\/127\.0\.0\.1:9\/\S+\.tgz: ECONNREFUSED\): runs render without the library store\n$/,
    );
    const dir = tempDir();
    writeFileSync(join(dir, "page.html"), `<link rel="stylesheet" href="${BOOTSTRAP}"><p>x</p>`);
    const render = await runCli(["render", join(dir, "page.html"), "--out", join(dir, "page.png"), "--json"], { env });
    expect(render.code, render.stderr).toBe(0);
    expect(render.stderr).toBe("");
    expect(JSON.parse(render.stdout)).toMatchObject({ libraryRequests: 0, refusedUrls: [{ url: BOOTSTRAP, count: 1 }] });
  });

  it("render serves CDN files from the store, and --no-libraries refuses them (what a tool with no network sees)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "page.html"), `<link rel="stylesheet" href="${BOOTSTRAP}?v=1"><p class="text-danger">x</p>`);
    const args = ["render", join(dir, "page.html"), "--out", join(dir, "page.png"), "--json"];
    const served = await runCli(args);
    expect(served.code, served.stderr).toBe(0);
    expect(JSON.parse(served.stdout)).toMatchObject({ libraryRequests: 1, blockedRequests: 0, refusedUrls: [], libraryNotes: [] });
    const bare = await runCli([...args, "--no-libraries"]);
    expect(bare.code, bare.stderr).toBe(0);
    expect(JSON.parse(bare.stdout)).toMatchObject({ libraryRequests: 0, blockedRequests: 1, refusedUrls: [{ url: BOOTSTRAP, count: 1 }] });
  });

  it("doctor says Chrome's sandbox is on and the store is complete", async () => {
    const checks = JSON.parse((await runCli(["doctor", "--json"])).stdout) as Array<{ name: string; ok: boolean; detail: string }>;
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(byName.sandbox).toEqual({
      name: "sandbox",
      ok: true,
      detail:
        process.getuid?.() === 0 ? "Chrome's sandbox on, Chrome as uid 65534" : `Chrome's sandbox on, Chrome as uid ${process.getuid?.()}`,
    });
    expect(byName.libraries).toMatchObject({
      ok: true,
      detail: expect.stringMatching(new RegExp(`^${LIBRARY_CATALOG.length} of ${LIBRARY_CATALOG.length} packages, [\\d.]+ MB in `)),
    });
  });
});

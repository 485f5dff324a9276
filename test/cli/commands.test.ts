import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";

describe("datasets", () => {
  it("lists the built-in datasets", async () => {
    const result = await runCli(["datasets", "list", "--json"]);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ id: string; samples: number }>;
    expect(rows.find((r) => r.id === "mini")!.samples).toBeGreaterThanOrEqual(40);
  });

  it("prints mean ± std statistics", async () => {
    const text = await runCli(["datasets", "stats", "mini"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^dataset {6}mini\nsamples {6}\d+\nDOM depth {4}\d+\.\d ± \d+\.\d\ntags/);
    const json = JSON.parse((await runCli(["datasets", "stats", "mini", "--json"])).stdout);
    expect(json.count).toBeGreaterThanOrEqual(40);
    expect(json.dom_depth.mean).toBeGreaterThan(3);
  });
});

describe("render", () => {
  it("renders one page to a PNG through the scoring renderer", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "page.html"),
      `<!DOCTYPE html><body style="margin:0;background:#123456"><div style="height:900px"></div></body>`,
    );
    const out = join(dir, "page.png");
    const result = await runCli(["render", join(dir, "page.html"), "--out", out, "--width", "400"]);
    expect(result.code).toBe(0);
    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([400, 900]);
    expect([...png.data.subarray(0, 4)]).toEqual([0x12, 0x34, 0x56, 255]);
  });

  it("--height sets the viewport's height: a page shorter than it renders that tall, its 100vh box filling it", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "page.html"),
      `<!DOCTYPE html><body style="margin:0"><div style="height:100vh;background:#00ff00"></div></body>`,
    );
    const out = join(dir, "page.png");
    const result = await runCli(["render", join(dir, "page.html"), "--out", out, "--width", "300", "--height", "500", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ out, width: 300, height: 500 });
    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([300, 500]);
    expect([...png.data.subarray(png.data.length - 4)]).toEqual([0, 255, 0, 255]);
  });

  it("--timeout ends a page that never finishes at its deadline: exit 1, the reason, no file", async () => {
    const dir = tempDir();
    const page = join(dir, "loop.html");
    writeFileSync(page, `<!DOCTYPE html><body><script>while (true) {}</script></body>`);
    const out = join(dir, "loop.png");
    const result = await runCli(["render", page, "--out", out, "--timeout", "1500"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`web2code-eval: ${page}: render_timeout: page did not finish rendering within 1500 ms\n`);
    expect(existsSync(out)).toBe(false);
  });

  it("says which file it cannot read, with exit 2", async () => {
    const result = await runCli(["render", "/nonexistent/page.html", "--out", "/tmp/x.png"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("web2code-eval: /nonexistent/page.html: cannot read (ENOENT)\n");
    expect(existsSync("/tmp/x.png")).toBe(false);
  });
});

describe("doctor", () => {
  it("reports the browser it found", async () => {
    const result = await runCli(["doctor", "--json"]);
    expect(result.code).toBe(0);
    const checks = JSON.parse(result.stdout) as Array<{ name: string; ok: boolean; detail: string }>;
    const browser = checks.find((c) => c.name === "browser")!;
    expect(browser.ok).toBe(true);
    expect(browser.detail).toMatch(/Chrome\/\d+/);
    expect(checks.map((c) => c.name)).toEqual([
      "browser",
      "sandbox",
      "libraries",
      "fonts",
      "GPU",
      "llama-server",
      "node-llama-cpp",
      "cache",
    ]);
  });

  it("reports the llama-server build and node-llama-cpp with the GPUs its binaries can use", async () => {
    const checks = JSON.parse((await runCli(["doctor", "--json"])).stdout) as Array<{ name: string; ok: boolean; detail: string }>;
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(byName["llama-server"]).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/llama-server \((cache|PATH|LLAMA_SERVER_PATH); version: \S+/),
    });
    expect(byName["node-llama-cpp"]).toMatchObject({ ok: true, detail: expect.stringMatching(/^3\.21\.1, prebuilt binaries for CPU/) });
  });
});

describe("setup llama-server", () => {
  it("reuses the build in the cache instead of building again", async () => {
    const result = await runCli(["setup", "llama-server", "--cpu", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      reused: true,
      variant: "cpu",
      tag: "v0.4.0",
      path: expect.stringMatching(/llama-server$/),
    });
  });

  it("refuses --cuda with --cpu", async () => {
    const result = await runCli(["setup", "llama-server", "--cuda", "--cpu"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("web2code-eval: give --cuda or --cpu, not both\n");
  });
});

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TSX_LOADER } from "../../helpers/cli.js";
import { tempDir } from "../../helpers/dataset.js";

const IMPORT_LOG = fileURLToPath(new URL("../../helpers/import-log.mjs", import.meta.url));
const source = (path: string) => JSON.stringify(new URL(`../../../src/render/${path}`, import.meta.url).href);

/**
 * Runs `body` (module code) in a fresh Node process under tsx, after importing the renderer and its
 * library map. `loaded(pattern)` there lists the modules of this process's thread whose URL or path
 * matches: those it resolved (the import log) and those it required. Each line `NAME json` the
 * child prints comes back by its name.
 */
function inFreshProcess(body: string): { status: number | null; stderr: string; printed: Record<string, unknown> } {
  const dir = tempDir();
  // A file, not `--eval`: worker threads inherit the process's flags, and `--input-type` fails in them.
  const script = join(dir, "child.mjs");
  writeFileSync(
    script,
    `
    import { readFileSync } from "node:fs";
    import { createRequire } from "node:module";
    const loaded = (pattern) => [
      ...readFileSync(process.env.W2C_IMPORT_LOG, "utf8").split("\\n"),
      ...Object.keys(createRequire(import.meta.url).cache),
    ].filter((module) => pattern.test(module.replaceAll("\\\\", "/")));
    // Not console.log: the compiler's module silences it.
    const print = (name, value) => process.stdout.write(name + " " + JSON.stringify(value) + "\\n");
    await import(${source("index.ts")});
    await import(${source("libraries/library-map.ts")});
    ${body}
    `,
  );
  const result = spawnSync(process.execPath, ["--import", TSX_LOADER, "--import", IMPORT_LOG, script], {
    env: { ...process.env, W2C_IMPORT_LOG: join(dir, "imports.log") },
    encoding: "utf8",
    timeout: 120_000,
  });
  const printed = Object.fromEntries(
    result.stdout
      .split("\n")
      .flatMap((line) => /^([A-Z_]+) (.*)$/.exec(line)?.slice(1, 3) ?? [])
      .flatMap((_, i, parts) => (i % 2 === 0 ? [[parts[i], JSON.parse(parts[i + 1] as string) as unknown]] : [])),
  );
  return { status: result.status, stderr: result.stderr, printed };
}

/** The compiler and its plugins (their package.json files, read for the renderer's fingerprint, aside). */
const COMPILER = String.raw`/\/node_modules\/(tailwindcss|postcss|@tailwindcss\/[^/]+)\/(?!package\.json$)/`;
const PLAY_CDN = String.raw`/\/src\/render\/libraries\/(play-cdn|tailwind-worker)\.ts$/`;

describe("the Tailwind compiler and its plugins load only when a page needs them", () => {
  it("importing the renderer and its library map loads neither the compiler, nor its plugins, nor the Play CDN module", () => {
    const { status, stderr, printed } = inFreshProcess(`
      print("MAP", loaded(/\\/src\\/render\\/libraries\\/library-map\\.ts$/).length > 0);
      print("COMPILER", loaded(${COMPILER}));
      print("PLAY_CDN", loaded(${PLAY_CDN}));
    `);
    expect(status, stderr).toBe(0);
    expect(printed).toEqual({ MAP: true, COMPILER: [], PLAY_CDN: [] });
  });

  it("the first page that asks for the Play CDN script loads it; the compiler runs in its worker thread, never on the main one", () => {
    const { status, stderr, printed } = inFreshProcess(`
      const { LibraryMap } = await import(${source("libraries/library-map.ts")});
      const { RequestLog } = await import(${source("request-log.ts")});
      const { fakeLibraryStore } = await import(${JSON.stringify(new URL("../../helpers/library-store.ts", import.meta.url).href)});
      const map = new LibraryMap(fakeLibraryStore({}), 60_000);
      print("BEFORE_PAGE", loaded(${PLAY_CDN}).length);
      const html = '<div class="p-4"><input type="text"></div>';
      const reply = await map.answer("https://cdn.tailwindcss.com/?plugins=forms", html, new RequestLog());
      await map.close();
      const script = reply?.body.toString() ?? "";
      print("COMPILED", script.includes(".p-4") && script.includes("[type='text']"));
      print("PLAY_CDN", loaded(${PLAY_CDN}).length > 0);
      print("COMPILER_ON_MAIN", loaded(${COMPILER}).length);
      // The check can fail: the compiler's module, imported here, shows.
      await import(${source("libraries/tailwind-worker.ts")});
      print("AFTER_IMPORT", loaded(${COMPILER}).some((module) => /\\/node_modules\\/tailwindcss\\//.test(module)));
    `);
    expect(status, stderr).toBe(0);
    expect(printed).toEqual({ BEFORE_PAGE: 0, COMPILED: true, PLAY_CDN: true, COMPILER_ON_MAIN: 0, AFTER_IMPORT: true });
  });
});

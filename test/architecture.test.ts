import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/**
 * The room table of docs/architecture.md ("## Rooms"): which rooms (folders under src/) each room may
 * import, read from the page itself so that the page and this test cannot disagree. A room may always
 * import its own files; an entry with a slash (`metrics/registry.ts`) allows that one file only.
 */
function roomTable(markdown: string): Record<string, readonly string[]> {
  const section = markdown.split(/^## Rooms$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = section.split("\n").filter((line) => line.startsWith("| `src/"));
  return Object.fromEntries(
    rows.map((row) => {
      const [room, , mayImport] = row.slice(1, -1).split(" | ");
      const names = [...(mayImport ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
      return [room!.trim().replace(/^`src\/|`$/g, ""), names];
    }),
  );
}

const ALLOWED = roomTable(readFileSync(new URL("../docs/architecture.md", import.meta.url), "utf8"));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const underSrc = (path: string) => relative(SRC, path).split(sep).join("/");

/**
 * The arrows of one file that the table does not allow, as `from -> to` (paths under src/).
 * Every module the file names counts: static imports and re-exports, type-only ones included,
 * and dynamic `import()`.
 */
function forbiddenArrows(file: string, text: string): string[] {
  const from = underSrc(file);
  const room = from.split("/")[0]!;
  return ts.preProcessFile(text, true, true).importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith(".")) return [];
    const target = underSrc(resolve(dirname(file), fileName.replace(/\.js$/, ".ts")));
    if (target.startsWith("..")) return [`${from} -> ${target} (outside src/)`];
    const targetRoom = target.split("/")[0]!;
    if (targetRoom === room) return [];
    const allowed = ALLOWED[room]?.some((entry) => (entry.includes("/") ? target === entry : targetRoom === entry));
    return allowed ? [] : [`${from} -> ${target}`];
  });
}

describe("the room table of docs/architecture.md", () => {
  const files = sourceFiles(SRC);

  it("is read from the page's table, one row a room, the backticked names of its last column", () => {
    const page = [
      "## Rooms",
      "",
      "| room | holds | may import |",
      "| --- | --- | --- |",
      "| `src/a` | a's files, `not-a-room` \\| escaped | `b`, `c/leaf.ts` (one file) |",
      "| `src/c` | the leaf | nothing of ours |",
      "",
      "## Next",
      "| `src/d` | outside the section | `a` |",
    ].join("\n");
    expect(roomTable(page)).toEqual({ a: ["b", "c/leaf.ts"], c: [] });
    expect(ALLOWED.shared).toEqual([]);
    expect(ALLOWED.results).toEqual(["metrics/registry.ts", "shared"]);
  });

  it("knows every room under src/", () => {
    const rooms = new Set(files.map((file) => underSrc(file).split("/")[0]!));
    expect([...rooms].filter((room) => !(room in ALLOWED))).toEqual([]);
  });

  it("holds every import under src/", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => forbiddenArrows(file, readFileSync(file, "utf8")))).toEqual([]);
  });

  it("catches a forbidden arrow in any form of import", () => {
    const model = join(SRC, "model", "planted.ts");
    expect(forbiddenArrows(model, 'import { runBenchmark } from "../runner/index.js";')).toEqual(["model/planted.ts -> runner/index.ts"]);
    expect(forbiddenArrows(model, 'import type { Results } from "../results/index.js";')).toEqual(["model/planted.ts -> results/index.ts"]);
    expect(forbiddenArrows(model, 'export { x } from "../render/index.js";')).toEqual(["model/planted.ts -> render/index.ts"]);
    expect(forbiddenArrows(model, 'const m = await import("../metrics/index.js");')).toEqual(["model/planted.ts -> metrics/index.ts"]);
    expect(forbiddenArrows(model, 'import { x } from "../../test/helpers/cli.js";')).toEqual([
      "model/planted.ts -> ../test/helpers/cli.ts (outside src/)",
    ]);
    expect(forbiddenArrows(model, 'import { x } from "../shared/index.js";\nimport { y } from "./types.js";')).toEqual([]);
  });

  it("lets results reach the metrics registry and nothing else of metrics", () => {
    const results = join(SRC, "results", "planted.ts");
    expect(forbiddenArrows(results, 'import { METRICS } from "../metrics/registry.js";')).toEqual([]);
    expect(forbiddenArrows(results, 'import { pixelDiff } from "../metrics/index.js";')).toEqual([
      "results/planted.ts -> metrics/index.ts",
    ]);
  });
});

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/dataset.js";

/**
 * The bench and parity scripts run the renderer under tsx, whose esbuild keeps function names by
 * wrapping named inner functions in a `__name` helper. Functions sent into the page are serialised
 * without that helper, so a named inner function there fails every render ("__name is not defined")
 * under tsx while the tests (transformed without it) pass.
 */
describe("the renderer under tsx (the scripts' runtime)", () => {
  it("renders a page that exercises every function sent into the page", () => {
    const dir = tempDir();
    const script = join(dir, "render.mts");
    const renderer = new URL("../../src/render/index.ts", import.meta.url).pathname;
    writeFileSync(
      script,
      `import { Renderer } from ${JSON.stringify(renderer)};
const html = '<!DOCTYPE html><html><head><style>@keyframes k { to { opacity: 0.5 } } p { animation: k 1s }' +
  '@font-face { font-family: X; src: url(data:,) }</style></head><body><p style="font-family: X">text</p>' +
  '<div style="height:3000px"></div><img loading="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>';
const renderer = await Renderer.launch({ assetRoot: null });
const result = await renderer.render({ html, pagePath: "p.html" });
await renderer.close();
console.log(JSON.stringify(result.ok ? { ok: true, blocks: result.facts.textBlocks?.length } : result));
`,
    );
    const output = execFileSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", cwd: process.cwd() });
    expect(JSON.parse(output.trim().split("\n").at(-1)!)).toEqual({ ok: true, blocks: 1 });
  }, 60_000);
});

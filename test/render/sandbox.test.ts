import { chmodSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Renderer } from "../../src/render/index.js";
import { tempDir } from "../helpers/dataset.js";
import { commandLine, processTree, statusField } from "../helpers/processes.js";

const ROOT = process.getuid?.() === 0;

describe("Chrome's own sandbox (real Chromium)", () => {
  it(`is on: no Chrome process the renderer starts runs with --no-sandbox${ROOT ? ", and as root Chrome runs as uid 65534" : ""}`, async () => {
    const renderer = await Renderer.launch({ assetRoot: null, viewport: { width: 320, height: 200 } });
    try {
      const result = await renderer.render({ html: "<p>a page, so that a renderer process runs</p>", pagePath: "a.html" });
      expect(result.ok).toBe(true);
      expect([renderer.sandbox, renderer.sandboxWarning]).toEqual(["chrome", undefined]);
      const tree = processTree(renderer.browserProcessId!);
      // Chrome rewrites its helpers' command lines into one string (its process titles): flags are words.
      const chrome = tree.map((pid) => ({ pid, args: commandLine(pid).join(" ").split(" ") }));
      // The browser, its zygotes, utility and GPU processes, and at least one renderer.
      expect(chrome.length).toBeGreaterThanOrEqual(4);
      expect(chrome.filter((p) => p.args.includes("--no-sandbox"))).toEqual([]);
      const renderers = chrome.filter((p) => p.args.includes("--type=renderer"));
      expect(renderers.length).toBeGreaterThanOrEqual(1);
      // Seccomp 2: each renderer runs under Chrome's seccomp-bpf filter (0 with --no-sandbox).
      expect(renderers.map((p) => statusField(p.pid, "Seccomp"))).toEqual(renderers.map(() => "2"));
      if (ROOT) {
        expect(renderer.browserUser).toBe("uid 65534");
        // Real, effective, saved and file-system uid of every process: nobody's.
        expect(new Set(tree.map((pid) => statusField(pid, "Uid")))).toEqual(new Set(["65534\t65534\t65534\t65534"]));
      }
    } finally {
      await renderer.close();
    }
  });

  it.runIf(ROOT)("falls back to --no-sandbox only when Chrome cannot start otherwise, and says why", async () => {
    // A temporary folder only root may enter: the unprivileged user cannot reach its profile there.
    const saved = process.env.TMPDIR;
    const closed = tempDir("w2c-root-only-");
    chmodSync(closed, 0o700);
    process.env.TMPDIR = closed;
    let renderer: Renderer | undefined;
    try {
      renderer = await Renderer.launch({ assetRoot: null, viewport: { width: 320, height: 200 } });
      expect([renderer.sandbox, renderer.browserUser]).toEqual(["none", "uid 0"]);
      expect(renderer.sandboxWarning).toMatch(
        /^Chrome runs without its sandbox \(Chrome's sandbox on, as uid 65534: .+; --no-sandbox, as uid 65534: .+\)$/,
      );
      expect((await renderer.render({ html: "<p>x</p>", pagePath: "a.html" })).ok).toBe(true);
    } finally {
      await renderer?.close();
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});

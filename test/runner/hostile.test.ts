import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import puppeteer from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../../src/render/index.js";
import { runCli, type CliResult } from "../helpers/cli.js";
import { tempDir } from "../helpers/dataset.js";
import {
  closeListeners,
  CONTROL_ID,
  hostileCorpus,
  magentaPixels,
  reachEveryListener,
  seen,
  startListeners,
  writeCorpusRun,
  writeSecret,
  type CorpusRun,
  type Listeners,
  type Secret,
} from "../helpers/hostile.js";

interface Line {
  id: string;
  status: string;
  error?: string;
  metrics: Record<string, number | null>;
  render?: { pred: { dialogs: number; blockedRequests: number }; ref: { dialogs: number; blockedRequests: number } };
  stats?: { pred: unknown };
}

function lines(dir: string): Line[] {
  return readFileSync(join(dir, "samples.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

/** How each hostile page ends; every page not named here renders (`ok`), sandboxed. */
const EXPECTED: Record<string, string> = {
  "sync-loop": "render_timeout",
  "loop-after-load": "render_timeout",
  "memory-bomb": "render_error",
  "huge-25mb": "html_too_large",
  empty: "empty_output",
};

/**
 * The pages whose requests reach the request interceptor while they load, which refuses and counts
 * them (navigations away, refused too, are left out: whether one lands before the screenshot is
 * timing: meta refresh, location changes, a ping's link, a reload after load).
 */
const THROUGH_INTERCEPTION = [
  "climb-relative",
  "file-script-read",
  "net-beacon",
  "net-css",
  "net-eventsource",
  "net-fetch",
  "net-font-face",
  "net-form",
  "net-iframe",
  "net-img",
  "net-ipv6",
  "net-media",
  "net-object-embed",
  "net-prefetch",
  "net-preload",
  "net-script",
  "net-srcset",
  "net-workers",
  "net-xhr",
];

/**
 * The pages that ask the interceptor for nothing: no network at all, file: URLs (refused by the
 * browser itself), or WebSocket, WebRTC and service workers (stopped by offline mode and the network
 * flags behind it, and proven stopped by the listeners).
 */
const NOTHING_TO_REFUSE = [
  "bad-bytes",
  "dialogs",
  "endless-animations",
  "storage",
  "tall-300000",
  "wide-200000",
  "deep-30000",
  "blocks-60000",
  "file-iframe",
  "file-image",
  "file-stylesheet",
  "net-service-worker",
  "net-webrtc",
  "net-websocket",
];

const RUN_FLAGS = ["--render-timeout", "10000", "--render-concurrency", "1", "--concurrency", "1", "--quiet"];

describe("the hostile corpus, each page a prediction in one scored run (real Chromium)", () => {
  let listeners: Listeners;
  let secret: Secret;
  let corpus: CorpusRun;
  let out: string;
  let alone: string;
  let run: CliResult;
  let aloneRun: CliResult;

  beforeAll(async () => {
    listeners = await startListeners();
    secret = writeSecret();
    corpus = writeCorpusRun(hostileCorpus(listeners, secret), secret);
    const env = { WEB2CODE_CACHE_DIR: tempDir("w2c-cache-") };
    out = join(tempDir(), "hostile");
    alone = join(tempDir(), "canaries");
    run = await runCli(["run", "--dataset", corpus.dataset, "--model", `replay:${corpus.predictions}`, "--out", out, ...RUN_FLAGS], {
      env,
    });
    aloneRun = await runCli(
      ["run", "--dataset", corpus.canaryDataset, "--model", `replay:${corpus.canaryPredictions}`, "--out", alone, ...RUN_FLAGS],
      { env },
    );
  }, 600_000);

  afterAll(() => closeListeners(listeners));

  it("finishes, with a status line of its own for every page", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const ids = lines(out).map((line) => line.id);
    expect(ids).toEqual([CONTROL_ID, ...corpus.hostileIds.flatMap((id, i) => [id, corpus.canaryIds[i]!])]);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.dataset.samples.total).toBe(ids.length);
  });

  it("ends each hostile page as expected: loops at the deadline, the memory bomb after one retry, the giant refused", () => {
    const byId = new Map(lines(out).map((line) => [line.id, line]));
    // The giant is not parsed either (its statistics would hold up every other sample's render for seconds).
    expect(byId.get(corpus.hostileIds.find((id) => id.endsWith("huge-25mb"))!)?.stats?.pred).toBeNull();
    const statuses = corpus.hostileIds.map((id) => [id, byId.get(id)?.status]);
    const expected = corpus.hostileIds.map((id) => [id, EXPECTED[id.slice(3)] ?? "ok"]);
    expect(statuses).toEqual(expected);
    const bomb = corpus.hostileIds.find((id) => id.endsWith("memory-bomb"))!;
    expect(byId.get(bomb)?.error).toMatch(/^renderer crashed twice: the page crashed/);
    // Nothing a hostile page did reached the render that came after it on the same worker (its reference).
    for (const id of corpus.hostileIds) {
      const line = byId.get(id)!;
      if (line.status === "ok") expect([id, line.render?.ref.dialogs]).toEqual([id, 0]);
    }
  });

  it("lets nothing at all reach the loopback listeners, TCP or UDP, IPv4 or IPv6", () => {
    expect(seen(listeners)).toEqual({ tcp4: [], tcp6: [], udp4: [], udp6: [] });
  });

  it("would have seen it: a page rendered with the guard off reaches every listener", async () => {
    // The same browser, launched plainly: no interception, no offline mode, no network flags.
    const browser = await puppeteer.launch({
      executablePath: (await findBrowser())!.path,
      headless: true,
      args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
    });
    try {
      const page = await browser.newPage();
      // Not "load": the listeners accept and never answer, so the images never finish.
      await page.setContent(reachEveryListener(listeners), { waitUntil: "domcontentloaded" });
      for (let waited = 0; waited < 10_000 && Object.values(seen(listeners)).some((list) => list.length === 0); waited += 100)
        await sleep(100);
    } finally {
      await browser.close();
    }
    const reached = seen(listeners);
    expect(Object.fromEntries(Object.entries(reached).map(([name, list]) => [name, list.length > 0]))).toEqual({
      tcp4: true,
      tcp6: true,
      udp4: true,
      udp6: true,
    });
    expect(reached.tcp4[0]).toBe("GET /control.png HTTP/1.1");
  });

  it("counts the requests it refused in each page's record: none for a page that asks for nothing, some for each that aims past the sandbox", () => {
    const byId = new Map(lines(out).map((line) => [line.id, line]));
    const counts = (ids: string[]) => Object.fromEntries(ids.map((id) => [id.slice(3), byId.get(id)?.render?.pred.blockedRequests]));
    // The canaries are plain pages: the browser's own favicon request is not counted.
    expect(new Set(Object.values(counts(corpus.canaryIds)))).toEqual(new Set([0]));
    const hostile = counts(corpus.hostileIds);
    expect(THROUGH_INTERCEPTION.filter((name) => !(hostile[name]! > 0))).toEqual([]);
    expect(Object.fromEntries(NOTHING_TO_REFUSE.map((name) => [name, hostile[name]]))).toEqual(
      Object.fromEntries(NOTHING_TO_REFUSE.map((name) => [name, 0])),
    );
  });

  it("shows no local file in any render, and would have shown one", () => {
    const renders = join(out, "renders");
    const files = readdirSync(renders).filter((file) => file.endsWith(".png"));
    expect(files.length).toBeGreaterThan(corpus.hostileIds.length);
    for (const file of files) {
      const magenta = magentaPixels(readFileSync(join(renders, file)));
      if (file === `${CONTROL_ID}.png`) expect(magenta).toBe(64 * 64);
      else expect([file, magenta]).toEqual([file, 0]);
    }
    for (const file of ["samples.jsonl", "results.json", "summary.md"]) {
      expect(readFileSync(join(out, file), "utf8")).not.toContain(secret.marker);
    }
  });

  it("scores every canary after a hostile page exactly as it scores alone", () => {
    expect(aloneRun.code).toBe(0);
    const after = new Map(lines(out).map((line) => [line.id, line]));
    const byItself = lines(alone);
    expect(byItself.map((line) => line.id)).toEqual(corpus.canaryIds);
    for (const line of byItself) {
      expect(line.status).toBe("ok");
      expect([line.id, after.get(line.id)?.status, after.get(line.id)?.metrics]).toEqual([line.id, "ok", line.metrics]);
    }
    // The canaries are not copies of their references: the comparison has room to differ.
    expect(byItself.every((line) => (line.metrics.pixel_similarity ?? 1) < 1)).toBe(true);
  });
});

import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import puppeteer, { type Browser } from "puppeteer-core";
import { errorMessage, killWhenOrphaned, oneLine } from "../shared/index.js";
import { AssetStore } from "./assets.js";
import { BROWSER_HINT, findBrowser } from "./browser-path.js";
import { RENDER_DEFAULTS } from "./defaults.js";
import { LibraryMap } from "./libraries/library-map.js";
import type { LibraryStore } from "./libraries/store.js";
import { CAPTURE_CSS } from "./page-setup.js";
import { describeMode, launchModes, launchOptions, makeProfile, type LaunchMode, type SandboxMode } from "./sandbox.js";
import type { InteractJob, InteractResult, RenderedPage, RenderFailure, RenderJob, RenderResult, Viewport } from "./types.js";
import { RendererCrash, RenderWorker, type WorkerOptions } from "./worker.js";

export interface RendererOptions {
  /** Folder whose files pages may load; null serves nothing. */
  assetRoot: string | null;
  /** Files of that folder never served (the benchmark's reference pages and screenshots). */
  withheldFiles?: readonly string[];
  /** Library store that CDN URLs are answered from; null or absent: dataset files only (`--no-libraries`). */
  libraries?: LibraryStore | null;
  /** false: Chrome with `--no-sandbox`, as this user (what the sandbox costs is measured against it); never the default. */
  chromeSandbox?: boolean;
  viewport?: Viewport;
  /** Workers, each with its own browser context and page. */
  concurrency?: number;
  timeoutMs?: number;
  maxWidth?: number;
  maxHeight?: number;
  maxHtmlBytes?: number;
  executablePath?: string;
}

/**
 * Bumped when the rendering procedure changes in a way that can move pixels or page facts.
 * 3: which files are withheld from pages is part of the fingerprint, and text blocks are measured.
 * 4: the library map (its fingerprint joins this one's), web fonts waited for before the screenshot,
 *    data: URLs in stylesheets drawn, refused URLs recorded.
 * 5: the capture covers the document's whole scroll area (width too) by Playwright's full-page rule;
 *    animations settled as Playwright's `animations: "disabled"` (finite ones at their end, infinite
 *    ones cancelled) on a timeline that stands still, lazy loading off, partial raster off, the size
 *    taken once it holds still; no reduced-motion emulation (Playwright's default, which the field's
 *    screenshots were taken with).
 */
const RENDERER_VERSION = 5;

/**
 * Fonts: pages see only what the machine has installed; the set-up installs Debian's chromium
 * (DejaVu, Liberation) and fonts-noto-cjk, and hinting is off so glyphs do not depend on the screen.
 *
 * The network wall behind request interception and offline mode: no host name resolves (IP literals
 * included), and everything that would still go out (pop-ups, workers, speculation rules, preconnects,
 * WebRTC over TCP) is sent to a proxy that does not exist. Intercepted requests never reach either.
 * JavaScript heap capped at 512 MB, so that a memory bomb crashes its renderer in about a second.
 */
const LAUNCH_ARGS = [
  "--headless=new",
  "--disable-gpu",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--disable-extensions",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
  "--mute-audio",
  "--font-render-hinting=none",
  "--force-color-profile=srgb",
  "--disable-lcd-text",
  // Tiles are rastered whole: partial raster keeps pixels of a tile's earlier raster around the part it
  // redraws, and which frames came before the capture depends on timing, so edges (rounded corners
  // across a tile) came out one level apart from one load of a page to the next.
  "--disable-partial-raster",
  // Lazy images and frames load as eager ones do, before the load event: a lazy image below the viewport
  // otherwise arrives or not before the capture depending on timing, and one without dimensions moves
  // everything under it (Design2Code page 8366 came out 1,427 or 1,823 px tall under load).
  "--blink-settings=lazyLoadEnabled=false",
  "--host-resolver-rules=MAP * ~NOTFOUND",
  "--proxy-server=http://proxy.web2code.invalid:9",
  "--proxy-bypass-list=<-loopback>",
  "--no-pings",
  "--js-flags=--max-old-space-size=512",
];
/** Puppeteer's defaults include --disable-popup-blocking: without it, pop-ups without a user gesture are blocked. */
const IGNORED_DEFAULT_ARGS = ["--disable-popup-blocking"];

export class BrowserNotFoundError extends Error {}

interface LaunchSettings {
  executablePath: string;
  /** Chosen at the first launch; a restarted browser starts the same way. */
  mode: LaunchMode;
  assets: AssetStore | null;
  workers: number;
  worker: WorkerOptions;
}

/** One browser with its workers; replaced as a whole when the browser dies. */
interface Pool {
  browser: Browser;
  workers: RenderWorker[];
  idle: RenderWorker[];
  dead: boolean;
}

type Attempt<Result> = { result: Result } | { crash: string };

export class Renderer {
  /** Renders waiting for a worker; woken with null when the pool died under them. */
  private readonly waiting: Array<(worker: RenderWorker | null) => void> = [];
  private restarting: Promise<Pool> | null = null;
  private closed = false;
  private restarts = 0;

  private constructor(
    private pool: Pool,
    private readonly settings: LaunchSettings,
    readonly browserVersion: string,
    readonly executablePath: string,
    readonly fingerprint: string,
    private readonly maxHtmlBytes: number,
    /** Why Chrome's sandbox is off, when it is. */
    readonly sandboxWarning: string | undefined,
  ) {
    this.watch(pool);
  }

  static async launch(options: RendererOptions): Promise<Renderer> {
    const viewport = options.viewport ?? RENDER_DEFAULTS.viewport;
    const maxWidth = options.maxWidth ?? RENDER_DEFAULTS.maxWidth;
    const maxHeight = options.maxHeight ?? RENDER_DEFAULTS.maxHeight;
    const timeoutMs = options.timeoutMs ?? RENDER_DEFAULTS.timeoutMs;
    const executablePath = options.executablePath ?? (await findBrowser())?.path;
    if (!executablePath) throw new BrowserNotFoundError(BROWSER_HINT);
    if (!existsSync(executablePath)) throw new BrowserNotFoundError(`no browser at ${executablePath}: ${BROWSER_HINT}`);
    const libraries = options.libraries ? new LibraryMap(options.libraries, timeoutMs) : null;
    const base = {
      executablePath,
      assets: options.assetRoot ? new AssetStore(options.assetRoot, options.withheldFiles) : null,
      workers: Math.max(1, options.concurrency ?? 1),
      worker: { viewport, timeoutMs, maxWidth, maxHeight, libraries },
    };
    // The best mode that starts; a mode that does not start says why, and the next is tried.
    const failures: string[] = [];
    let started: { pool: Pool; settings: LaunchSettings } | undefined;
    for (const mode of options.chromeSandbox === false ? [{ sandbox: "none" as const }] : launchModes()) {
      const settings = { ...base, mode };
      try {
        started = { pool: await startPool(settings), settings };
        break;
      } catch (error) {
        failures.push(`${describeMode(mode)}: ${oneLine(error)}`);
      }
    }
    if (!started) {
      await libraries?.close();
      throw new Error(`the browser did not start (${failures.join("; ")})`);
    }
    const { pool, settings } = started;
    const browserVersion = await pool.browser.version().catch(async (error: unknown) => {
      await pool.browser.close().catch(() => undefined);
      await libraries?.close();
      throw error;
    });
    // What pages may load is part of how they render: a page whose reference is withheld renders differently from one that could load it.
    const withheld = settings.assets?.withheldDigest ?? null;
    const fingerprint = createHash("sha256")
      .update(
        JSON.stringify({
          RENDERER_VERSION,
          browserVersion,
          viewport,
          maxWidth,
          maxHeight,
          LAUNCH_ARGS,
          IGNORED_DEFAULT_ARGS,
          CAPTURE_CSS,
          withheld,
          libraries: libraries?.fingerprint ?? null,
        }),
      )
      .digest("hex")
      .slice(0, 16);
    const warning =
      settings.mode.sandbox === "none"
        ? `Chrome runs without its sandbox (${failures.join("; ") || (options.chromeSandbox === false ? "turned off" : "no way to start it with one")})`
        : undefined;
    return new Renderer(
      pool,
      settings,
      browserVersion,
      executablePath,
      fingerprint,
      options.maxHtmlBytes ?? RENDER_DEFAULTS.maxHtmlBytes,
      warning,
    );
  }

  /** `chrome` when Chrome's own OS sandbox is on, `none` when it runs with `--no-sandbox` (see `sandboxWarning`). */
  get sandbox(): SandboxMode {
    return this.settings.mode.sandbox;
  }

  /** The user Chrome runs as: `uid 65534` when this process is root, else this process's own. */
  get browserUser(): string {
    return this.settings.mode.uid === undefined ? `uid ${process.getuid?.() ?? "?"}` : `uid ${this.settings.mode.uid}`;
  }

  /** The library store pages are served from; null with `--no-libraries`. */
  get libraries(): LibraryStore | null {
    return this.settings.worker.libraries?.store ?? null;
  }

  /** How many times the browser died and was started again. */
  get browserRestarts(): number {
    return this.restarts;
  }

  /** The browser process now serving renders (for diagnostics and tests). */
  get browserProcessId(): number | undefined {
    return this.pool.browser.process()?.pid;
  }

  /** The DevTools endpoint of the browser now serving renders (for diagnostics and tests). */
  get browserWSEndpoint(): string {
    return this.pool.browser.wsEndpoint();
  }

  /**
   * Renders one page. A crashed renderer or browser is detected, the browser restarted when it died,
   * and the page tried once more; a second crash fails this page alone (`render_error`).
   */
  async render(job: RenderJob): Promise<RenderResult> {
    return this.withRetry(job, (worker) => worker.render(job));
  }

  /**
   * Renders the page's start state, then does each step on the page restored to it and captures the
   * result (docs/renderer.md#interactions). Fails, and is retried after a crash, as a render is.
   */
  async interact(job: InteractJob): Promise<InteractResult> {
    return this.withRetry(job, (worker) => worker.interact(job));
  }

  private async withRetry<Done extends RenderedPage>(
    job: RenderJob,
    run: (worker: RenderWorker) => Promise<Done | RenderFailure>,
  ): Promise<Done | RenderFailure> {
    const bytes = Buffer.byteLength(job.html);
    if (bytes > this.maxHtmlBytes) {
      return { ok: false, status: "html_too_large", error: `page is ${bytes} bytes, over the ${this.maxHtmlBytes}-byte cap` };
    }
    const first = await this.attempt(run);
    if ("result" in first) return first.result;
    const second = await this.attempt(run);
    if ("result" in second) return second.result;
    return { ok: false, status: "render_error", error: `renderer crashed twice: ${first.crash}; on the retry: ${second.crash}` };
  }

  private async attempt<Result>(run: (worker: RenderWorker) => Promise<Result | RenderFailure>): Promise<Attempt<Result | RenderFailure>> {
    let worker: RenderWorker;
    try {
      worker = await this.acquire();
    } catch (error) {
      return { result: { ok: false, status: "render_error", error: `browser failure: ${errorMessage(error)}` } };
    }
    try {
      return { result: await run(worker) };
    } catch (error) {
      if (error instanceof RendererCrash) return { crash: error.message };
      if (worker.dead) return { crash: errorMessage(error) };
      // Anything else from the browser: this sample fails, the run goes on.
      return { result: { ok: false, status: "render_error", error: `browser failure: ${errorMessage(error)}` } };
    } finally {
      this.release(worker);
    }
  }

  private async acquire(): Promise<RenderWorker> {
    for (;;) {
      const pool = await this.livePool();
      const idle = pool.idle.pop();
      if (idle) return idle;
      const handed = await new Promise<RenderWorker | null>((resolve) => this.waiting.push(resolve));
      if (handed) return handed;
    }
  }

  private release(worker: RenderWorker): void {
    const pool = this.pool;
    if (pool.dead || !pool.workers.includes(worker)) return; // a worker of a browser that died
    if (worker.dead) {
      // The browser still runs but this worker could not open a context again: start afresh.
      this.fail(pool, "a render worker could not reopen its context");
      return;
    }
    const next = this.waiting.shift();
    if (next) next(worker);
    else pool.idle.push(worker);
  }

  /** The live pool; when the browser died, one restart shared by every render that needs it. */
  private livePool(): Promise<Pool> {
    if (this.closed) return Promise.reject(new Error("the renderer is closed"));
    if (!this.pool.dead) return Promise.resolve(this.pool);
    this.restarting ??= startPool(this.settings)
      .then((pool) => {
        if (this.closed) {
          void pool.browser.close().catch(() => undefined);
          throw new Error("the renderer is closed");
        }
        this.pool = pool;
        this.restarts++;
        this.watch(pool);
        return pool;
      })
      .catch((error: unknown) => {
        throw new Error(`could not restart the browser: ${errorMessage(error)}`);
      })
      .finally(() => {
        this.restarting = null;
      });
    return this.restarting;
  }

  private watch(pool: Pool): void {
    pool.browser.once("disconnected", () => this.fail(pool, "the browser process died"));
  }

  /** Marks a pool dead: its jobs in flight fail now (and are retried), renders waiting go to the next browser. */
  private fail(pool: Pool, reason: string): void {
    if (pool.dead) return;
    pool.dead = true;
    pool.idle.length = 0;
    for (const worker of pool.workers) worker.abandon(reason);
    // A browser that lost its connection but still runs is ended, so none is left behind.
    const child = pool.browser.process();
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    void pool.browser.close().catch(() => undefined);
    for (const wake of this.waiting.splice(0)) wake(null);
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    pool.dead = true;
    // Renders in flight end now (render_error), and none waits for a worker that will not come.
    for (const worker of pool.workers) worker.abandon("the renderer was closed");
    for (const wake of this.waiting.splice(0)) wake(null);
    await pool.browser.close().catch(() => undefined);
    await this.restarting?.catch(() => undefined);
    await this.settings.worker.libraries?.close();
  }
}

async function startPool(settings: LaunchSettings): Promise<Pool> {
  const profile = makeProfile(settings.mode);
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      ...launchOptions(settings.mode, settings.executablePath, LAUNCH_ARGS, IGNORED_DEFAULT_ARGS, profile),
      headless: true,
      defaultViewport: null,
      // A browser that stops answering fails its calls (and is restarted) instead of hanging the run.
      protocolTimeout: Math.max(60_000, 4 * settings.worker.timeoutMs),
      // The run handles Ctrl-C and SIGTERM itself: it stops scheduling, keeps what finished and closes the browser.
      handleSIGINT: false,
      handleSIGTERM: false,
    });
  } catch (error) {
    removeProfile();
    throw error;
  }
  const child = browser.process();
  child?.once("exit", removeProfile);
  // A SIGKILL of this process skips puppeteer's exit handler: the browser's process group is ended by a watchdog.
  if (child?.pid !== undefined) killWhenOrphaned(child.pid, { group: true, signal: "KILL", removeDir: profile });
  try {
    const workers: RenderWorker[] = [];
    for (let i = 0; i < settings.workers; i++) workers.push(await RenderWorker.create(browser, settings.assets, settings.worker));
    return { browser, workers, idle: [...workers], dead: false };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

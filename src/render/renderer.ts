import { createHash } from "node:crypto";
import puppeteer, { type Browser } from "puppeteer-core";
import { AssetStore } from "./assets.js";
import { BROWSER_HINT, findBrowser } from "./browser-path.js";
import { FREEZE_CSS } from "./page-setup.js";
import type { RenderJob, RenderResult, Viewport } from "./types.js";
import { RenderWorker } from "./worker.js";

export interface RendererOptions {
  /** Folder whose files pages may load; null serves nothing. */
  assetRoot: string | null;
  viewport?: Viewport;
  /** Workers, each with its own browser context and page. */
  concurrency?: number;
  timeoutMs?: number;
  maxHeight?: number;
  maxHtmlBytes?: number;
  executablePath?: string;
}

export const RENDER_DEFAULTS = {
  viewport: { width: 1280, height: 720 },
  timeoutMs: 15_000,
  maxHeight: 16_384,
  maxHtmlBytes: 5 * 1024 * 1024,
} as const;

/** Bumped when the rendering procedure changes in a way that can move pixels. */
const RENDERER_VERSION = 1;

/**
 * Fonts: pages see only what the machine has installed; the set-up installs Debian's chromium
 * (DejaVu, Liberation) and fonts-noto-cjk, and hinting is off so glyphs do not depend on the screen.
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
];

export class BrowserNotFoundError extends Error {}

export class Renderer {
  private readonly idle: RenderWorker[] = [];
  private readonly waiting: Array<(worker: RenderWorker) => void> = [];

  private constructor(
    private readonly browser: Browser,
    readonly browserVersion: string,
    readonly executablePath: string,
    readonly fingerprint: string,
    private readonly maxHtmlBytes: number,
  ) {}

  static async launch(options: RendererOptions): Promise<Renderer> {
    const viewport = options.viewport ?? RENDER_DEFAULTS.viewport;
    const maxHeight = options.maxHeight ?? RENDER_DEFAULTS.maxHeight;
    const timeoutMs = options.timeoutMs ?? RENDER_DEFAULTS.timeoutMs;
    const executablePath = options.executablePath ?? (await findBrowser())?.path;
    if (!executablePath) throw new BrowserNotFoundError(BROWSER_HINT);
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      // Root in a container has no user namespace for Chrome's sandbox; the page sandbox is ours.
      args: process.getuid?.() === 0 ? [...LAUNCH_ARGS, "--no-sandbox"] : LAUNCH_ARGS,
      defaultViewport: null,
      // The run handles Ctrl-C itself: it stops scheduling, keeps what finished and closes the browser.
      handleSIGINT: false,
    });
    const browserVersion = await browser.version();
    const fingerprint = createHash("sha256")
      .update(JSON.stringify({ RENDERER_VERSION, browserVersion, viewport, maxHeight, LAUNCH_ARGS, FREEZE_CSS }))
      .digest("hex")
      .slice(0, 16);
    const renderer = new Renderer(browser, browserVersion, executablePath, fingerprint, options.maxHtmlBytes ?? RENDER_DEFAULTS.maxHtmlBytes);
    const assets = options.assetRoot ? new AssetStore(options.assetRoot) : null;
    try {
      const count = Math.max(1, options.concurrency ?? 1);
      for (let i = 0; i < count; i++) {
        renderer.idle.push(await RenderWorker.create(browser, assets, { viewport, timeoutMs, maxHeight }));
      }
    } catch (error) {
      await browser.close();
      throw error;
    }
    return renderer;
  }

  async render(job: RenderJob): Promise<RenderResult> {
    const bytes = Buffer.byteLength(job.html);
    if (bytes > this.maxHtmlBytes) {
      return { ok: false, status: "html_too_large", error: `page is ${bytes} bytes, over the ${this.maxHtmlBytes}-byte cap` };
    }
    const worker = await this.acquire();
    try {
      return await worker.render(job);
    } catch (error) {
      // The browser itself failed (crashed, or could not open a context): this sample fails, the run goes on.
      return { ok: false, status: "render_error", error: `browser failure: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      this.release(worker);
    }
  }

  private acquire(): Promise<RenderWorker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: RenderWorker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}

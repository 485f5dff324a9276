import type { Browser, BrowserContext, HTTPRequest, Page } from "puppeteer-core";
import { AssetStore, PAGE_ORIGIN } from "./assets.js";
import { FREEZE_CSS, freezeAndMeasure } from "./page-setup.js";
import type { RenderJob, RenderResult, Viewport } from "./types.js";

export interface WorkerOptions {
  viewport: Viewport;
  timeoutMs: number;
  maxHeight: number;
}

interface CurrentJob {
  url: string;
  html: string;
  blocked: number;
  dialogs: number;
}

/**
 * One browser context with one reused page: reusing a page is about 2.5x cheaper than opening one,
 * and a context of its own keeps a misbehaving page from stalling the others.
 */
export class RenderWorker {
  private context!: BrowserContext;
  private page!: Page;
  private current: CurrentJob | null = null;

  private constructor(
    private readonly browser: Browser,
    private readonly assets: AssetStore | null,
    private readonly options: WorkerOptions,
  ) {}

  static async create(browser: Browser, assets: AssetStore | null, options: WorkerOptions): Promise<RenderWorker> {
    const worker = new RenderWorker(browser, assets, options);
    await worker.open();
    return worker;
  }

  private async open(): Promise<void> {
    this.context = await this.browser.createBrowserContext();
    const page = await this.context.newPage();
    this.page = page;
    // Pages opened later (window.open, target=_blank) are closed at once.
    this.context.on("targetcreated", (target) => {
      void target.page().then((p) => (p && p !== page ? p.close() : undefined)).catch(() => undefined);
    });
    await page.setViewport({ ...this.options.viewport, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
    // Interception serves the page and its dataset files; offline mode also stops what interception
    // does not see (prefetch, WebSocket).
    await page.setRequestInterception(true);
    await page.setOfflineMode(true);
    page.setDefaultNavigationTimeout(this.options.timeoutMs * 2);
    page.on("request", (request) => void this.answer(request));
    page.on("dialog", (dialog) => {
      if (this.current) this.current.dialogs++;
      const accept = dialog.type() === "beforeunload";
      void (accept ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
    });
  }

  private async answer(request: HTTPRequest): Promise<void> {
    const job = this.current;
    try {
      if (job && request.url() === job.url) {
        await request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: job.html });
        return;
      }
      const asset = job ? this.assets?.lookup(request.url()) : null;
      if (asset) {
        await request.respond({ status: 200, contentType: asset.contentType, body: asset.body });
        return;
      }
      if (job) job.blocked++;
      await request.abort("blockedbyclient");
    } catch {
      // The page went away while answering: nothing to do.
    }
  }

  /** Renders under the hard deadline; on a timeout the context is thrown away and a fresh one opened. */
  async render(job: RenderJob): Promise<RenderResult> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.options.timeoutMs);
    });
    const work = this.renderUnguarded(job, started);
    try {
      const outcome = await Promise.race([work, timeout]);
      if (outcome !== "timeout") return outcome;
      work.catch(() => undefined);
      await this.reopen();
      return {
        ok: false,
        status: "render_timeout",
        error: `page did not finish rendering within ${this.options.timeoutMs} ms`,
      };
    } finally {
      clearTimeout(timer);
      this.current = null;
    }
  }

  private async renderUnguarded(job: RenderJob, started: number): Promise<RenderResult> {
    const current: CurrentJob = { url: `${PAGE_ORIGIN}/${encodeURI(job.pagePath)}`, html: job.html, blocked: 0, dialogs: 0 };
    this.current = current;
    try {
      await this.page.goto(current.url, { waitUntil: "load" });
      const measured = await this.page.evaluate(freezeAndMeasure, FREEZE_CSS);
      const { width } = this.options.viewport;
      const height = Math.min(Math.max(measured.contentHeight, this.options.viewport.height), this.options.maxHeight);
      const png = Buffer.from(
        await this.page.screenshot({
          type: "png",
          clip: { x: 0, y: 0, width, height },
          captureBeyondViewport: true,
          optimizeForSpeed: true,
        }),
      );
      return {
        ok: true,
        png,
        facts: {
          width,
          height,
          contentHeight: measured.contentHeight,
          heightCapped: measured.contentHeight > this.options.maxHeight,
          title: measured.title,
          elementCount: measured.elementCount,
          blockedRequests: current.blocked,
          dialogs: current.dialogs,
          renderMs: Date.now() - started,
        },
      };
    } catch (error) {
      if (this.current !== current) throw error;
      // A crashed or closed page cannot serve the next sample.
      if (this.page.isClosed() || !this.browser.connected) await this.reopen();
      return { ok: false, status: "render_error", error: oneLine(error) };
    }
  }

  private async reopen(): Promise<void> {
    const old = this.context;
    this.current = null;
    // A page stuck in a script loop can delay close; do not wait on it forever.
    await Promise.race([old.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
    await this.open();
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}

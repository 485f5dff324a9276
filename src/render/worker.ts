import { TimeoutError, type Browser, type BrowserContext, type CDPSession, type HTTPRequest, type Page } from "puppeteer-core";
import { AssetStore, PAGE_ORIGIN } from "./assets.js";
import { act, POINTER_AWAY, restoreScroll } from "./interact.js";
import type { LibraryMap } from "./libraries/library-map.js";
import { CAPTURE_CSS, fontsLoaded, measureSettled, settlePage, type MeasuredPage } from "./page-setup.js";
import { RequestLog } from "./request-log.js";
import { StartPixels } from "./same-pixels.js";
import type { Box } from "../shared/interactions.js";
import { collectTextBlocks, textBlockArgs } from "./text-blocks.js";
import type {
  InteractJob,
  InteractResult,
  InteractStep,
  InteractStepResult,
  RenderedPage,
  RenderFailure,
  RenderJob,
  RenderResult,
  Viewport,
} from "./types.js";
import { oneLine } from "../shared/index.js";

export interface WorkerOptions {
  viewport: Viewport;
  timeoutMs: number;
  maxWidth: number;
  maxHeight: number;
  /** CDN URLs served from the library store; null serves none. */
  libraries: LibraryMap | null;
}

interface CurrentJob {
  url: string;
  html: string;
  /** The page's own navigation is answered once: a reload or a navigation away gets 204 and the page stays. */
  served: boolean;
  /** The page's requests for files (not its own navigations, data: URLs or the browser's favicon request). */
  requests: number;
  log: RequestLog;
  dialogs: number;
}

/** The renderer process of a worker's page died, or the browser went away: the Renderer retries once. */
export class RendererCrash extends Error {}

/**
 * After a page that may run script, the page goes to this blank page of the fake origin (same site, so
 * same process: cheap), which unloads the last page with its timers, dialogs, workers and unload handlers,
 * and empties the origin's storage, so that nothing of it reaches the next page.
 */
const RESET_URL = `${PAGE_ORIGIN}/.web2code-eval/blank`;
const RESET_HTML =
  '<!DOCTYPE html><title></title><link rel="icon" href="data:,"><script>' +
  'try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} name = "";' +
  "if (indexedDB.databases) indexedDB.databases().then((all) => all.forEach((db) => indexedDB.deleteDatabase(db.name)), () => {});" +
  "</script>";
const FAVICON_URL = `${PAGE_ORIGIN}/favicon.ico`;
/** A page whose unload handlers hang the way back to the blank page loses its context instead. */
const RESET_TIMEOUT_MS = 1_000;
/**
 * What can run script in an HTML document: script elements (SVG's too), event handler attributes
 * (`on...=` wherever `on` starts a word: after a space, a quote, a slash), javascript: URLs, and frames or plug-ins whose
 * documents may hold scripts. A page with none of these cannot act after its screenshot, so the reset
 * is skipped; the test is deliberately loose (`content=` does not match, `data-on=` does).
 */
const MAY_RUN_SCRIPT = /<script|<i?frame|<object|<embed|<fencedframe|<portal|\bon[a-z]+\s*=|javascript:/i;
/**
 * Requests for files one page may make. Each is a round trip through DevTools to this process, and
 * thousands at once slow the browser down for minutes (on the 2-core development machine: 4,000 took
 * 22 s, 10,000 over 100 s): a page past this many fails at once (render_error) and its context goes,
 * which cancels the rest.
 */
export const MAX_REQUESTS_PER_PAGE = 1_000;
/** A page stuck in a script loop can delay closing its context; do not wait on it forever. */
const CLOSE_TIMEOUT_MS = 5_000;
/** After a failed step, how long to wait for the crash event that may explain it. */
const CRASH_GRACE_MS = 100;
/** Animation frames waited at most for the page's size to hold still before the capture. */
const STABLE_FRAMES = 5;
/**
 * After an action, how long the page's own requests (a fetch, an image it inserts) are waited for at
 * most before the capture; a page still loading then is captured as it stands.
 */
const ACTION_NETWORK_IDLE_MS = 1_000;

/**
 * One browser context with one reused page: reusing a page is about 2.5x cheaper than opening one,
 * and a context of its own keeps a misbehaving page from stalling the others.
 */
export class RenderWorker {
  private context!: BrowserContext;
  private page!: Page;
  private session!: CDPSession;
  private current: CurrentJob | null = null;
  /** The page's window now: the renderer's, or the last job's own. */
  private viewport!: Viewport;
  private resetting = false;
  /** Set by the page's crash (or close) during a job; reported once per job. */
  private onCrash: ((reason: string) => void) | null = null;
  /** Set during a job: ends it when the page makes too many requests. */
  private onFlood: (() => void) | null = null;
  /** Pages this worker closed itself (with their context): their close is no crash. */
  private readonly closedOnPurpose = new WeakSet<Page>();
  /** The page died between jobs: the next job opens a fresh context first. */
  private stale = false;
  /** The browser is gone or this worker could not reopen: the Renderer restarts the browser. */
  dead = false;

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
    // Downloads (a[download], blob: and data: URLs never reach the interceptor) are refused.
    this.context = await this.browser.createBrowserContext({ downloadBehavior: { policy: "deny" } });
    const page = await this.context.newPage();
    this.page = page;
    this.session = await page.createCDPSession();
    this.stale = false;
    // Pages opened later (window.open, target=_blank, when the pop-up blocker lets one through) are closed at once.
    this.context.on("targetcreated", (target) => {
      void target
        .page()
        .then((p) => (p && p !== page ? p.close() : undefined))
        .catch(() => undefined);
    });
    // "Page crashed!": the renderer process died (out of memory, killed).
    page.on("error", (error) => this.crashed(page, `the page crashed (${error.message})`));
    page.on("close", () => this.crashed(page, "the page was closed"));
    await this.resize(page, this.options.viewport);
    // The document timeline stands still in every page of this tab (it outlives navigations): what
    // animates is settled before the capture (settlePage), and what no page API reaches (<marquee>)
    // stays at its start instead of wherever the clock had taken it.
    await this.session.send("Animation.setPlaybackRate", { playbackRate: 0 });
    // No cookies: nothing a page writes there can reach a later page.
    await this.session.send("Emulation.setDocumentCookieDisabled", { disabled: true });
    // Interception serves the page and its dataset files; offline mode also stops what interception
    // does not see. The browser's flags (no name resolution, a proxy that does not exist) are the wall behind both.
    await page.setRequestInterception(true);
    await page.setOfflineMode(true);
    page.setDefaultNavigationTimeout(this.options.timeoutMs * 2);
    page.on("request", (request) => void this.answer(request));
    page.on("dialog", (dialog) => {
      if (this.current && !this.resetting) this.current.dialogs++;
      const accept = dialog.type() === "beforeunload";
      void (accept ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
    });
  }

  private async resize(page: Page, viewport: Viewport): Promise<void> {
    await page.setViewport({ width: viewport.width, height: viewport.height, deviceScaleFactor: 1 });
    this.viewport = { width: viewport.width, height: viewport.height };
  }

  private crashed(page: Page, reason: string): void {
    if (page !== this.page || this.closedOnPurpose.has(page)) return; // an old page, closed on purpose
    if (this.onCrash) this.onCrash(reason);
    else this.stale = true;
  }

  /** The browser went away: the job in flight fails now, and this worker is never used again. */
  abandon(reason: string): void {
    this.dead = true;
    this.onCrash?.(reason);
  }

  private async answer(request: HTTPRequest): Promise<void> {
    const job = this.current;
    const url = request.url();
    try {
      if (request.isNavigationRequest() && request.frame() === this.page.mainFrame()) {
        if (this.resetting && url === RESET_URL) {
          await request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: RESET_HTML });
          return;
        }
        if (job && !job.served && url === job.url) {
          job.served = true;
          await request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: job.html });
          return;
        }
        // Meta refresh, location = ..., form submission, reload: a 204 leaves the page where it is.
        if (job) job.log.refuse(url);
        await request.respond({ status: 204, body: "" });
        return;
      }
      if (job && url === job.url) {
        await request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: job.html });
        return;
      }
      // A data: URL in a stylesheet (an icon, a checkbox mark) holds its bytes: nothing to fetch, nothing to refuse.
      if (url.startsWith("data:")) {
        await request.continue();
        return;
      }
      if (job && url !== FAVICON_URL && ++job.requests > MAX_REQUESTS_PER_PAGE) {
        // A late request of an earlier page never ends the page now rendering.
        if (job === this.current) this.onFlood?.();
        await request.abort("blockedbyclient");
        return;
      }
      const asset = job ? this.assets?.lookup(url) : null;
      if (asset) {
        await request.respond({ status: 200, contentType: asset.contentType, body: asset.body });
        return;
      }
      const library = job && (await this.options.libraries?.answer(url, job.html, job.log));
      if (library) {
        await request.respond({ status: 200, contentType: library.contentType, headers: library.headers, body: library.body });
        return;
      }
      // Chrome asks for the origin's favicon by itself: not something the page wanted.
      if (job && url !== FAVICON_URL) job.log.refuse(url);
      await request.abort("blockedbyclient");
    } catch {
      // The page went away while answering: nothing to do.
    }
  }

  /**
   * Renders under the hard deadline. On a timeout the context is thrown away and a fresh one opened;
   * on a crash too, and then this throws RendererCrash. After a job the page is reset to a blank page.
   */
  async render(job: RenderJob): Promise<RenderResult> {
    return this.guarded(this.options.timeoutMs, MAY_RUN_SCRIPT.test(job.html), (started) => this.renderUnguarded(job, started));
  }

  /**
   * Renders the page's start state, then does each step on the page loaded afresh (docs/renderer.md#interactions).
   * Every step loads the page again: the job has one render's deadline for the start and one for each step.
   */
  async interact(job: InteractJob): Promise<InteractResult> {
    const timeoutMs = this.options.timeoutMs * (1 + job.steps.length);
    return this.guarded(timeoutMs, true, (started, givenUp) => this.interactUnguarded(job, started, givenUp));
  }

  private async guarded<Done extends RenderedPage>(
    timeoutMs: number,
    mayRunScript: boolean,
    /** `givenUp()` turns true when the deadline, a crash or a flood ended the job: work still going stops at its next step. */
    run: (started: number, givenUp: () => boolean) => Promise<Done | RenderFailure>,
  ): Promise<Done | RenderFailure> {
    if (this.dead) throw new RendererCrash("the browser is gone");
    if (this.stale) await this.recover();
    if (this.dead) throw new RendererCrash("the browser is gone");
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    let crashReason = "";
    const crash = new Promise<"crash">((resolve) => {
      this.onCrash = (reason) => {
        crashReason ||= reason;
        resolve("crash");
      };
    });
    const flood = new Promise<"flood">((resolve) => {
      this.onFlood = () => resolve("flood");
    });
    let givenUp = false;
    const work = run(started, () => givenUp);
    try {
      let outcome = await Promise.race([work, timeout, crash, flood]);
      // A step that failed may have failed because the page crashed: the crash event can come a moment later.
      if (typeof outcome === "object" && !outcome.ok) {
        outcome = await Promise.race([crash, delay(CRASH_GRACE_MS).then(() => outcome)]);
      }
      if (outcome === "crash") {
        givenUp = true;
        work.catch(() => undefined);
        this.current = null;
        await this.recover();
        throw new RendererCrash(crashReason);
      }
      if (outcome === "timeout" || outcome === "flood") {
        givenUp = true;
        work.catch(() => undefined);
        this.current = null;
        await this.recover();
        return outcome === "timeout"
          ? { ok: false, status: "render_timeout", error: `page did not finish rendering within ${timeoutMs} ms` }
          : { ok: false, status: "render_error", error: `the page made more than ${MAX_REQUESTS_PER_PAGE} requests` };
      }
      if (!outcome.ok || mayRunScript) await this.reset();
      return outcome;
    } finally {
      clearTimeout(timer);
      this.onCrash = null;
      this.onFlood = null;
      this.current = null;
    }
  }

  private async renderUnguarded(job: RenderJob, started: number): Promise<RenderResult> {
    try {
      const { current, measured } = await this.load(job);
      const { width, height } = this.captureSize(measured);
      // In the state the screenshot shows; a page that broke the DOM APIs this uses gets none rather than failing.
      const textBlocks = await this.page.evaluate(collectTextBlocks, textBlockArgs(width, height)).catch(() => null);
      const png = await this.capture(width, height);
      return {
        ok: true,
        png,
        facts: {
          width,
          height,
          contentWidth: measured.contentWidth,
          contentHeight: measured.contentHeight,
          widthCapped: measured.contentWidth > this.options.maxWidth,
          heightCapped: measured.contentHeight > this.options.maxHeight,
          ...(measured.stable ? {} : { unstable: true }),
          title: measured.title,
          elementCount: measured.elementCount,
          blockedRequests: current.log.refused,
          refusedUrls: current.log.refusedUrls,
          libraryRequests: current.log.libraryResponses,
          libraryNotes: current.log.libraryNotes,
          dialogs: current.dialogs,
          textBlocks,
          renderMs: Date.now() - started,
        },
      };
    } catch (error) {
      return { ok: false, status: "render_error", error: oneLine(error) };
    }
  }

  /** Loads the job's page afresh, serves it as the only page it may navigate to, and brings it to rest. */
  private async load(job: RenderJob): Promise<{ current: CurrentJob; measured: MeasuredPage }> {
    const current: CurrentJob = {
      url: `${PAGE_ORIGIN}/${encodeURI(job.pagePath)}`,
      html: job.html,
      served: false,
      requests: 0,
      log: new RequestLog(),
      dialogs: 0,
    };
    this.current = current;
    // A job given up meanwhile gets a fresh page: what follows here fails on this one.
    const { page, session } = this;
    // history.length is the same for every job: the history is cut to its current entry first.
    await session.send("Page.resetNavigationHistory");
    const viewport = job.viewport ?? this.options.viewport;
    if (viewport.width !== this.viewport.width || viewport.height !== this.viewport.height) await this.resize(page, viewport);
    await page.goto(current.url, { waitUntil: "load" });
    await page.evaluate(fontsLoaded);
    await page.evaluate(settlePage, CAPTURE_CSS);
    const measured = await page.evaluate(measureSettled, STABLE_FRAMES);
    return { current, measured };
  }

  /** What Playwright's full-page screenshot covers (Design2Code's): the document's whole scroll area, capped. */
  private captureSize(measured: MeasuredPage): { width: number; height: number } {
    return {
      width: Math.min(Math.max(measured.contentWidth, this.viewport.width), this.options.maxWidth),
      height: Math.min(Math.max(measured.contentHeight, this.viewport.height), this.options.maxHeight),
    };
  }

  private async capture(width: number, height: number, page = this.page): Promise<Buffer> {
    return Buffer.from(
      await page.screenshot({
        type: "png",
        clip: { x: 0, y: 0, width, height },
        captureBeyondViewport: true,
        optimizeForSpeed: true,
      }),
    );
  }

  private async interactUnguarded(job: InteractJob, started: number, givenUp: () => boolean): Promise<InteractResult> {
    const start = await this.renderUnguarded(job, started);
    if (!start.ok) return start;
    try {
      const startPixels = new StartPixels(start.png);
      const steps: InteractStepResult[] = [];
      for (const step of job.steps) {
        steps.push(await this.interactStep(job, step, startPixels, givenUp));
      }
      // A later render must not find anything hovered.
      await this.page.mouse.move(POINTER_AWAY.x, POINTER_AWAY.y);
      return { ...start, steps };
    } catch (error) {
      // The page or the browser failed between steps: the job fails as a render does (a crash is retried).
      if (error instanceof RendererCrash) throw error;
      return { ok: false, status: "render_error", error: oneLine(error) };
    }
  }

  /**
   * One step: the pointer leaves (nothing of the fresh page is hovered), the last page goes (reset:
   * its storage with it), the page loads afresh and comes to rest as for its start capture, the action
   * is done, and the page is settled again (animations and transitions the action started finished,
   * its requests waited for, its size held still) and captured at the scroll it had before the action.
   */
  private async interactStep(
    job: InteractJob,
    step: InteractStep,
    start: StartPixels,
    givenUp: () => boolean,
  ): Promise<InteractStepResult> {
    // A job given up (its deadline, a crash) has a fresh page in place of its own: it stops before touching it.
    const stopIfGivenUp = () => {
      if (givenUp()) throw new Error("the job was given up");
    };
    stopIfGivenUp();
    await this.page.mouse.move(POINTER_AWAY.x, POINTER_AWAY.y);
    stopIfGivenUp();
    await this.reset();
    if (this.dead) throw new RendererCrash("the browser is gone");
    stopIfGivenUp();
    // The step's page: should the job be given up, the rest of the step fails on it, not on the fresh one.
    const page = this.page;
    let box: Box | undefined;
    try {
      await this.load(job);
      const action = await act(page, step);
      if (!("done" in action)) return { index: step.index, ...action };
      box = action.box;
      await page.evaluate(settlePage);
      await page.waitForNetworkIdle({ idleTime: 0, timeout: ACTION_NETWORK_IDLE_MS }).catch((error: unknown) => {
        if (!(error instanceof TimeoutError)) throw error;
      });
      const measured = await page.evaluate(measureSettled, STABLE_FRAMES);
      await restoreScroll(page, action.scroll);
      const { width, height } = this.captureSize(measured);
      const png = await this.capture(width, height, page);
      const outcome = (await start.same(png)) ? "unchanged" : "changed";
      return { index: step.index, outcome, box, png, width, height };
    } catch (error) {
      return { index: step.index, outcome: "action_error", ...(box ? { box } : {}), error: oneLine(error) };
    }
  }

  /** Leaves the last page (its timers, dialogs, workers, unload handlers) behind; a page that resists loses its context. */
  private async reset(): Promise<void> {
    const page = this.page;
    this.current = null;
    this.resetting = true;
    try {
      const done = await withTimeout(page.goto(RESET_URL, { waitUntil: "domcontentloaded" }), RESET_TIMEOUT_MS);
      // A page already replaced (its job given up meanwhile) needs no fresh context.
      if (!done && page === this.page) await this.recover();
    } catch {
      if (page === this.page) await this.recover();
    } finally {
      this.resetting = false;
    }
  }

  /** A fresh context; when even that fails, the worker is dead and the Renderer restarts the browser. */
  private async recover(): Promise<void> {
    if (this.dead) return;
    try {
      await this.reopen();
    } catch {
      this.dead = true;
    }
  }

  private async reopen(): Promise<void> {
    const old = this.context;
    this.closedOnPurpose.add(this.page);
    this.current = null;
    this.resetting = false;
    await Promise.race([old.close().catch(() => undefined), delay(CLOSE_TIMEOUT_MS)]);
    if (!this.browser.connected) throw new Error("the browser is gone");
    await this.open();
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when the work finished in time; its later failure is swallowed. */
async function withTimeout(work: Promise<unknown>, ms: number): Promise<boolean> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

import type { TextBlock } from "../shared/index.js";
import type { ActionKind, Box, InteractionOutcome } from "../shared/interactions.js";
import type { RefusedUrl } from "./request-log.js";

export interface Viewport {
  width: number;
  height: number;
}

/** What the browser tells about a rendered page, beside its pixels. */
export interface PageFacts {
  /**
   * Width and height of the PNG: the document's whole scroll area, as Playwright's full-page
   * screenshot covers it (at least the viewport), within the caps.
   */
  width: number;
  height: number;
  /** The page's own full width and height before the caps. */
  contentWidth: number;
  contentHeight: number;
  /** True when the page was wider than the width cap and cut there. */
  widthCapped: boolean;
  /** True when the page was taller than the height cap and cut there. */
  heightCapped: boolean;
  /** Set when the page's size still changed after the frames the renderer waits for (a page that keeps moving itself). */
  unstable?: true;
  title: string;
  /** Elements in the live DOM after scripts ran. */
  elementCount: number;
  /** Requests the sandbox refused (anything that is neither a dataset file nor served by the library map). */
  blockedRequests: number;
  /** The refused URLs (scheme, host and path; no query), most frequent first, at most 20 distinct: what the page wanted and did not get. */
  refusedUrls: RefusedUrl[];
  /** Requests the library map answered from the store (CDN files, Google Fonts CSS, the Tailwind Play CDN script). */
  libraryRequests: number;
  /** What the library map changed or left out (at most 20): version substitutions, font families or config values it lacks. */
  libraryNotes: string[];
  /** Dialogs (alert, confirm, prompt, beforeunload) the renderer dismissed. */
  dialogs: number;
  /** Design2Code's text blocks (text-blocks.ts), measured in the same pass as the screenshot; null when the page broke the DOM APIs that measure them. */
  textBlocks: TextBlock[] | null;
  renderMs: number;
}

export type RenderFailureStatus = "render_error" | "render_timeout" | "html_too_large";

export interface RenderFailure {
  ok: false;
  status: RenderFailureStatus;
  error: string;
}

/** A page captured at rest: its full-page PNG and what the browser tells about it. */
export interface RenderedPage {
  ok: true;
  png: Buffer;
  facts: PageFacts;
}

export type RenderResult = RenderedPage | RenderFailure;

export interface RenderJob {
  html: string;
  /** Path of the page inside the asset folder (e.g. `pages/home.html`): relative URLs resolve against it. */
  pagePath: string;
  /** The window to render it in, when not the renderer's own (`--viewports`). */
  viewport?: Viewport;
}

/** One action of an interaction job: done on `#interactN` (N = index) of the page at its start state. */
export interface InteractStep {
  index: number;
  action: ActionKind;
  /** What `type` types. */
  text?: string;
}

export interface InteractJob extends RenderJob {
  steps: InteractStep[];
}

/** What one step did (docs/renderer.md#interactions). */
export interface InteractStepResult {
  index: number;
  outcome: InteractionOutcome;
  /** The element's box in page pixels, before the action; absent when it is missing. */
  box?: Box;
  /** The full page after the action (with its width and height), for `changed` and `unchanged`. */
  png?: Buffer;
  width?: number;
  height?: number;
  /** Why, in one line, for `not_actionable` and `action_error`. */
  error?: string;
}

/** The start state, as a plain render gives it, and each step in order; or the job failed as a render fails. */
export type InteractResult = (RenderedPage & { steps: InteractStepResult[] }) | RenderFailure;

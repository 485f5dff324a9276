/**
 * Injected after load, before the screenshot: stops motion and the caret so two renders of one page
 * are pixel-identical. Scroll-bars are hidden by a launch flag.
 */
export const FREEZE_CSS = `*, *::before, *::after {
  animation: none !important;
  transition: none !important;
  caret-color: transparent !important;
  scroll-behavior: auto !important;
}`;

export interface MeasuredPage {
  contentHeight: number;
  title: string;
  elementCount: number;
}

/** Runs inside the page: freezes it and measures it in one round trip. */
export function freezeAndMeasure(css: string): MeasuredPage {
  const style = document.createElement("style");
  style.textContent = css;
  (document.head ?? document.documentElement).appendChild(style);
  const root = document.documentElement;
  const body = document.body;
  return {
    contentHeight: Math.max(root ? root.scrollHeight : 0, body ? body.scrollHeight : 0),
    title: document.title,
    elementCount: document.getElementsByTagName("*").length,
  };
}

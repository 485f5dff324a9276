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

/**
 * Runs inside the page: lays it out (which starts the loads of the web fonts it uses) and waits for
 * those fonts, so that text is drawn in its font and never in a fallback that depends on timing.
 */
export async function fontsLoaded(): Promise<void> {
  try {
    // A page with no web font (no @font-face) is not laid out an extra time for nothing.
    let webFonts = 0;
    document.fonts?.forEach(() => webFonts++);
    if (webFonts === 0) return;
    document.documentElement?.getBoundingClientRect();
    await document.fonts.ready;
  } catch {
    // A page that replaced these APIs is drawn as it stands.
  }
}

export interface MeasuredPage {
  contentHeight: number;
  title: string;
  elementCount: number;
}

/**
 * Runs inside the page: freezes it and measures it in one round trip. Scripted animations (Web
 * Animations, SVG SMIL) are stopped too: cancelled, and SVG clocks set back to 0.
 */
export function freezeAndMeasure(css: string): MeasuredPage {
  const style = document.createElement("style");
  style.textContent = css;
  (document.head ?? document.documentElement).appendChild(style);
  try {
    for (const animation of document.getAnimations()) animation.cancel();
    document.querySelectorAll("svg").forEach((svg) => {
      svg.pauseAnimations();
      svg.setCurrentTime(0);
    });
  } catch {
    // A page that replaced these APIs keeps its motion; its render is its own.
  }
  const root = document.documentElement;
  const body = document.body;
  return {
    contentHeight: Math.max(root ? root.scrollHeight : 0, body ? body.scrollHeight : 0),
    title: document.title,
    elementCount: document.getElementsByTagName("*").length,
  };
}

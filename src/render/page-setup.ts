/**
 * Added before the screenshot: no caret (Playwright hides it in editable elements; here everywhere),
 * no smooth scrolling. Scroll-bars are hidden by a launch flag. Motion is settled by `settlePage`.
 */
export const CAPTURE_CSS = `*, *::before, *::after {
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

/**
 * Runs inside the page, after load and fonts: brings it to the state a full-page screenshot must
 * show, the same on every render whatever the machine's load. (Lazy images and frames are loaded
 * before the load event: the browser runs with lazy loading off, see renderer.ts.)
 *
 * - Animations as Playwright's `animations: "disabled"`: finite CSS animations, transitions and Web
 *   Animations jump to their end, infinite ones are cancelled (the element as without them), in the document and
 *   every open shadow root, now and whenever one starts before the capture. The document timeline
 *   itself runs at rate 0 (set by the worker through DevTools), so `<marquee>`, whose animation no
 *   page API reaches, stays at its start, and nothing moves between measuring and capturing.
 * - SVG (SMIL) animations are paused at time 0.
 * - `content-visibility: auto` becomes `visible`: the browser draws such an element's content only
 *   once it comes near the viewport, when it gets round to it, and lays it out at its placeholder
 *   size until then (Design2Code page 8366's footer: 160 or 556 px high from one render to the next).
 *   The page shows what its reader sees on reaching it.
 *
 * Run again without `css` after an interaction's action (the style is already in): what the action
 * started, or added, is settled the same way.
 */
export function settlePage(css?: string): void {
  if (css !== undefined) {
    const style = document.createElement("style");
    style.textContent = css;
    (document.head ?? document.documentElement)?.appendChild(style);
  }
  try {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let k = 0; k < roots.length; k++) {
      const walker = document.createTreeWalker(roots[k]!, NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
        if (node.shadowRoot) roots.push(node.shadowRoot);
        if (node instanceof HTMLElement && getComputedStyle(node).contentVisibility === "auto") {
          node.style.setProperty("content-visibility", "visible", "important");
        }
      }
    }
    // Methods of an object, not functions in constants: tsx (the scripts, development) wraps the latter
    // in a helper that does not exist in the page.
    const cancelled = new WeakSet<Animation>();
    const motion = {
      settle(root: Document | ShadowRoot): void {
        for (const animation of root.getAnimations()) {
          if (!animation.effect || animation.playbackRate === 0 || cancelled.has(animation)) continue;
          try {
            if (Number.isFinite(animation.effect.getComputedTiming().endTime)) animation.finish();
            else {
              animation.cancel();
              cancelled.add(animation);
            }
          } catch {
            // An animation that cannot be finished (a scroll-driven one) is left as it is.
          }
        }
      },
    };
    for (const root of roots) {
      motion.settle(root);
      const listener = {
        handleEvent(): void {
          motion.settle(root);
        },
      };
      root.addEventListener("transitionrun", listener);
      root.addEventListener("animationstart", listener);
    }
    document.querySelectorAll("svg").forEach((svg) => {
      svg.pauseAnimations();
      svg.setCurrentTime(0);
    });
  } catch {
    // A page that replaced these APIs keeps what it did; its render is its own.
  }
}

export interface MeasuredPage {
  /** The document's size by Playwright's full-page rule: what a full-page screenshot covers. */
  contentWidth: number;
  contentHeight: number;
  /** False when the size still changed after the last of the frames waited for. */
  stable: boolean;
  title: string;
  elementCount: number;
}

/**
 * Runs inside the page: its full-page size as Playwright measures it (the largest of body's and the
 * root's scroll, offset and client sizes, so at least the viewport), taken again after each animation
 * frame until two agree (at most `frames` frames), with the title and the element count.
 */
export async function measureSettled(frames: number): Promise<MeasuredPage> {
  // Methods of an object, not functions in constants: see settlePage.
  const page = {
    size(): [number, number] {
      const sides = [document.documentElement, document.body].filter((element) => element !== null);
      return [
        Math.max(0, ...sides.flatMap((e) => [e.scrollWidth, e.offsetWidth, e.clientWidth])),
        Math.max(0, ...sides.flatMap((e) => [e.scrollHeight, e.offsetHeight, e.clientHeight])),
      ];
    },
    /** A frame, or a short timer where frames do not come (a page that replaced requestAnimationFrame). */
    frame(): Promise<void> {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
  let last = page.size();
  let stable = false;
  for (let k = 0; k < frames && !stable; k++) {
    await page.frame();
    const now = page.size();
    stable = now[0] === last[0] && now[1] === last[1];
    last = now;
  }
  return {
    contentWidth: last[0],
    contentHeight: last[1],
    stable,
    title: document.title,
    elementCount: document.getElementsByTagName("*").length,
  };
}

import type { TextBlock } from "../shared/index.js";

/**
 * Design2Code's text-bearing tags: the elements its `process_html` gives a colour of their own
 * (Design2Code/metrics/ocr_free_utils.py at d9e038a). Text inside any other element belongs to the
 * nearest of these around it; text with none around it belongs to no block, as there.
 */
export const TEXT_BLOCK_TAGS = [
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "div",
  "span",
  "a",
  "b",
  "li",
  "table",
  "td",
  "th",
  "button",
  "footer",
  "header",
  "figcaption",
] as const;

/** The characters Python's str.isspace() accepts (CPython 3.11), which str.strip() removes: a regex class body. */
const PYTHON_SPACE = String.raw`\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;

export interface TextBlockArgs {
  tags: readonly string[];
  space: string;
  /** The screenshot's size: boxes are cut to it. */
  width: number;
  height: number;
}

export function textBlockArgs(width: number, height: number): TextBlockArgs {
  return { tags: TEXT_BLOCK_TAGS, space: PYTHON_SPACE, width, height };
}

/**
 * Runs inside the loaded page (page.evaluate), in the state the screenshot shows: the page's text
 * blocks as Design2Code defines them, found from the DOM instead of its two extra recoloured renders.
 *
 * - Text: every text node under `body` whose parent is an HTML element (not SVG or MathML) belongs
 *   to its nearest text-bearing ancestor. Its data, stripped as Python's str.strip() does, counts
 *   when not empty and painted: its parent's `visibility` is visible, the opacity of its ancestors is
 *   not 0, and some of its boxes (Range.getClientRects: each line's run of text, the font's ascent
 *   to descent high) survive the clipping below. A block's text is its painted text nodes in
 *   document order joined by one space.
 * - Box: the union of those boxes in page coordinates, each cut to what clips it (the padding
 *   box of an ancestor whose overflow is not visible, html and body aside, an ancestor's clip: rect(),
 *   following containing blocks, so that an absolutely placed element escapes a static ancestor's
 *   overflow and a fixed one every ancestor's) and to the screenshot, then rounded outwards to pixels.
 * - Colour: the element's computed `color`, its alpha times the opacity of the element and its
 *   ancestors blended over their background colours composited from the root down on white.
 * - Order: by each block's first painted text node, the order Design2Code's blocks come in.
 */
export function collectTextBlocks(args: TextBlockArgs): TextBlock[] {
  type Box = [number, number, number, number];
  const HTML = "http://www.w3.org/1999/xhtml";
  const tags = new Set(args.tags);
  const strip = new RegExp(`^[${args.space}]+|[${args.space}]+$`, "g");
  const root = document.documentElement;
  const body = document.body;
  if (!body) return [];
  const sx = window.scrollX;
  const sy = window.scrollY;

  const owners = new Map<Element, Element | null>();
  const opacities = new Map<Element, number>();
  const clips = new Map<Element, Box>();
  const blocks = new Map<Element, { texts: string[]; box: Box }>();
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const text = node.data.replace(strip, "");
    const parent = node.parentElement;
    if (!text || !parent || parent.namespaceURI !== HTML) continue;

    // Owner: the nearest text-bearing element, memoised along the way up.
    let owner = owners.get(parent);
    if (owner === undefined) {
      const path: Element[] = [];
      let cursor: Element | null = parent;
      while (cursor && !owners.has(cursor) && !(cursor.namespaceURI === HTML && tags.has(cursor.localName))) {
        path.push(cursor);
        cursor = cursor.parentElement;
      }
      owner = cursor ? (owners.has(cursor) ? owners.get(cursor)! : cursor) : null;
      for (const element of path) owners.set(element, owner);
      if (cursor) owners.set(cursor, owner);
    }
    if (!owner) continue;
    if (getComputedStyle(parent).visibility !== "visible") continue;

    // Opacity of the parent and its ancestors, multiplied, memoised.
    const opacityPath: Element[] = [];
    for (let cursor: Element | null = parent; cursor && !opacities.has(cursor); cursor = cursor.parentElement) opacityPath.push(cursor);
    for (let k = opacityPath.length - 1; k >= 0; k--) {
      const element = opacityPath[k]!;
      const above = element.parentElement ? opacities.get(element.parentElement)! : 1;
      opacities.set(element, above * Number(getComputedStyle(element).opacity));
    }
    if (opacities.get(parent) === 0) continue;

    // What clips the parent's content: its own clips within what clips its containing block's content.
    const clipPath: Element[] = [];
    let source: Element | null = parent;
    while (source && !clips.has(source)) {
      clipPath.push(source);
      const position = getComputedStyle(source).position;
      if (position === "fixed") source = null;
      else if (position === "absolute") {
        source = source.parentElement;
        while (
          source &&
          source !== root &&
          getComputedStyle(source).position === "static" &&
          getComputedStyle(source).transform === "none"
        ) {
          source = source.parentElement;
        }
      } else source = source.parentElement;
    }
    let clip: Box = source ? clips.get(source)! : [0, 0, args.width, args.height];
    for (let k = clipPath.length - 1; k >= 0; k--) {
      const element = clipPath[k]!;
      const style = getComputedStyle(element);
      const clipsX = style.overflowX !== "visible" && element !== root && element !== body;
      const clipsY = style.overflowY !== "visible" && element !== root && element !== body;
      const clipRect =
        style.clip !== "auto" && (style.position === "absolute" || style.position === "fixed") ? /rect\((.*)\)/.exec(style.clip) : null;
      if (clipsX || clipsY || clipRect) {
        const r = element.getBoundingClientRect();
        const [left, top] = [r.left + sx, r.top + sy];
        clip = [...clip];
        if (clipsX) {
          clip[0] = Math.max(clip[0], left + parseFloat(style.borderLeftWidth));
          clip[2] = Math.min(clip[2], left + r.width - parseFloat(style.borderRightWidth));
        }
        if (clipsY) {
          clip[1] = Math.max(clip[1], top + parseFloat(style.borderTopWidth));
          clip[3] = Math.min(clip[3], top + r.height - parseFloat(style.borderBottomWidth));
        }
        if (clipRect) {
          // rect(top, right, bottom, left) from the border box's corner; auto is that edge.
          const [t, rt, b, l] = clipRect[1]!
            .split(/\s*,\s*|\s+/)
            .map((part, n) => (part === "auto" ? [0, r.width, r.height, 0][n]! : parseFloat(part)));
          clip = [Math.max(clip[0], left + l!), Math.max(clip[1], top + t!), Math.min(clip[2], left + rt!), Math.min(clip[3], top + b!)];
        }
      }
      clips.set(element, clip);
    }

    range.selectNodeContents(node);
    let painted: Box | null = null;
    const rects = range.getClientRects();
    for (let n = 0; n < rects.length; n++) {
      const rect = rects[n]!;
      const l = Math.max(rect.left + sx, clip[0]);
      const t = Math.max(rect.top + sy, clip[1]);
      const r = Math.min(rect.right + sx, clip[2]);
      const b = Math.min(rect.bottom + sy, clip[3]);
      if (r <= l || b <= t) continue;
      painted = painted
        ? [Math.min(painted[0], l), Math.min(painted[1], t), Math.max(painted[2], r), Math.max(painted[3], b)]
        : [l, t, r, b];
    }
    if (!painted) continue;
    const block = blocks.get(owner);
    if (!block) blocks.set(owner, { texts: [text], box: painted });
    else {
      block.texts.push(text);
      const box = block.box;
      block.box = [Math.min(box[0], painted[0]), Math.min(box[1], painted[1]), Math.max(box[2], painted[2]), Math.max(box[3], painted[3])];
    }
  }

  // Colours: every CSS colour needed, read once: rgb()/rgba() directly, anything else through a canvas pixel.
  // (No named helper functions in this function: a bundler's name-keeping wrapper would not exist in the page.)
  const elements = [...blocks.keys()];
  const lineage = new Map<Element, Element[]>();
  const needed = new Set<string>();
  for (const element of elements) {
    const line: Element[] = [];
    for (let cursor: Element | null = element; cursor; cursor = cursor.parentElement) line.unshift(cursor);
    lineage.set(element, line);
    needed.add(getComputedStyle(element).color);
    for (const ancestor of line) needed.add(getComputedStyle(ancestor).backgroundColor);
  }
  const colours = new Map<string, [number, number, number, number]>();
  const canvas = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  for (const css of needed) {
    const legacy = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
    if (legacy)
      colours.set(css, [Number(legacy[1]), Number(legacy[2]), Number(legacy[3]), legacy[4] === undefined ? 1 : Number(legacy[4])]);
    else if (canvas) {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = "#000";
      canvas.fillStyle = css;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
      colours.set(css, [r!, g!, b!, a! / 255]);
    } else colours.set(css, [0, 0, 0, 1]);
  }

  return elements.map((element) => {
    const { texts, box } = blocks.get(element)!;
    const [r, g, b, a] = colours.get(getComputedStyle(element).color)!;
    const alpha = a * opacities.get(element)!;
    let colour = [r, g, b];
    if (alpha < 1) {
      // The background colours behind the element, composited from the root down on white.
      let behind = [255, 255, 255];
      for (const ancestor of lineage.get(element)!) {
        const [br, bg, bb, ba] = colours.get(getComputedStyle(ancestor).backgroundColor)!;
        behind = [ba * br + (1 - ba) * behind[0]!, ba * bg + (1 - ba) * behind[1]!, ba * bb + (1 - ba) * behind[2]!];
      }
      colour = [alpha * r + (1 - alpha) * behind[0]!, alpha * g + (1 - alpha) * behind[1]!, alpha * b + (1 - alpha) * behind[2]!];
    }
    const x = Math.floor(box[0]);
    const y = Math.floor(box[1]);
    return {
      text: texts.join(" "),
      x,
      y,
      width: Math.ceil(box[2]) - x,
      height: Math.ceil(box[3]) - y,
      color: colour.map((c) => Math.round(c)) as [number, number, number],
    };
  });
}

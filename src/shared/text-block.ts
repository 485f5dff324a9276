/**
 * A text block of a rendered page, as Design2Code's metrics define one: a text-bearing element (one of
 * its tags: p, h1-h6, div, span, a, b, li, table, td, th, button, footer, header, figcaption) with the
 * text it paints itself (its text nodes and those of descendants that are not text-bearing elements).
 * The browser measures it (src/render/text-blocks.ts); the d2c_* metrics read it.
 */
export interface TextBlock {
  /** Each painted text node stripped of white space as Python's str.strip() strips it, joined by one space; case kept. */
  text: string;
  /** The union of the text's boxes (each line's ascent to descent, Range.getClientRects) in CSS pixels of the full-page render (its PNG pixels), rounded outwards. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The element's text colour, sRGB 0-255, its alpha and the opacity of the element and its ancestors blended over the backgrounds behind it. */
  color: [number, number, number];
}

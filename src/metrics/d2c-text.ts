import type { Metric } from "./types.js";

/**
 * d2c_text = mean over the matched pairs M of difflib.SequenceMatcher(None, text_p, text_r).ratio()
 *
 * (texts lower-cased, Python's ratio with its autojunk rule: src/metrics/d2c/difflib.ts). 1 when
 * neither page has a text block, 0 when one has none or nothing matches.
 *
 * Version 2: from renderer 5's captures (the whole scroll width, as Design2Code's screenshots; the
 * page settled), and reference blocks of one text matched by position (d2c/matching.ts).
 */
export const d2cText: Metric<"d2cMatching"> = {
  id: "d2c_text",
  version: 2,
  description: "Design2Code's Text: mean character similarity (Python difflib's SequenceMatcher ratio) of the matched text blocks.",
  higherIsBetter: true,
  artifacts: ["d2cMatching"],
  compute: ({ d2cMatching }) => d2cMatching.text,
};

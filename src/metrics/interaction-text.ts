import type { InteractionMetric } from "./interaction-metric.js";

/** The text of the state after the action, read from both screenshots the same way. */
export const interactionText: InteractionMetric = {
  id: "interaction_text",
  version: 1,
  description:
    "Word-level agreement (textScore) of the text read by OCR (tesseract.js, English) from the generated page after the action, in the reference's frame, and from the reference screenshot after it; 0 when the action could not be done.",
  higherIsBetter: true,
  compute: (artifacts) => artifacts.text(),
};

import type { InteractionMetric } from "./interaction-metric.js";

/** Interaction2Code's implement rate, per interaction: 1 when `#interactN` exists and acting on it changes the page. */
export const interactionImplemented: InteractionMetric = {
  id: "interaction_implemented",
  version: 1,
  description: "1 when the page has #interactN and acting on it changes the page's pixels, else 0 (Interaction2Code's implement rate).",
  higherIsBetter: true,
  compute: (artifacts) => (artifacts.outcome === "changed" ? 1 : 0),
};

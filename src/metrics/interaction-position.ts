import type { InteractionMetric } from "./interaction-metric.js";

/** Interaction2Code's position score of the element acted on. */
export const interactionPosition: InteractionMetric = {
  id: "interaction_position",
  version: 1,
  description:
    "1 - max(|dx|, |dy|) of the centres of #interactN on the generated page and of the red box of the dataset's marked screenshot, each normalised by its screenshot's size (the generated one scaled to the reference's width); 0 when the element is missing or hidden.",
  higherIsBetter: true,
  compute: (artifacts) => artifacts.position(),
};

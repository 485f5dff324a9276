/**
 * The prompt of the `interaction` task: Interaction2Code's ask (a page that looks like the first
 * screenshot and does what each pair of screenshots shows), in our words, for all of a page's
 * interactions at once, each element named `interactN` so that the harness can find it.
 */

/**
 * Which screenshots the model sees for each interaction (Interaction2Code's prompts): the states
 * before and after it (`direct`), or the same with red boxes around the element and around what
 * changed (`mark`).
 */
export type InteractionView = "direct" | "mark";
export const INTERACTION_VIEWS: readonly InteractionView[] = Object.freeze(["direct", "mark"]);

/** What the prompt says of one interaction. */
export interface PromptInteraction {
  index: number;
  /** The annotator's words: what is done, and what it changes. */
  actionText: string;
  description: string;
}

export function interactionPrompt(interactions: readonly PromptInteraction[], view: InteractionView): string {
  const marks =
    view === "mark"
      ? " In each pair, a red box marks the element acted on (first screenshot) and what changed (second); the boxes are marks, not part of the page."
      : "";
  const lines = interactions.map(
    (interaction, k) =>
      `- Screenshots ${2 * k + 1} and ${2 * k + 2}, interaction ${interaction.index}: ${oneLine(interaction.actionText)}. ${oneLine(interaction.description)}. ` +
      `Give the element acted on id="interact${interaction.index}".`,
  );
  return [
    "You are given screenshots of one webpage, two for each interaction: the page before it and after it." + marks,
    "Write the webpage as one HTML file (CSS and JavaScript inside it) that looks like the first screenshot and behaves as each pair shows:",
    ...lines,
    "Use the exact text of the screenshots. Use no external files. Reply with the HTML file only, from <!DOCTYPE html> to </html>.",
  ].join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/\.$/, "");
}

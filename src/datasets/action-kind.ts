import type { ActionKind } from "../shared/interactions.js";

/** What `type` enters: the annotation names no text, so a short fixed word (the same for every model). */
export const TYPED_TEXT = "web2code";

/** Words of the action's text, with quoted labels taken out: in `click "Why choose us?"`, "choose" names the element, not the action. */
const unquoted = (action: string) => action.replace(/"[^"]*"|“[^”]*”/g, " ").toLowerCase();

const HOVER = /\b(hover\w*|mov(e|es|ed|ing))\b/;
const SELECT = /\b(select\w*|choos\w*|chose)\b/;
const TYPE = /\b(typ(e|es|ed|ing)|enter\w*|input\w*|fill\w*)\b/;
const has = (tagTypes: readonly string[], ...tags: string[]) => tagTypes.some((tag) => tags.includes(tag.trim().toLowerCase()));

/**
 * How an annotated interaction is done (docs/datasets.md, "Interaction2Code folders"): the mouse
 * over the element (`hover`, `move the mouse ...`) hovers; a `select` or `option` tag, or "select"
 * or "choose", chooses an option; an `input` or `textarea` tag with "type", "enter", "input" or
 * "fill" types {@link TYPED_TEXT}; everything else (click, drag, switch) clicks: a drag's target
 * is not annotated, so it cannot be replayed as a drag.
 */
export function actionKind(action: string, tagTypes: readonly string[]): { action: ActionKind; text?: string } {
  const words = unquoted(action);
  if (HOVER.test(words)) return { action: "hover" };
  if (has(tagTypes, "select", "option") || SELECT.test(words)) return { action: "select" };
  if (has(tagTypes, "input", "textarea") && TYPE.test(words)) return { action: "type", text: TYPED_TEXT };
  return { action: "click" };
}

/**
 * Interactions (task `interaction`, Interaction2Code's): what the dataset says is done to an element
 * of a page, read by src/datasets, done by src/render, scored by src/metrics, recorded by src/results.
 */

/** How the renderer acts on `#interactN`: click by default; hover, focus and type, or choose an option where the annotation says so. */
export type ActionKind = "click" | "hover" | "type" | "select";
export const ACTION_KINDS: readonly ActionKind[] = Object.freeze(["click", "hover", "type", "select"]);

/** One interaction of a page, as the dataset annotates it (Interaction2Code's `action.json` entry N). */
export interface InteractionSpec {
  /** N: the element acted on carries `id="interactN"`, in the reference page and in the model's. */
  index: number;
  action: ActionKind;
  /** The text typed, for `type`. */
  text?: string;
  /** The annotator's words: what is done (`action`) and what it changes (`description`). */
  actionText: string;
  description: string;
  /** Interaction2Code's `tag type` and `visual type`, as given (empty entries dropped): the report's tables are cut by them. */
  tagTypes: string[];
  visualTypes: string[];
}

/** The element acted on, in page pixels of the capture. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What became of one interaction on a page: `changed` is the only one that counts as implemented.
 * `missing`: no `#interactN`; `not_visible`: it has no box on screen; `not_actionable`: the action
 * could not be done on it (covered, disabled, not a select for `select`); `unchanged`: done, and
 * the page looks the same; `action_error`: the browser failed the action (the record holds why).
 */
export type InteractionOutcome = "changed" | "unchanged" | "missing" | "not_visible" | "not_actionable" | "action_error";
export const INTERACTION_OUTCOMES: readonly InteractionOutcome[] = Object.freeze([
  "changed",
  "unchanged",
  "missing",
  "not_visible",
  "not_actionable",
  "action_error",
]);

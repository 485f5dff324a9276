import { viewportMetricId } from "../shared/viewports.js";

/** Scores and why any is null, by metric id. */
export interface Scores {
  values: Record<string, number | null>;
  errors: Record<string, string>;
}

/** Scores taken at a viewport of `--viewports` after the first, under their ids there (`<id>@<viewport>`); only `ids` where given. */
export function atViewport(scores: Scores, viewport: string, ids?: readonly string[]): Scores {
  const named = <T>(entries: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.entries(entries).flatMap(([id, value]) => (!ids || ids.includes(id) ? [[viewportMetricId(id, viewport), value]] : [])),
    );
  return { values: named(scores.values), errors: named(scores.errors) };
}

/** Every one of `ids` null at a viewport, for one reason (a page that did not render there). */
export function unscoredAt(ids: readonly string[], viewport: string, reason: string): Scores {
  return atViewport(
    { values: Object.fromEntries(ids.map((id) => [id, null])), errors: Object.fromEntries(ids.map((id) => [id, reason])) },
    viewport,
  );
}

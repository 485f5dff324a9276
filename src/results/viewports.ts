import { splitViewportMetricId, type NamedViewport } from "../shared/viewports.js";
import type { Aggregate, Results } from "./schema.js";

/** `--viewports`: each viewport's size and the aggregates of its scores, under the metrics' own ids (results.json `viewports`). */
export function byViewport(viewports: readonly NamedViewport[], aggregates: Record<string, Aggregate>): NonNullable<Results["viewports"]> {
  const [own] = viewports;
  return Object.fromEntries(
    viewports.map(({ name, width, height }) => {
      const scores = Object.entries(aggregates).flatMap(([id, aggregate]) => {
        const { metric, viewport = own?.name } = splitViewportMetricId(id);
        return viewport === name ? [[metric, aggregate] as const] : [];
      });
      return [name, { width, height, aggregates: Object.fromEntries(scores) }];
    }),
  );
}

/** The viewports a run was scored at, in order (the run's own first); none for a run without `--viewports`. */
export function scoredViewports(results: Pick<Results, "viewports">): NamedViewport[] {
  return Object.entries(results.viewports ?? {}).map(([name, { width, height }]) => ({ name, width, height }));
}

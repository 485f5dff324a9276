/**
 * `--viewports`: a run scored at several window sizes (docs/contract.md, "Viewports"). The first
 * viewport is the run's own (its scores keep the plain metric ids); every other one scores the same
 * pages again at its size, its scores named `<metric id>@<viewport>`, the viewport named as given.
 */

/** A viewport as `--viewports` names it: `WIDTHxHEIGHT` in pixels, e.g. `390x844`. */
export const VIEWPORT_NAME = /^([1-9]\d*)x([1-9]\d*)$/;

export interface NamedViewport {
  /** As given: `390x844`. */
  name: string;
  width: number;
  height: number;
}

/** `390x844` as a viewport; undefined when the text is not `WIDTHxHEIGHT`. */
export function namedViewport(name: string): NamedViewport | undefined {
  const match = VIEWPORT_NAME.exec(name);
  return match ? { name, width: Number(match[1]), height: Number(match[2]) } : undefined;
}

const SEPARATOR = "@";

/** The id of a metric's score at another viewport than the run's own: `pixel_similarity@390x844`. */
export function viewportMetricId(metricId: string, viewport: string): string {
  return `${metricId}${SEPARATOR}${viewport}`;
}

/** A metric id split into the metric and its viewport (none: the run's own viewport). */
export function splitViewportMetricId(id: string): { metric: string; viewport?: string } {
  const at = id.lastIndexOf(SEPARATOR);
  if (at < 0 || !VIEWPORT_NAME.test(id.slice(at + 1))) return { metric: id };
  return { metric: id.slice(0, at), viewport: id.slice(at + 1) };
}

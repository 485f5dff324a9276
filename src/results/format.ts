import type { Aggregate } from "./schema.js";

export function score(value: number): string {
  return value.toFixed(3);
}

/**
 * The 95% confidence interval of a mean, mean ∓ 1.96·stderr (normal approximation), clipped to
 * [0, 1]: every metric lies there, and so does its mean (a few samples at 0 and 1 give a
 * half-width past both ends).
 */
export function interval95(aggregate: Aggregate): { low: number; high: number } {
  const half = 1.96 * aggregate.stderr;
  return { low: Math.max(0, aggregate.mean - half), high: Math.min(1, aggregate.mean + half) };
}

/** `[0.467, 1.000]` */
export function intervalText(aggregate: Aggregate): string {
  const { low, high } = interval95(aggregate);
  return `[${score(low)}, ${score(high)}]`;
}

/** `0.750 [0.467, 1.000]`: the mean and its 95% interval. */
export function meanWithCi(aggregate: Aggregate): string {
  return `${score(aggregate.mean)} ${intervalText(aggregate)}`;
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function failureText(failures: Record<string, number>): string {
  const entries = Object.entries(failures);
  return entries.length ? entries.map(([status, n]) => `${status} ${n}`).join(", ") : "none";
}

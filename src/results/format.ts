import type { Aggregate } from "./schema.js";

export function score(value: number): string {
  return value.toFixed(3);
}

/** Half-width of the normal-approximation 95% confidence interval of a mean. */
export function ci95(aggregate: Aggregate): number {
  return 1.96 * aggregate.stderr;
}

export function meanWithCi(aggregate: Aggregate): string {
  return `${score(aggregate.mean)} ± ${score(ci95(aggregate))}`;
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

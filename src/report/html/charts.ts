import { score } from "../../results/index.js";
import { escapeHtml } from "./escape.js";

/** Colours for up to eight models, then repeated: distinct for common colour blindness (Okabe-Ito). */
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
const ROW = 26;
const LABEL_WIDTH = 150;
const PLOT_WIDTH = 300;
const AXIS = 22;

export function colour(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

const x = (value: number) => LABEL_WIDTH + Math.max(0, Math.min(1, value)) * PLOT_WIDTH;

/** The 0..1 axis under a chart, with ticks every 0.25. */
function axis(y: number): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (t) =>
      `<line x1="${x(t)}" y1="0" x2="${x(t)}" y2="${y}" class="grid"/><text x="${x(t)}" y="${y + 14}" text-anchor="middle">${t}</text>`,
  );
  return ticks.join("");
}

function frame(title: string, rows: number, body: string): string {
  const height = rows * ROW + AXIS;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${LABEL_WIDTH + PLOT_WIDTH + 20} ${height}" width="${LABEL_WIDTH + PLOT_WIDTH + 20}" height="${height}" role="img">${axis(rows * ROW)}${body}</svg></figure>`;
}

function label(text: string, row: number): string {
  return `<text x="${LABEL_WIDTH - 8}" y="${row * ROW + ROW / 2 + 4}" text-anchor="end">${escapeHtml(text.length > 22 ? `${text.slice(0, 21)}…` : text)}</text>`;
}

/** One metric across models: a bar to the mean, whiskers over the 95% interval. */
export function meanChart(title: string, bars: ReadonlyArray<{ label: string; mean: number; low: number; high: number }>): string {
  const body = bars
    .map((bar, row) => {
      const y = row * ROW;
      const mid = y + ROW / 2;
      return (
        label(bar.label, row) +
        `<rect x="${x(0)}" y="${y + 5}" width="${x(bar.mean) - x(0)}" height="${ROW - 10}" fill="${colour(row)}"><title>${escapeHtml(bar.label)}: ${score(bar.mean)} [${score(bar.low)}, ${score(bar.high)}]</title></rect>` +
        `<path d="M${x(bar.low)} ${mid}H${x(bar.high)}M${x(bar.low)} ${mid - 5}v10M${x(bar.high)} ${mid - 5}v10" class="whisker"/>`
      );
    })
    .join("");
  return frame(title, bars.length, body);
}

/** One metric's per-sample scores per model: box from the quartiles, median line, whiskers to the extremes. */
export function distributionChart(title: string, series: ReadonlyArray<{ label: string; values: readonly number[] }>): string {
  const body = series
    .map((entry, row) => {
      const sorted = [...entry.values].sort((a, b) => a - b);
      if (sorted.length === 0) return label(entry.label, row);
      const [min, q1, median, q3, max] = [0, 0.25, 0.5, 0.75, 1].map((q) => quantile(sorted, q)) as [
        number,
        number,
        number,
        number,
        number,
      ];
      const y = row * ROW;
      const mid = y + ROW / 2;
      return (
        label(entry.label, row) +
        `<path d="M${x(min)} ${mid}H${x(q1)}M${x(q3)} ${mid}H${x(max)}M${x(min)} ${mid - 4}v8M${x(max)} ${mid - 4}v8" class="whisker"/>` +
        `<rect x="${x(q1)}" y="${y + 5}" width="${Math.max(1, x(q3) - x(q1))}" height="${ROW - 10}" fill="${colour(row)}" fill-opacity="0.35" stroke="${colour(row)}"><title>${escapeHtml(entry.label)}: min ${score(min)}, quartiles ${score(q1)} / ${score(median)} / ${score(q3)}, max ${score(max)}, n ${sorted.length}</title></rect>` +
        `<path d="M${x(median)} ${y + 5}v${ROW - 10}" stroke="${colour(row)}" stroke-width="2"/>`
      );
    })
    .join("");
  return frame(title, series.length, body);
}

/** Linear interpolation between closest ranks (the common "type 7" quantile). */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

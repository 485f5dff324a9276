import { score } from "../../results/index.js";
import { escapeHtml } from "./escape.js";
import type { InteractionCard, InteractionStrip, StatePicture } from "./interaction-strip.js";

/** The strips' styles: page.ts puts them in the report's one stylesheet. */
export const STRIP_STYLE = `
.strip { border-top: 1px solid #eaeef2; padding-top: 0.5rem; margin-top: 0.5rem; }
.strip h4 { margin: 0; font-size: 14px; }
.strip p { margin: 0.25rem 0; }
.outcome { padding: 1px 6px; border-radius: 10px; background: #ffebe9; font-size: 12px; }
.outcome.changed { background: #dafbe1; }
svg.state { max-width: 100%; height: auto; border: 1px solid #d0d7de; box-sizing: border-box; }
svg.state rect { fill: none; stroke-width: 3; }
svg.state rect.changed { stroke: #cf222e; }
svg.state rect.element { stroke: #0969da; }
`;

/** A card's interactions: how many were implemented, then a strip of four states each with what became of it. */
export function interactionStripsHtml(card: InteractionCard): string {
  const total = card.strips.length;
  const rate = total ? ` (${score(card.implemented / total)})` : "";
  return (
    `<p class="implemented">Implemented: ${card.implemented} of ${total} interaction${total === 1 ? "" : "s"}${rate}.</p>\n` +
    card.strips.map((strip) => stripHtml(strip, card.referenceMissing)).join("\n")
  );
}

function stripHtml(strip: InteractionStrip, referenceMissing: string): string {
  const outcome = strip.outcome
    ? `<span class="outcome${strip.outcome === "changed" ? " changed" : ""}">${escapeHtml(strip.outcome)}</span>`
    : `<span class="outcome">not driven</span>`;
  const types = [
    strip.tagTypes.length ? `tag type: ${strip.tagTypes.join(", ")}` : "",
    strip.visualTypes.length ? `visual type: ${strip.visualTypes.join(", ")}` : "",
  ].filter(Boolean);
  const scores = Object.entries(strip.metrics).map(([id, value]) => `${id} ${value === null ? "n/a" : score(value)}`);
  // Never driven: the page failed before (the card's status says how), so there is no state of ours to show.
  const oursMissing = strip.outcome ? `no capture: ${strip.outcome}` : "not driven: the page failed before its interactions were done";
  return `<section class="strip">
<h4>Interaction ${strip.index} · ${escapeHtml(strip.action)} · ${outcome}</h4>
${types.length ? `<p>${escapeHtml(types.join(" · "))}</p>` : ""}
${strip.error ? `<p class="error">${escapeHtml(strip.error)}</p>` : ""}
<div class="pictures">${[
    stateFigure("Reference before", "", strip.reference.before, referenceMissing),
    stateFigure("Reference after", "red: what changed", strip.reference.after, referenceMissing, "changed"),
    stateFigure("Ours before", `blue: #interact${strip.index}`, strip.ours.before, strip.outcome ? "no render" : oursMissing, "element"),
    stateFigure("Ours after", "red: what changed", strip.ours.after, oursMissing, "changed"),
  ].join("")}</div>
<p>${escapeHtml(scores.join(" · "))}</p>
</section>`;
}

/** A state with its box outlined, drawn over the picture in the picture's pixels. */
function stateFigure(caption: string, legend: string, picture: StatePicture | undefined, missing: string, boxClass?: string): string {
  if (!picture) return `<figure><figcaption>${caption}</figcaption><div class="missing">${escapeHtml(missing)}</div></figure>`;
  const shown = picture.shownHeight < picture.height ? `top ${picture.shownHeight} px shown` : "shown whole";
  const detail = `${picture.width} × ${picture.height} px, ${shown}${picture.box ? `; ${legend}` : ""}`;
  const { width, height } = picture.picture;
  const box = picture.box;
  const rect =
    box && boxClass ? `<rect class="${boxClass}" x="${f(box.x)}" y="${f(box.y)}" width="${f(box.width)}" height="${f(box.height)}"/>` : "";
  return (
    `<figure><figcaption>${caption}<small>${escapeHtml(detail)}</small></figcaption>` +
    `<svg class="state" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${caption}">` +
    `<image href="${escapeHtml(picture.src)}" width="${width}" height="${height}"/>${rect}</svg></figure>`
  );
}

function f(value: number): string {
  return value.toFixed(1);
}

import { createHash } from "node:crypto";
import { aggregateTable, datasetLine, metricIds } from "../table.js";
import { distributionChart, meanChart } from "./charts.js";
import type { GalleryItem, ScoredPictures, ViewportItem } from "./gallery.js";
import { agreementTable, PUBLISHED_WCGB_OVERALL, wcgbTable } from "../judge.js";
import { provenanceFacts } from "../provenance.js";
import { refusedRows } from "../refused.js";
import { LoadedRun, interval95, metricValue, score } from "../../results/index.js";
import { escapeHtml } from "./escape.js";
import { interactionStripsHtml, STRIP_STYLE } from "./interaction-html.js";
import { IMPLEMENT_RATE_NOTE, interactionTables } from "../interaction-tables.js";
import { findTask, TASK_DESCRIPTORS } from "../../shared/tasks.js";

/**
 * The gallery's filter and sort: the report's only script. Its hash is the one script the page's
 * Content-Security-Policy allows, so nothing that reached the page from a prediction can run.
 */
const GALLERY_SCRIPT = `
const grid = document.getElementById("cards");
const cards = Array.from(grid.children);
const controls = ["f-model", "f-metric", "f-status"].map((id) => document.getElementById(id));
function update() {
  const [model, key, status] = controls.map((control) => control.value);
  const shown = cards.filter((card) => (model === "" || card.dataset.model === model) && (status === "" || (status === "failed") === (card.dataset.status !== "ok")));
  shown.sort((a, b) => Number(a.dataset[key]) - Number(b.dataset[key]));
  for (const card of cards) card.hidden = true;
  for (const card of shown) { card.hidden = false; grid.appendChild(card); }
  document.getElementById("f-count").textContent = shown.length + " shown";
}
for (const control of controls) control.addEventListener("change", update);
update();
`;

const STYLE = `
body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem; color: #1f2328; max-width: 1400px; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { background: #f6f8fa; }
td.best { font-weight: 700; background: #dafbe1; }
.scroll { overflow-x: auto; }
/* Narrow enough for 1280 px: names break after "_", the interval sits small under its mean, long model names and failures wrap. */
.aggregates th, .aggregates td { padding: 4px 6px; }
.aggregates th { white-space: normal; vertical-align: bottom; }
.aggregates td small { display: block; font-size: 11px; font-weight: 400; color: #57606a; }
.aggregates td:first-child { white-space: normal; overflow-wrap: anywhere; min-width: 6rem; max-width: 14rem; }
#aggregates td:last-child { white-space: normal; min-width: 8rem; text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
figure { margin: 0; }
figcaption { font-weight: 600; }
svg text { font-size: 11px; fill: #57606a; }
svg .grid { stroke: #eaeef2; }
svg .whisker { stroke: #1f2328; fill: none; }
.controls { position: sticky; top: 0; background: #fff; padding: 0.5rem 0; border-bottom: 1px solid #d0d7de; z-index: 1; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.75rem; margin: 1rem 0; }
.card h3 { margin: 0 0 0.5rem; font-size: 15px; }
.status { padding: 1px 6px; border-radius: 10px; background: #dafbe1; font-size: 12px; }
.status.failed { background: #ffebe9; }
/* Four pictures to a row at 1280 px; a tall page scrolls inside the card, the three canvas pictures row for row together. */
.pictures { display: flex; gap: 0.75rem; align-items: flex-start; max-height: 80vh; overflow-y: auto; }
.pictures figure { flex: 1 1 0; min-width: 0; max-width: 400px; }
.pictures figcaption small { display: block; font-weight: 400; color: #57606a; }
.pictures img { max-width: 100%; box-sizing: border-box; border: 1px solid #d0d7de; }
.viewport > summary { margin: 0.5rem 0; font-weight: 600; }
.missing { height: 80px; display: flex; align-items: center; justify-content: center; text-align: center; padding: 0 0.5rem; background: #f6f8fa; color: #57606a; }
.error { color: #cf222e; white-space: pre-wrap; }
svg.blocks { max-width: 100%; height: auto; }
svg.blocks rect { stroke-width: 1.5; }
svg.blocks rect.unmatched { fill: #cf222e22; stroke: #cf222e; stroke-dasharray: 4 2; }
pre { white-space: pre-wrap; word-break: break-all; background: #f6f8fa; padding: 0.5rem; max-height: 24rem; overflow: auto; }
`;

export interface PageInput {
  title: string;
  runs: readonly LoadedRun[];
  /** Each run's folder as the page links it. */
  links: readonly string[];
  gallery: readonly GalleryItem[];
  /** Why the gallery has no screenshots, when it has none. */
  screenshotNote?: string;
}

/** The whole report page: static HTML, its pictures beside it, one hashed script for the gallery. */
export function reportPage(input: PageInput): string {
  const results = input.runs.map((run) => run.results);
  const ids = metricIds(results);
  const scriptHash = createHash("sha256").update(GALLERY_SCRIPT).digest("base64");
  const policy = `default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; frame-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}${STRIP_STYLE}</style></head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<p>${escapeHtml(datasetLine(results))}; ${input.runs.length} run${input.runs.length === 1 ? "" : "s"}. Each cell is the mean over all samples (failed samples count 0) with its 95% confidence interval beneath; best per column highlighted.</p>
${aggregateSection(input)}
${interactionSection(input.runs)}
<h2>Charts</h2>
<div class="charts">
${ids.map((id) => chartsFor(id, input.runs)).join("\n")}
</div>
${judgeSection(input.runs)}
${refusedSection(input.runs)}
${failureSection(input.runs)}
${provenanceSection(input.runs)}
${gallerySection(input, ids)}
<script>${GALLERY_SCRIPT}</script>
</body></html>
`;
}

/**
 * Metric families shown in tables of their own under the main one, so that each table fits a
 * 1280 px screen however many metrics a run has: Design2Code's, and the judge's.
 */
const FAMILIES = [
  { prefix: "d2c_", title: "Design2Code" },
  { prefix: "wcgb_", title: "Judge (WCGB rubric)" },
];

function aggregateSection(input: PageInput): string {
  const { header, rows } = aggregateTable(input.runs.map((run) => run.results));
  // Columns: the model, the metrics, then n and failures (which stay in the main table).
  const metricColumns = header.slice(1, -2).map((id, i) => ({ id, column: i + 1 }));
  const inFamily = (id: string) => FAMILIES.some((family) => id.startsWith(family.prefix));
  const main = [0, ...metricColumns.filter(({ id }) => !inFamily(id)).map(({ column }) => column), header.length - 2, header.length - 1];
  const tables = [
    { id: "aggregates", title: "", columns: main },
    ...FAMILIES.map((family) => ({
      id: `aggregates-${family.prefix.slice(0, -1)}`,
      title: family.title,
      columns: [0, ...metricColumns.filter(({ id }) => id.startsWith(family.prefix)).map(({ column }) => column)],
    })).filter((table) => table.columns.length > 1),
  ];
  const table = ({ id, title, columns }: (typeof tables)[number]) => {
    const body = rows
      .map((row, r) => {
        const cells = columns.map((i) => {
          const cell = row[i]!;
          const text = i === 0 ? `<a href="${escapeHtml(input.links[r]!)}/summary.md">${escapeHtml(cell.text)}</a>` : escapeHtml(cell.text);
          const detail = cell.detail ? `<small>${escapeHtml(cell.detail)}</small>` : "";
          return `<td${cell.best ? ' class="best"' : ""}>${text}${detail}</td>`;
        });
        return `<tr>${cells.join("")}</tr>`;
      })
      .join("\n");
    return `${title ? `<h3>${escapeHtml(title)}</h3>\n` : ""}<div class="scroll"><table id="${id}" class="aggregates"><thead><tr>${columns.map((i) => `<th>${breakable(header[i]!)}</th>`).join("")}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
  };
  return `<h2>Aggregates</h2>\n${tables.map(table).join("\n")}`;
}

/** A metric id that may wrap after each `_` (`tag_<wbr>histogram_<wbr>similarity`). */
function breakable(id: string): string {
  return escapeHtml(id).replace(/_/g, "_<wbr>");
}

function chartsFor(id: string, runs: readonly LoadedRun[]): string {
  const bars = runs.map((run) => {
    const aggregate = run.results.aggregates[id] ?? { mean: 0, stderr: 0, median: 0, n: 0 };
    return { label: run.results.model.id, mean: aggregate.mean, ...interval95(aggregate) };
  });
  const series = runs.map((run) => ({ label: run.results.model.id, values: run.records.map((record) => metricValue(record, id)) }));
  return `${meanChart(`${id}: mean and 95% interval`, bars)}\n${distributionChart(`${id}: per-sample scores`, series)}`;
}

function htmlTable(id: string, table: { header: string[]; rows: string[][] }): string {
  const head = table.header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join("");
  const body = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("\n");
  return `<div class="scroll"><table id="${id}"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

/** For runs of the `interaction` task: the implement rate and outcomes, and the scores by tag type and by visual type. */
function interactionSection(runs: readonly LoadedRun[]): string {
  const tables = interactionTables(runs);
  if (tables.length === 0) return "";
  const sections = tables.map(({ id, title, table }) => `<h3>${escapeHtml(title)}</h3>\n${htmlTable(id, table)}`);
  return `<h2>Interactions</h2>\n<p>${escapeHtml(IMPLEMENT_RATE_NOTE)}</p>\n${sections.join("\n")}`;
}

/** For judged runs: WCGB on Web2Code's 0-10 scale beside the published overall scores, and the judge's agreement. */
function judgeSection(runs: readonly LoadedRun[]): string {
  const scores = wcgbTable(runs);
  if (!scores) return "";
  const agreement = agreementTable(runs);
  const published = PUBLISHED_WCGB_OVERALL.map(([model, overall]) => `${escapeHtml(model)} ${overall}`).join("; ");
  return `<h2>Judge (WCGB, Web2Code's 0-10 scale)</h2>
${htmlTable("wcgb", scores)}
<p>Published WCGB overall: ${published}.</p>
${agreement ? `<p>How far the judge can be trusted:</p>\n${htmlTable("judge-agreement", agreement)}` : ""}`;
}

/** The URLs the predictions' pages were refused most, per model. */
function refusedSection(runs: readonly LoadedRun[]): string {
  const rows = refusedRows(runs);
  if (rows.length === 0) return "";
  return `<h2>Requests the sandbox refused (most frequent)</h2>
<p>What the predictions' pages asked for and did not get: a library the store lacks, or a file the model made up.</p>
${htmlTable("refused", { header: ["model", "URL", "requests"], rows })}`;
}

function failureSection(runs: readonly LoadedRun[]): string {
  const statuses = [...new Set(runs.flatMap((run) => Object.keys(run.results.failures)))].sort();
  if (statuses.length === 0) return `<h2>Failures</h2>\n<p>None: every sample of every run was scored.</p>`;
  const rows = runs.map(
    (run) =>
      `<tr><td>${escapeHtml(run.results.model.id)}</td>${statuses.map((s) => `<td>${run.results.failures[s] ?? 0}</td>`).join("")}</tr>`,
  );
  return `<h2>Failures</h2>
<table id="failures"><thead><tr><th>model</th>${statuses.map((s) => `<th>${escapeHtml(s)}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

function provenanceSection(runs: readonly LoadedRun[]): string {
  const blocks = runs.map((run) => {
    const facts = provenanceFacts(run.results)
      .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
      .join("");
    return `<details><summary>${escapeHtml(run.results.model.id)}</summary>
<table class="provenance">${facts}</table>
<pre>${escapeHtml(JSON.stringify(run.results.model, null, 2))}</pre></details>`;
  });
  return `<h2>Provenance</h2>\n${blocks.join("\n")}`;
}

function gallerySection(input: PageInput, ids: readonly string[]): string {
  const models = input.runs.map((run) => run.results.model.id);
  const modelOptions = models.map((model) => `<option value="${escapeHtml(model)}">${escapeHtml(model)}</option>`).join("");
  const metricOptions = ids.map((id, i) => `<option value="m${i}">${escapeHtml(id)}</option>`).join("");
  return `<h2>Samples, worst first</h2>
<p>Each card: the dataset's screenshot, which the model was shown; then what the scores compared: the reference page's render and the prediction's, each laid on the compared canvas (the larger width and height of the two renders), hatched grey where a render has no page (the pixel scores count a prediction's missing page as white, and every pixel beyond the reference's page as different), and the difference pixel_similarity counted, drawn by its own call on the full-size renders.</p>
${input.gallery.some((item) => item.interaction) ? `<p>A card of the interaction task shows a strip per interaction instead: the dataset's screenshots before and after it, what changed outlined in red; then the generated page as loaded, the element acted on (#interactN) outlined in blue, and after the action, what changed outlined in red; with what became of the interaction and its scores.</p>\n` : ""}${input.screenshotNote ? `<p>${escapeHtml(input.screenshotNote)}</p>` : ""}
<div class="controls">
<label>Model <select id="f-model"><option value="">all</option>${modelOptions}</select></label>
<label>Sort by <select id="f-metric"><option value="score">mean of metrics</option>${metricOptions}</select></label>
<label>Status <select id="f-status"><option value="">all</option><option value="failed">failed</option><option value="ok">scored</option></select></label>
<span id="f-count"></span>
</div>
<div id="cards">
${input.gallery.map((item) => card(item, ids)).join("\n")}
</div>`;
}

type Figure = (caption: string, detail: string, src: string | undefined, missing: string) => string;

const shown = (shownHeight: number, height: number) => (shownHeight < height ? `top ${shownHeight} px shown` : "shown whole");
const size = (page: { width: number; height: number }) => `${page.width} × ${page.height} px`;

/** A card's four pictures, each caption saying what the picture is, its size and the part shown. */
function pictures(item: GalleryItem, figure: Figure): string {
  const { screenshot } = item;
  const caption = (findTask(item.task) ?? TASK_DESCRIPTORS.image2html).screenshotCaption;
  return [
    figure(
      caption.title,
      [caption.detail, ...(screenshot ? [size(screenshot), shown(screenshot.shownHeight, screenshot.height)] : [])].join(", "),
      screenshot?.src,
      "not available",
    ),
    scoredFigures(item.scored, item.referenceMissing, figure),
  ].join("");
}

/** The two renders as scored, on their compared canvas, and the pixel score's difference of them. */
function scoredFigures(scored: ScoredPictures | undefined, referenceMissing: string | undefined, figure: Figure): string {
  const canvas = scored?.canvas;
  const onCanvas = (page: { width: number; height: number } | undefined) =>
    page && canvas
      ? `${size(page)}${scored.reference && scored.prediction ? ` on the ${size(canvas)} canvas` : ""}, ${shown(canvas.shownHeight, canvas.height)}`
      : "";
  return [
    figure("Reference render, as scored", onCanvas(scored?.reference), scored?.reference?.src, referenceMissing ?? "not rendered"),
    figure("Prediction render, as scored", onCanvas(scored?.prediction), scored?.prediction?.src, "no render"),
    figure(
      "Difference pixel_similarity counted",
      canvas && scored.difference ? `red: counted, yellow: anti-aliasing (not counted); ${shown(canvas.shownHeight, canvas.height)}` : "",
      scored?.difference,
      "needs both renders",
    ),
  ].join("");
}

function card(item: GalleryItem, ids: readonly string[]): string {
  const data = [
    `data-model="${escapeHtml(item.model)}"`,
    `data-status="${escapeHtml(item.status)}"`,
    `data-score="${item.score}"`,
    ...ids.map((id, i) => `data-m${i}="${item.metrics[id] ?? 0}"`),
  ];
  const picture = (caption: string, detail: string, src: string | undefined, missing: string) =>
    `<figure><figcaption>${caption}${detail ? `<small>${escapeHtml(detail)}</small>` : ""}</figcaption>` +
    (src ? `<img src="${escapeHtml(src)}" alt="${caption}" loading="lazy">` : `<div class="missing">${escapeHtml(missing)}</div>`) +
    `</figure>`;
  const metrics = ids.map((id) => `<td>${escapeHtml(id)}</td><td>${score(item.metrics[id] ?? 0)}</td>`);
  const source = item.source
    ? `<details><summary>HTML the model wrote${item.source.truncated ? " (start; " : " ("}<a href="${escapeHtml(item.source.link)}">whole file as text</a>)</summary><pre>${escapeHtml(item.source.preview)}</pre></details>`
    : "";
  return `<article class="card" ${data.join(" ")}>
<h3>${escapeHtml(item.sampleId)} · ${escapeHtml(item.model)} <span class="status${item.status === "ok" ? "" : " failed"}">${escapeHtml(item.status)}</span> mean ${score(item.score)}</h3>
${item.interaction ? interactionStripsHtml(item.interaction) : `<div class="pictures">${pictures(item, picture)}</div>`}
${(item.viewports ?? []).map((viewport) => viewportHtml(viewport, picture)).join("\n")}
${item.error ? `<p class="error">${escapeHtml(item.error)}</p>` : ""}
${item.blocks ? `<details><summary>Design2Code's text blocks: what d2c_block_match, d2c_text, d2c_position and d2c_color matched</summary>${item.blocks}</details>` : ""}
<table class="metrics"><tr>${metrics.join("</tr><tr>")}</tr></table>
${source}
</article>`;
}

/** A viewport of `--viewports` after the run's own: the two pages rendered and scored at its size. */
function viewportHtml(viewport: ViewportItem, figure: Figure): string {
  const scores = Object.entries(viewport.metrics).map(([id, value]) => `${escapeHtml(id)} ${score(value)}`);
  return `<details class="viewport" open><summary>At ${escapeHtml(viewport.name)}: ${scores.join(" · ")}</summary>
<div class="pictures">${scoredFigures(viewport.scored, viewport.referenceMissing, figure)}</div></details>`;
}

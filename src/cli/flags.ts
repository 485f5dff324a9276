import { InvalidArgumentError, type Command } from "commander";
import { parseColumns } from "../datasets/columns.js";
import { RENDER_DEFAULTS } from "../render/defaults.js";
import { MIN_WIDTH, PLAN_DEFAULTS, POSITIVE_INT, VIEWPORT_FORM, WIDTH_RANGE } from "../runner/plan-defaults.js";
import type { RunPlan } from "../runner/plan.js";
import type { Shard } from "../runner/select.js";
import { INTERACTION_VIEWS } from "../shared/interaction-prompt.js";
import { TASKS } from "../shared/tasks.js";
import { VIEWPORT_NAME } from "../shared/viewports.js";

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(POSITIVE_INT);
  return n;
}

/**
 * `--width PX`: from the narrowest viewport a dataset.json may name (100) to the renderer's width
 * cap, beyond which every render would be cut narrower than its own viewport.
 */
export function renderWidth(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < MIN_WIDTH || n > RENDER_DEFAULTS.maxWidth) throw new InvalidArgumentError(WIDTH_RANGE);
  return n;
}

/** `--viewports 1280x720,768x1024,390x844`: each `WIDTHxHEIGHT` (the plan checks the widths and repeats). */
export function viewportNames(value: string): string[] {
  const names = value.split(",").map((name) => name.trim());
  if (!names.every((name) => VIEWPORT_NAME.test(name))) throw new InvalidArgumentError(VIEWPORT_FORM);
  return names;
}

/** `--shard i/N`: 1 <= i <= N. */
export function shardOf(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) throw new InvalidArgumentError("expected i/N with 1 <= i <= N, e.g. 2/8");
  return { index, count };
}

/** `--max-failures N` (failed samples) or `P%` (of a run's samples). */
export type MaxFailures = NonNullable<RunPlan["maxFailures"]>;

export function maxFailures(value: string): MaxFailures {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(value);
  const n = Number(match?.[1]);
  if (match?.[2] === "%" && n <= 100) return { percent: n };
  if (match && !match[2] && Number.isSafeInteger(n)) return { count: n };
  throw new InvalidArgumentError("expected a number of failed samples (e.g. 3) or a share of the samples from 0% to 100% (e.g. 5%)");
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export interface CommonFlags {
  json?: boolean;
  quiet?: boolean;
}

/** How to read a dataset whose form leaves a choice. */
export interface DatasetFlags {
  columns?: Record<string, string>;
  images?: string;
}

/** `--judge-checks repeat,swap`: the judge's self-checks, each costing one more verdict per sample. */
function judgeChecks(value: string): NonNullable<RunPlan["judgeChecks"]> {
  const checks = value.split(",").map((check) => check.trim());
  const unknown = checks.filter((check) => check !== "repeat" && check !== "swap");
  if (unknown.length || checks.length === 0) throw new InvalidArgumentError("expected repeat, swap or repeat,swap");
  return checks as Array<"repeat" | "swap">;
}

/** A value among `choices`, refused as commander refuses a choice (the help lists them). */
function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    const choice = choices.find((known) => known === value);
    if (choice === undefined) throw new InvalidArgumentError(`Allowed choices are ${choices.join(", ")}.`);
    return choice;
  };
}

/** The examples every command's --help ends with. */
export function withExamples(command: Command, ...examples: string[]): Command {
  return command.addHelpText("after", `\nExamples:\n${examples.map((e) => `  $ web2code-eval ${e}`).join("\n")}`);
}

export function addOutputFlags(command: Command): Command {
  return command.option("--json", "machine output on stdout, logs on stderr").option("--quiet", "no progress or logs");
}

/** `--columns` and `--images`: every command that reads a dataset. */
export function addDatasetFlags(command: Command): Command {
  return command
    .option(
      "--columns <role=column,...>",
      "which columns (or JSONL fields) hold what, where detection is not enough: image, html, id, description for parquet; id, image, html, instruction for a TSV; id, image, question, answer, category for a JSONL",
      (value: string) => {
        try {
          return parseColumns(value);
        } catch (error) {
          throw new InvalidArgumentError((error as Error).message);
        }
      },
    )
    .option("--images <DIR>", "the folder a Web2Code JSONL's or LLaVA JSON's image paths are relative to (default: the file's folder)");
}

/**
 * A flag's help with the plan's default, as commander would show it: the default itself is
 * applied when the plan is parsed (src/runner/plan.ts), not by the command line.
 */
function shownDefault(description: string, value: string | number): string {
  return `${description} (default: ${JSON.stringify(value)})`;
}

/** Flags shared by every command that scores samples (`run`, `score`): each one a field of the run plan (src/runner/plan.ts). */
export function addRunFlags(command: Command): Command {
  return addOutputFlags(
    addDatasetFlags(command)
      .option(
        "--task <task>",
        `image2html: the model sees the screenshot; text2html: the sample's description; qa: the screenshot and a question (Web2Code's WUB); interaction: the screenshots before and after each interaction, the page driven and each state scored (Interaction2Code's) (choices: ${TASKS.map((task) => JSON.stringify(task)).join(", ")}, default: ${JSON.stringify(PLAN_DEFAULTS.task)})`,
        oneOf(TASKS),
      )
      .option(
        "--interaction-prompt <view>",
        `--task interaction: which screenshots of each interaction the model sees: direct, the states before and after; mark, the same with red boxes around the element and the change (choices: ${INTERACTION_VIEWS.map((view) => JSON.stringify(view)).join(", ")}, default: ${JSON.stringify(PLAN_DEFAULTS.interactionPrompt)})`,
        oneOf(INTERACTION_VIEWS),
      )
      .option(
        "--name <NAME>",
        "the model's name: its id in results.json, its run folder's name and its label in report, compare and leaderboard (one model; several: ?name=NAME in each --model spec)",
      )
      .option("--limit <n>", "only the first N samples", positiveInt)
      .option("--shard <i/N>", "only the i-th of N slices of the samples (every N-th, from the i-th); join the runs with merge", shardOf)
      .option(
        "--width <px>",
        "render every page (references and predictions) at this viewport width instead of the dataset's, e.g. its screenshots' width",
        renderWidth,
      )
      .option(
        "--viewports <WxH,...>",
        "score every page at each of these viewports, e.g. 1280x720,768x1024,390x844: the first is the run's own (in place of the dataset's), each other one's scores are named <metric>@<WxH>",
        viewportNames,
      )
      .option("--concurrency <n>", shownDefault("concurrent generations", PLAN_DEFAULTS.concurrency), positiveInt)
      .option(
        "--render-concurrency <n>",
        shownDefault("browser workers (pages rendered at once)", PLAN_DEFAULTS.renderConcurrency),
        positiveInt,
      )
      .option("--render-timeout <ms>", shownDefault("hard deadline per page render", PLAN_DEFAULTS.renderTimeout), positiveInt)
      .option("--generation-timeout <ms>", shownDefault("deadline per model request", PLAN_DEFAULTS.generationTimeout), positiveInt)
      .option("--no-cache", "neither read nor write the generation and render caches")
      .option("--no-libraries", "render with dataset files only, no library store: what a tool with no network sees")
      .option("--fresh", "start the run over, even where --out holds an unfinished run of the same settings")
      .option(
        "--retry-failed",
        "continuing a run: do every failed sample again (by default only failures that may pass: generation errors and timeouts, missing predictions, crashed renders)",
      )
      .option("--max-failures <N|P%>", "exit 100 when a run has more failed samples than N, or than P% of its samples", maxFailures)
      .option("--clip-model <PATH>", "an ONNX export of CLIP ViT-B/32's image encoder: adds d2c_clip and d2c_final (see docs/metrics.md)")
      .option(
        "--judge <spec>",
        "a vision model spec (openai:, llama-server:) that scores every scored sample with the WCGB rubric (wcgb_*)",
      )
      .option("--rubric <FILE>", "the judge's rubric: ten numbered questions in four groups (default: the package's rubrics/wcgb.md)")
      .option(
        "--judge-max-calls <n>",
        "the most requests the judge may receive over the run; past it, a sample's verdict is judge_error",
        positiveInt,
      )
      .option(
        "--judge-checks <checks>",
        "repeat: judge each pair twice; swap: once more in swapped order (agreement in results.json)",
        judgeChecks,
      ),
  );
}

/**
 * The tasks, each one descriptor: what the model is given and what it returns, whether anything is
 * rendered, how the report names the screenshot. Every room reads a task's behaviour here (or, for
 * the runner's per-sample path and scores, through its `output` kind) and never branches on a task's
 * id: `test/shared/tasks.test.ts` refuses a comparison of a task with a task's name anywhere else (docs/architecture.md, "Tasks").
 */

/**
 * What the model is given: the screenshot (`image2html`), the page's description (`text2html`),
 * the screenshot and a question about it (`qa`, Web2Code's WUB: the answer is scored as text), or
 * the screenshot and the page's interactions (`interaction`, Interaction2Code's: the page is acted on).
 */
export type Task = "image2html" | "text2html" | "qa" | "interaction";

/** What a model returns: an HTML page, rendered and scored against the reference page; or a text answer, scored as text. */
export interface TaskOutput {
  kind: "page" | "answer";
  /** Pages are rendered (a browser, a viewport width); answers are not. */
  rendered: boolean;
  /** A saved prediction's file, `PDIR/<sample-id>.<extension>` (the `replay` backend). */
  extension: "html" | "txt";
  /** The output that holds nothing (the `blank` baseline). */
  empty: string;
}

const PAGE: TaskOutput = {
  kind: "page",
  rendered: true,
  extension: "html",
  empty: "<!DOCTYPE html><html><head></head><body></body></html>",
};
const ANSWER: TaskOutput = { kind: "answer", rendered: false, extension: "txt", empty: "" };

/** What a sample offers a prompt: the dataset's instruction, the sample's description and question. */
export interface PromptParts {
  instruction: string;
  description?: string;
  question?: string;
}

export interface TaskDescriptor {
  id: Task;
  output: TaskOutput;
  /** The model is shown the screenshot. */
  seesImage: boolean;
  /**
   * The model draws the page from the screenshot, so the screenshot's width is set against the
   * width pages render at (a warning before the run, the width recorded per sample for summary.md).
   */
  drawsFromScreenshot: boolean;
  /** The prompt's text; `profileInstruction` is a model profile's own instruction, which replaces the dataset's. */
  prompt(parts: PromptParts, profileInstruction?: string): string;
  /** The answer budget when neither the spec nor the profile sets one; undefined: the profile's. */
  defaultMaxTokens?: number;
  /** How a report captions the dataset's screenshot beside the renders. */
  screenshotCaption: { title: string; detail: string };
}

const SHOWN = { title: "What the model saw", detail: "the dataset's screenshot" };

/** The answer budget of a question when the spec sets none: Web2Code's WUB script generates up to 512 tokens. */
export const QA_MAX_TOKENS = 512;

export const TASK_DESCRIPTORS: Readonly<Record<Task, TaskDescriptor>> = Object.freeze({
  image2html: {
    id: "image2html",
    output: PAGE,
    seesImage: true,
    drawsFromScreenshot: true,
    prompt: (parts, profileInstruction) => profileInstruction ?? parts.instruction,
    screenshotCaption: SHOWN,
  },
  text2html: {
    id: "text2html",
    output: PAGE,
    seesImage: false,
    drawsFromScreenshot: false,
    prompt: (parts) => parts.description ?? "",
    screenshotCaption: { title: "The dataset's screenshot", detail: "not shown to the model, which was given the description" },
  },
  qa: {
    id: "qa",
    output: ANSWER,
    seesImage: true,
    drawsFromScreenshot: false,
    prompt: (parts) => parts.question ?? "",
    defaultMaxTokens: QA_MAX_TOKENS,
    screenshotCaption: SHOWN,
  },
  interaction: {
    id: "interaction",
    output: PAGE,
    seesImage: true,
    drawsFromScreenshot: true,
    prompt: (parts, profileInstruction) => profileInstruction ?? parts.instruction,
    screenshotCaption: SHOWN,
  },
});

/** Every task, in the order help and errors list them. */
export const TASKS: readonly Task[] = Object.freeze(Object.keys(TASK_DESCRIPTORS) as Task[]);

/** The descriptor of a task named in a finished run's results.json (a string there); undefined for a task this version does not know. */
export function findTask(id: string): TaskDescriptor | undefined {
  return Object.values(TASK_DESCRIPTORS).find((descriptor) => descriptor.id === id);
}

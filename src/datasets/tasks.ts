import { DatasetError } from "./errors.js";
import { DATASET_TASKS, type Dataset, type DatasetTask, type Sample } from "./types.js";

/** An interaction page's screenshots are states of the page acted on: it serves only the task that acts on it. */
const stillPage = (sample: Sample) => sample.interactions === undefined;

/**
 * What one sample needs for each task: a reference page (and, for text2html, its description), a
 * question with its answer, or interactions to drive.
 */
const SERVES: Record<DatasetTask, (sample: Sample) => boolean> = {
  image2html: (sample) => sample.readHtml !== undefined && stillPage(sample),
  text2html: (sample) => sample.readHtml !== undefined && Boolean(sample.description?.trim()) && stillPage(sample),
  qa: (sample) => sample.question !== undefined && sample.answer !== undefined,
  interaction: (sample) => (sample.interactions?.length ?? 0) > 0,
};

/** The tasks every sample serves, in {@link DATASET_TASKS} order. */
export function datasetTasks(samples: readonly Sample[]): DatasetTask[] {
  return DATASET_TASKS.filter((task) => samples.every(SERVES[task]));
}

/** Refuses a task the dataset cannot serve, naming the first sample that lacks what it needs. */
export function requireTask(dataset: Pick<Dataset, "id" | "root" | "samples" | "tasks">, task: DatasetTask): void {
  if (dataset.tasks.includes(task)) return;
  const lacking = dataset.samples.find((sample) => !SERVES[task](sample));
  const needs: Record<DatasetTask, string> = {
    image2html: "has no reference page, which --task image2html scores against",
    text2html: "has no description, which --task text2html gives the model",
    qa: "has no question and answer, which --task qa asks",
    interaction: "has no interactions, which --task interaction drives",
  };
  const why = lacking && !stillPage(lacking) ? "is an interaction page, which only --task interaction drives" : needs[task];
  const serves = dataset.tasks.length ? `; the dataset serves --task ${dataset.tasks.join(", ")}` : "";
  throw new DatasetError(`dataset ${dataset.id} (${dataset.root}): sample "${lacking?.id}" ${why}${serves}`);
}

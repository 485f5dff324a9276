import { DatasetError } from "./errors.js";
import { DATASET_TASKS, type Dataset, type DatasetTask, type Sample } from "./types.js";

/** What one sample needs for each task: a reference page (and, for text2html, its description), or a question with its answer. */
const SERVES: Record<DatasetTask, (sample: Sample) => boolean> = {
  image2html: (sample) => sample.readHtml !== undefined,
  text2html: (sample) => sample.readHtml !== undefined && Boolean(sample.description?.trim()),
  qa: (sample) => sample.question !== undefined && sample.answer !== undefined,
  interaction: (sample) => Boolean(sample.interactions?.length),
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
  const serves = dataset.tasks.length ? `; the dataset serves --task ${dataset.tasks.join(", ")}` : "";
  throw new DatasetError(`dataset ${dataset.id} (${dataset.root}): sample "${lacking?.id}" ${needs[task]}${serves}`);
}

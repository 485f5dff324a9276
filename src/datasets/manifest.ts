import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DEFAULT_VIEWPORT } from "./form.js";

/** Sample and dataset ids name files (`predictions/<id>.html`): no separators, no leading dot, short. */
export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const SAFE_ID_RULE = "letters, digits, '.', '_' or '-', starting with a letter or digit";
export const MAX_ID_LENGTH = 128;
const safeId = (description: string) => z.string().regex(SAFE_ID, SAFE_ID_RULE).max(MAX_ID_LENGTH).meta({ description });
/** A path relative to the dataset folder (checked to stay inside it when the dataset is loaded). */
const relativePath = (description: string) =>
  z
    .string()
    .min(1)
    .regex(/^[^\0]*$/, "contains a NUL character")
    .meta({ description: `${description}: a path relative to the dataset folder, which it may not leave.` });

/** `schemas/dataset.schema.json`, written from {@link ManifestSchema} by `npm run build:schemas`. */
export const MANIFEST_SCHEMA_PATH = fileURLToPath(new URL("../../schemas/dataset.schema.json", import.meta.url));

/** `dataset.json`: the web2code-eval dataset format. */
export const ManifestSchema = z
  .object({
    id: safeId("The dataset's id: names report folders and leaderboard entries."),
    version: z.string().min(1).meta({ description: "The dataset's version, as its authors name it." }),
    description: z.string().meta({ description: "What the dataset is, in a sentence or two." }),
    licence: z.string().min(1).meta({ description: "The licence of its pages and screenshots, e.g. CC-BY-4.0." }),
    viewport: z
      .object({
        width: z.number().int().min(100).max(8192).meta({ description: "CSS pixels." }),
        height: z.number().int().min(100).max(8192).meta({ description: "CSS pixels." }),
      })
      .strict()
      .default(() => ({ ...DEFAULT_VIEWPORT }))
      .meta({ description: "The browser window pages are rendered in (renders are full-page, this wide)." }),
    instruction: z.string().min(1).meta({ description: "What the model is asked for every sample, e.g. Web2Code's `Please generate html code for the given image`." }),
    samples: z
      .array(
        z
          .object({
            id: safeId("The sample's id: names its files in a run (`predictions/<id>.html`); unique in the dataset."),
            html: relativePath("The reference page (UTF-8; absent only in a question sample)").optional(),
            image: relativePath("The screenshot given to the model (PNG)"),
            description: z.string().optional().meta({ description: "What the page shows, in words: the model's input for `--task text2html`." }),
            tags: z.array(z.string()).default([]).meta({ description: "Free labels, e.g. `landing`, `rtl`." }),
            question: z.string().min(1).optional().meta({ description: "For `--task qa`: a question about the screenshot (with `answer`)." }),
            answer: z.string().min(1).optional().meta({ description: "For `--task qa`: the gold answer, e.g. `Yes`." }),
            category: z.string().min(1).optional().meta({ description: "For `--task qa`: the question's category, where the benchmark has one." }),
          })
          // Like the top level: a misspelt key ("tag", "descripton") is refused, not dropped.
          .strict()
          .meta({ description: "One sample: a screenshot with its reference page, or with a question and its answer, or both." }),
      )
      .min(1, "at least one sample"),
  })
  .strict()
  .meta({
    title: "web2code-eval dataset",
    description:
      "`dataset.json`: a web2code-eval dataset folder's manifest. Every path is relative to the folder; pages may load the folder's other files (assets) by relative URL, never another sample's page or screenshot. Check a folder with `web2code-eval datasets validate DIR`.",
  });

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestSample = Manifest["samples"][number];

/** The JSON Schema of `dataset.json` as the package ships it: generated, so it cannot drift from the loader's own. */
export function manifestJsonSchema(): Record<string, unknown> {
  return { $id: "urn:web2code-eval:schema:dataset:1", ...z.toJSONSchema(ManifestSchema, { io: "input", target: "draft-2020-12" }) };
}

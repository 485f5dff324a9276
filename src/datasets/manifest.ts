import { z } from "zod";

/** Sample and dataset ids name files (`predictions/<id>.html`): no separators, no leading dot, short. */
export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const SAFE_ID_RULE = "letters, digits, '.', '_' or '-', starting with a letter or digit";
export const MAX_ID_LENGTH = 128;
const safeId = () => z.string().regex(SAFE_ID, SAFE_ID_RULE).max(MAX_ID_LENGTH);
/** A path relative to the dataset folder (checked to stay inside it when the dataset is loaded). */
const relativePath = () => z.string().min(1).refine((path) => !path.includes("\0"), "contains a NUL character");

/** `dataset.json`: the web2code-eval dataset format. */
export const ManifestSchema = z
  .object({
    id: safeId(),
    version: z.string().min(1),
    description: z.string(),
    licence: z.string().min(1),
    viewport: z
      .object({ width: z.number().int().min(100).max(8192), height: z.number().int().min(100).max(8192) })
      .strict()
      .default({ width: 1280, height: 720 }),
    instruction: z.string().min(1),
    samples: z
      .array(
        z
          .object({
            id: safeId(),
            html: relativePath(),
            image: relativePath(),
            description: z.string().optional(),
            tags: z.array(z.string()).default([]),
          })
          // Like the top level: a misspelt key ("tag", "descripton") is refused, not dropped.
          .strict(),
      )
      .min(1, "at least one sample"),
  })
  .strict();

export type Manifest = z.infer<typeof ManifestSchema>;

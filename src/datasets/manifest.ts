import { z } from "zod";

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `dataset.json`: the web2code-eval dataset format. */
export const ManifestSchema = z
  .object({
    id: z.string().regex(SAFE_ID, "letters, digits, '.', '_' or '-'"),
    version: z.string().min(1),
    description: z.string(),
    licence: z.string().min(1),
    viewport: z
      .object({ width: z.number().int().min(100).max(8192), height: z.number().int().min(100).max(8192) })
      .default({ width: 1280, height: 720 }),
    instruction: z.string().min(1),
    samples: z
      .array(
        z.object({
          id: z.string().regex(SAFE_ID, "letters, digits, '.', '_' or '-'"),
          html: z.string().min(1),
          image: z.string().min(1),
          description: z.string().optional(),
          tags: z.array(z.string()).default([]),
        }),
      )
      .min(1, "at least one sample"),
  })
  .strict();

export type Manifest = z.infer<typeof ManifestSchema>;

/** `samples.3.image: expected string` — the path of the first problem and what is wrong. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const where = issue.path.length ? issue.path.join(".") : "(top level)";
  return `field ${where}: ${issue.message}`;
}

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "./errors.js";

export const CONFIG_FILE = "web2code.config.json";

const ConfigSchema = z
  .object({
    /** Model specs run when `run` names none. */
    models: z.array(z.string().min(1)).min(1).optional(),
    /** Dataset used when `run` names none. */
    dataset: z.string().min(1).optional(),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

/** web2code.config.json in the working folder, if there is one; unknown keys are an error. */
export function loadConfig(dir = process.cwd()): Config {
  const file = resolve(dir, CONFIG_FILE);
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${file}: ${issue.path.length ? `field ${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  return parsed.data;
}

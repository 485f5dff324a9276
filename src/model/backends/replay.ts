import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { errorMessage } from "../../shared/index.js";
import { ModelSpecError } from "../errors.js";
import type { ParsedSpec } from "../spec.js";
import type { BackendContext, ModelBackend } from "../types.js";
import { generationError, specBackend, stopReply } from "./base.js";

/** Replays saved predictions in Design2Code's layout, `PDIR/<sample-id>.html`; saved answers (task qa) as `PDIR/<sample-id>.txt`. */
export function createReplayBackend(parsed: Extract<ParsedSpec, { kind: "replay" }>, context: BackendContext): ModelBackend {
  const extension = context.task === "qa" ? "txt" : "html";
  const { dir, spec } = parsed;
  // A missing file fails one sample; a missing directory is a mistyped spec, so fail before the run.
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) {
    throw new ModelSpecError(`model spec "${spec}": prediction directory "${dir}" ${stat ? "is not a directory" : "does not exist"}`);
  }
  return specBackend(
    parsed,
    async (request, signal) => {
      const file = path.join(dir, `${request.sampleId}.${extension}`);
      try {
        return stopReply(await readFile(file, { encoding: "utf8", signal }));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === "ENOENT" ? "" : ` (${errorMessage(error)})`;
        return generationError(`no prediction file ${file}${reason}`);
      }
    },
    {},
    { dir },
  );
}

import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { TASK_DESCRIPTORS } from "../../shared/tasks.js";
import { counted, errorMessage, firstNames } from "../../shared/index.js";
import { ModelSpecError } from "../errors.js";
import type { ParsedSpec } from "../spec.js";
import type { BackendContext, ModelBackend } from "../types.js";
import { generationError, specBackend, stopReply } from "./base.js";

/** Replays saved predictions in Design2Code's layout, `PDIR/<sample-id>.html`; saved answers (task qa) as `PDIR/<sample-id>.txt`. */
export function createReplayBackend(parsed: Extract<ParsedSpec, { kind: "replay" }>, context: BackendContext): ModelBackend {
  const { extension } = TASK_DESCRIPTORS[context.task].output;
  const { dir, spec } = parsed;
  // A missing file fails one sample; a missing directory is a mistyped spec, so fail before the run.
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) {
    throw new ModelSpecError(`model spec "${spec}": prediction directory "${dir}" ${stat ? "is not a directory" : "does not exist"}`);
  }
  const backend = specBackend(
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
  return {
    ...backend,
    preflight: (sampleIds) => {
      const line = unmatchedText(dir, extension, sampleIds);
      if (line?.refused) throw new ModelSpecError(`model spec "${spec}": ${line.text}`);
      return line?.text;
    },
  };
}

/**
 * The prediction files of the folder that match no sample id, said in one line with the first
 * names and the form a name must have; `refused` when the folder holds such files and none match,
 * so that a run would fail every sample. An empty folder says nothing: its samples fail as missing.
 */
function unmatchedText(dir: string, extension: string, sampleIds: readonly string[]): { text: string; refused: boolean } | undefined {
  const suffix = `.${extension}`;
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.isDirectory() && entry.name.endsWith(suffix))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const example = sampleIds[0] === undefined ? "" : `, e.g. ${sampleIds[0]}${suffix}`;
  const ids = new Set(sampleIds);
  const unmatched = files.filter((file) => !ids.has(file.slice(0, -suffix.length)));
  if (unmatched.length === 0) return undefined;
  const verb = unmatched.length === 1 ? "matches" : "match";
  return {
    text: `${unmatched.length} of ${counted(files.length, `${suffix} file`)} in ${dir} ${verb} no sample id (${firstNames(unmatched)}); predictions are named <sample-id>${suffix}${example}`,
    refused: unmatched.length === files.length,
  };
}

import { createHash } from "node:crypto";
import path from "node:path";
import { createBlankBackend } from "./backends/blank.js";
import { createBoxesBackend } from "./backends/boxes.js";
import { createLlamaServerBackend } from "./backends/llama-server.js";
import { createNodeLlamaBackend } from "./backends/node-llama.js";
import { createOpenAiBackend } from "./backends/openai.js";
import { createReferenceBackend } from "./backends/reference.js";
import { createReplayBackend } from "./backends/replay.js";
import { closestName } from "../shared/index.js";
import { ModelSpecError } from "./errors.js";
import type { Backend, BackendContext, SamplingParams } from "./types.js";

export type ModelKind = "reference" | "blank" | "boxes" | "replay" | "openai" | "llama-server" | "llama";

interface SpecCommon {
  /** The spec exactly as given. */
  spec: string;
  /** Filesystem-safe folder name, see {@link modelSlug}. */
  slug: string;
  /** The model's name (`name=NAME`), when given: its id, in place of the slug. */
  name?: string;
  /** Prompt profile (`profile=NAME`), when given. */
  profile?: string;
  sampling: SamplingParams;
  /** Kind-specific query parameters (e.g. llama-server's `mmproj`, `ngl`), unparsed: their backend reads them. */
  options: Record<string, string>;
}

/** The kind and what its spec names after the `:`. */
export type SpecTarget =
  | { kind: "reference" | "blank" | "boxes" }
  | { kind: "replay"; dir: string }
  | { kind: "openai"; model: string; baseUrl: string }
  | { kind: "llama-server"; gguf: string }
  | { kind: "llama"; gguf: string };

export type ParsedSpec = SpecCommon & SpecTarget;

/** What follows each kind's `:`, and the query parameters it takes beyond the common ones. */
const KINDS: Record<ModelKind, { target?: string; options: readonly string[]; extraBody?: true }> = {
  reference: { options: [] },
  blank: { options: [] },
  boxes: { options: [] },
  replay: { target: "PDIR", options: [] },
  openai: { target: "MODEL@BASE_URL", options: ["key_env"], extraBody: true },
  "llama-server": { target: "GGUF", options: ["mmproj", "ngl", "np", "ctx", "threads", "bin"], extraBody: true },
  llama: { target: "GGUF", options: ["gpu", "threads"] },
};

const SAMPLING_RULES: Record<keyof SamplingParams, { rule: string; ok: (n: number) => boolean }> = {
  temperature: { rule: "a number >= 0", ok: (n) => n >= 0 },
  top_p: { rule: "a number in (0, 1]", ok: (n) => n > 0 && n <= 1 },
  seed: { rule: "an integer >= 0", ok: (n) => Number.isSafeInteger(n) && n >= 0 },
  max_tokens: { rule: "an integer >= 1", ok: (n) => Number.isSafeInteger(n) && n >= 1 },
};
const COMMON_PARAMS = ["name", "profile", ...Object.keys(SAMPLING_RULES)];
/** Plain decimal numbers only: `Number()` would also take "", " ", "0x1f" and "Infinity". */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const PROFILE_NAME = /^[A-Za-z0-9][\w.-]*$/;
/** `name=NAME`: it names the run's folder and the model in reports, so the characters a folder name keeps everywhere. */
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** `MODEL@BASE_URL`: the first `@` that starts a URL, so a model name may hold `@` (a URL's userinfo may not). */
const OPENAI_TARGET = /^(.+?)@([a-z][a-z\d+.-]*:\/\/.+)$/i;
const SLUG_MAX = 64;

/** The valid forms, in one line: the unknown-spec message lists them. */
export const MODEL_SPEC_FORMS =
  Object.entries(KINDS)
    .map(([kind, { target }]) => (target ? `${kind}:${target}` : kind))
    .join(", ") + ", each optionally followed by ?name=LABEL&profile=NAME&temperature=T&seed=N&max_tokens=N&top_p=P";

/**
 * Parses a `--model` spec (docs/contract.md, "Model specs"): `KIND[:TARGET][?NAME=VALUE&...]`.
 * Throws {@link ModelSpecError} with a one-line message for anything malformed.
 */
export function parseModelSpec(spec: string): ParsedSpec {
  const fail = (problem: string): never => {
    throw new ModelSpecError(`model spec "${spec}": ${problem}`);
  };
  const [head, query] = splitOnce(spec, "?");
  const [kindName, target] = splitOnce(head, ":");
  if (!Object.hasOwn(KINDS, kindName)) {
    const meant = closestName(kindName, Object.keys(KINDS));
    const suggestion = meant === undefined ? "" : ` (did you mean "${meant}${spec.slice(kindName.length)}"?)`;
    fail(`unknown model${suggestion}; valid forms are ${MODEL_SPEC_FORMS}`);
  }
  const kind = kindName as ModelKind;
  const form = KINDS[kind];
  if (!form.target && target !== undefined) fail(`${kind} takes no argument after ":"`);
  if (form.target && !target) fail(`expected ${kind}:${form.target}`);

  const common: Omit<SpecCommon, "slug"> = { spec, sampling: {}, options: {} };
  for (const [name, value] of parseQuery(query ?? "", fail)) {
    if (name === "name") {
      if (!MODEL_NAME.test(value))
        fail(`name must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, got "${value}"`);
      common.name = value;
    } else if (name === "profile") {
      if (!PROFILE_NAME.test(value)) fail(`profile must be a name of letters, digits, ".", "_" or "-", got "${value}"`);
      common.profile = value;
    } else if (Object.hasOwn(SAMPLING_RULES, name)) {
      const key = name as keyof SamplingParams;
      const number = Number(value);
      if (!DECIMAL.test(value) || !SAMPLING_RULES[key].ok(number)) fail(`${name} must be ${SAMPLING_RULES[key].rule}, got "${value}"`);
      common.sampling[key] = number;
    } else if (form.options.includes(name) || (form.extraBody && /^body\.\w+$/.test(name))) {
      common.options[name] = value;
    } else {
      const known = [...COMMON_PARAMS, ...form.options];
      const meant = closestName(name, known);
      const extra = form.extraBody ? ["body.NAME (an extra request field)"] : [];
      fail(
        `unknown parameter "${name}"${meant === undefined ? "" : ` (did you mean "${meant}"?)`}; ${kind} takes ${[...known, ...extra].join(", ")}`,
      );
    }
  }

  const withSlug = (parsed: SpecTarget): ParsedSpec => ({ ...common, ...parsed, slug: slugOf(common, parsed) });
  switch (kind) {
    case "replay":
      return withSlug({ kind, dir: target ?? "" });
    case "openai": {
      const match = OPENAI_TARGET.exec(target ?? "");
      const [, model = "", baseUrl = ""] = match ?? fail(`expected openai:MODEL@BASE_URL, e.g. openai:gpt-4o@https://api.openai.com/v1`);
      if (!/^https?:$/.test(tryUrl(baseUrl)?.protocol ?? "")) fail(`base URL "${baseUrl}" is not an http(s) URL`);
      return withSlug({ kind, model, baseUrl });
    }
    case "llama-server":
      return withSlug({ kind, gguf: target ?? "" });
    case "llama":
      return withSlug({ kind, gguf: target ?? "" });
    default:
      return withSlug({ kind });
  }
}

/**
 * The backend for a spec. Its `sampling` holds the spec's sampling parameters, which the runner
 * copies into every request; describe() records them with the profile. `reference` makes a
 * `BaselineBackend` (`baseline: true`), every other kind a `ModelBackend`.
 */
export async function createBackend(spec: string, context: BackendContext): Promise<Backend> {
  const parsed = parseModelSpec(spec);
  switch (parsed.kind) {
    case "reference":
      return createReferenceBackend(parsed);
    case "blank":
      return createBlankBackend(parsed);
    case "boxes":
      return createBoxesBackend(parsed, context);
    case "replay":
      return createReplayBackend(parsed, context);
    case "openai":
      return createOpenAiBackend(parsed);
    case "llama-server":
      return createLlamaServerBackend(parsed, context);
    case "llama":
      return createNodeLlamaBackend(parsed, context);
  }
}

/**
 * A folder name for the spec's run, and the model's id: its `name=` parameter as given when it has
 * one; else lower-case `[a-z0-9._-]`, at most 64 characters, the same for the same spec. That
 * names the kind and the model (`boxes`, `replay-preds`, `openai-gpt-4o`,
 * `llama-server-llava-v1.5-7b-q4_k_m`), then any query parameters in name order; a longer
 * one is cut and ends in a hash of the whole slug. Specs that differ only in a replay directory's
 * parent or an openai base URL share a slug: `name=` tells them apart.
 */
export function modelSlug(spec: string): string {
  return parseModelSpec(spec).slug;
}

/**
 * The spec with `name=NAME` added to its query (`--name`): `replay:./preds` → `replay:./preds?name=sysA`.
 * A spec that names its model already is refused: one name, given once.
 */
export function withModelName(spec: string, name: string): string {
  const given = parseModelSpec(spec).name;
  if (given !== undefined)
    throw new ModelSpecError(`model spec "${spec}" names its model "${given}" already: give --name or name=, not both`);
  return `${spec}${spec.includes("?") ? "&" : "?"}name=${encodeURIComponent(name)}`;
}

function slugOf(common: Omit<SpecCommon, "slug">, target: SpecTarget): string {
  if (common.name !== undefined) return common.name;
  const name = (() => {
    switch (target.kind) {
      case "replay":
        return path.basename(target.dir);
      case "openai":
        return target.model;
      case "llama-server":
      case "llama":
        return path.basename(target.gguf).replace(/\.gguf$/i, "");
      default:
        return "";
    }
  })();
  // Parsed values, so `temperature=0.50` and `temperature=.5` name the same folder.
  const params = Object.entries({ profile: common.profile, ...common.sampling, ...common.options })
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flat();
  const slug = slugify([target.kind, name, ...params].join("-"));
  if (slug.length <= SLUG_MAX) return slug;
  const hash = createHash("sha256").update(slug).digest("hex").slice(0, 8);
  return `${slugify(slug.slice(0, SLUG_MAX - hash.length - 1))}-${hash}`;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
}

/** `NAME=VALUE` pairs, percent-decoded (but `+` kept, as paths may hold it); a repeated name is an error. */
function parseQuery(query: string, fail: (problem: string) => never): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split("&").filter(Boolean)) {
    const [rawName = "", rawValue] = splitOnce(pair, "=");
    const name = decode(rawName, fail);
    if (rawValue === undefined || name === "") fail(`expected NAME=VALUE in the query, got "${pair}"`);
    if (params.has(name)) fail(`parameter "${name}" is given twice`);
    params.set(name, decode(rawValue ?? "", fail));
  }
  return params;
}

function decode(text: string, fail: (problem: string) => never): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail(`bad percent-encoding in "${text}"`);
  }
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

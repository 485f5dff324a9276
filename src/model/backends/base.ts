import { statSync } from "node:fs";
import type { ParsedSpec } from "../spec.js";
import type { GenerateReply, ModelBackend } from "../types.js";

/**
 * A backend for a parsed spec: the id is the spec's slug (its `name=` when given), and describe()
 * records the name, profile and sampling beside whatever else fixes this backend's output (`identity`), and where it runs (`placement`).
 */
export function specBackend(
  parsed: ParsedSpec,
  generate: ModelBackend["generate"],
  identity: Record<string, unknown> = {},
  placement: Record<string, unknown> = {},
): ModelBackend {
  return { ...specParts(parsed, identity, placement), generate };
}

/** What every backend of a spec has, whatever its generate(): its id, sampling and describe(). */
export function specParts(
  parsed: ParsedSpec,
  identity: Record<string, unknown> = {},
  placement: Record<string, unknown> = {},
): Pick<ModelBackend, "id" | "sampling" | "describe"> {
  const { slug: id, kind, spec, name, profile, sampling } = parsed;
  const given = { ...(name === undefined ? {} : { name }), ...(profile === undefined ? {} : { profile }) };
  return {
    id,
    sampling,
    describe: () => ({ id, kind, spec, identity: { ...given, sampling, ...identity }, placement }),
  };
}

export function stopReply(text: string): GenerateReply {
  return { ok: true, text, finishReason: "stop" };
}

export function generationError(error: string): GenerateReply {
  return { ok: false, status: "generation_error", error };
}

/** A file a spec names must exist before anything starts: `fail` says which and why not. */
export function requireFile(path: string, what: string, fail: (problem: string) => never): void {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isFile()) fail(`${what} file "${path}" ${stat ? "is not a file" : "does not exist"}`);
}

/** A spec parameter that must be a whole number of at least 1. */
export function positive(value: string, name: string, fail: (problem: string) => never): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) fail(`${name} must be an integer >= 1, got "${value}"`);
  return number;
}

import { createHash } from "node:crypto";

/** The sha256 of some bytes, in hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * A value as JSON text that depends on its content only: every object's keys sorted, bytes (a
 * Buffer, any Uint8Array) written as `{"sha256": ...}` of their content. What JSON leaves out it
 * leaves out too (undefined fields, functions), so a field set to undefined and one not set agree.
 * For cache keys: the same value, whatever order its fields were set in, gives the same text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return { sha256: sha256(value) };
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, canonical(record[key])]),
  );
}

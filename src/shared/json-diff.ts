export interface JsonDifference {
  /** Dotted path of the first place the values differ ("" for the values themselves). */
  path: string;
  a: unknown;
  b: unknown;
}

/** The first place two JSON values differ (object keys in sorted order), or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ""): JsonDifference | undefined {
  if (Object.is(a, b)) return undefined;
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object";
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return { path, a, b };
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length)
    return { path: path ? `${path}.length` : "length", a: a.length, b: b.length };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const found = firstDifference(a[key], b[key], path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** A JSON value for a one-line message: `absent` for undefined, cut at 80 characters. */
export function showJson(value: unknown): string {
  const text = value === undefined ? "absent" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

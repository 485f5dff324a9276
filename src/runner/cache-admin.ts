import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/** What `cache clear` removes: results that can be made again (not the llama-server builds). */
const RESULT_CACHES = ["generations", "renders", "weights-sha256.json", "reference-renders"];

/** Bytes in each part of the user cache folder (generations, renders, llama-server builds, ...). */
export function cacheUsage(root: string): Record<string, number> {
  if (!existsSync(root)) return {};
  return Object.fromEntries(readdirSync(root).map((name) => [name, bytes(join(root, name))]));
}

/** Empties the result caches; `all` also removes the llama-server builds. Returns the bytes freed. */
export function clearCache(root: string, all = false): number {
  const usage = cacheUsage(root);
  const parts = all ? Object.keys(usage) : RESULT_CACHES.filter((name) => name in usage);
  for (const name of parts) rmSync(join(root, name), { recursive: true, force: true });
  return parts.reduce((total, name) => total + (usage[name] ?? 0), 0);
}

function bytes(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, name) => total + bytes(join(path, name)), 0);
}

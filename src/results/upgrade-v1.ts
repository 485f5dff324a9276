/**
 * Version 1 of results.json (and of run.json's identity) kept the model's placement among its
 * other fields. These are the fields that said where or how a run happened, as version 1 files
 * spelled them; reading such a file moves them under `placement`, as version 2 writes them.
 */
const V1_PLACEMENT_PATHS = [
  // openai: the endpoint and where the key came from
  "baseUrl",
  "apiKeyFrom",
  // replay: the predictions folder
  "dir",
  // llama-server: where the binary was found, its log file and slots
  "server.binary",
  "server.from",
  "server.log",
  "server.slots",
  "server.gpuLayers",
  // node-llama-cpp: its log file, threads, sequences, context size and GPU backend
  "runtime.log",
  "runtime.threads",
  "runtime.sequences",
  "runtime.contextSize",
  "runtime.gpu",
  // where the weight files were (their sha256 stays in the identity)
  "weights.path",
  "weights.mmproj",
] as const;

type Json = Record<string, unknown>;

/** A version 1 model record in version 2's shape: the placement fields moved under `placement`. */
export function upgradeModelV1(model: Json): Json {
  const upgraded = structuredClone(model);
  const placement: Json = {};
  for (const path of V1_PLACEMENT_PATHS) {
    const keys = path.split(".");
    const parent = keys.slice(0, -1).reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), upgraded);
    const last = keys.at(-1)!;
    if (!isObject(parent) || !(last in parent)) continue;
    let into = placement;
    for (const key of keys.slice(0, -1)) into = (into[key] ??= {}) as Json;
    into[last] = parent[last];
    delete parent[last];
  }
  return { ...upgraded, placement };
}

/** A version 1 results.json in version 2's shape. */
export function upgradeResultsV1(results: Json): Json {
  const merged = results.merged;
  return {
    ...results,
    schemaVersion: 2,
    model: isObject(results.model) ? upgradeModelV1(results.model) : results.model,
    ...(isObject(merged) && Array.isArray(merged.shards)
      ? { merged: { ...merged, shards: merged.shards.map((shard: unknown) => (isObject(shard) ? upgradeShardV1(shard) : shard)) } }
      : {}),
  };
}

function upgradeShardV1(shard: Json): Json {
  const { model, ...rest } = shard;
  return { ...rest, placement: isObject(model) ? model : {} };
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

import { join } from "node:path";
import { GenerateReplySchema, type GenerateReply, type GenerateRequest } from "../model/index.js";
import { canonicalJson } from "../shared/index.js";
import { CacheStore } from "./cache-store.js";

/**
 * Model replies cached on disk, keyed by everything that fixes them: the exact request the backend
 * is sent and the backend's fingerprint (model, weights hash, template hash, sampling, server build;
 * given only when its output is deterministic: temperature 0 or a fixed seed). Only successful
 * replies are stored; an entry that does not read as a reply is a miss.
 */
export class GenerationCache {
  private readonly store: CacheStore;

  constructor(
    cacheRoot: string,
    private readonly enabled: boolean,
  ) {
    this.store = new CacheStore(join(cacheRoot, "generations"));
  }

  /**
   * The entry's key, or undefined when this reply must not be cached: the sha256 of the canonical
   * JSON (sorted keys, the screenshot as its sha256) of the fingerprint and of every field of the
   * request but two that the model is not asked: the deadline (when to give up, set as the request
   * leaves) and the retry callback (what the run shows meanwhile).
   */
  key(fingerprint: Record<string, unknown> | undefined, request: GenerateRequest): string | undefined {
    if (!this.enabled || !fingerprint) return undefined;
    const { deadline, onRetry, ...asked } = request;
    return CacheStore.key(canonicalJson({ fingerprint, request: asked }));
  }

  get(key: string | undefined): GenerateReply | undefined {
    const entry = key === undefined ? undefined : this.store.read(key, "json");
    if (!entry) return undefined;
    try {
      const parsed = GenerateReplySchema.safeParse(JSON.parse(entry.toString("utf8")));
      return parsed.success && parsed.data.ok ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  put(key: string | undefined, reply: GenerateReply): void {
    if (key !== undefined && reply.ok) this.store.write(key, "json", JSON.stringify(reply));
  }
}

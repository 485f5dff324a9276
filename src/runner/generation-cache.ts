import { createHash } from "node:crypto";
import { join } from "node:path";
import type { GenerateReply, GenerateRequest } from "../model/index.js";
import { CacheStore } from "./cache-store.js";

/**
 * Model replies cached on disk, keyed by everything that fixes them: the backend's fingerprint
 * (model, weights hash, template hash, sampling, server build; given only when its output is
 * deterministic: temperature 0 or a fixed seed), the task, the instruction or description, and
 * the screenshot's hash. Only successful replies are stored.
 */
export class GenerationCache {
  private readonly store: CacheStore;

  constructor(
    cacheRoot: string,
    private readonly enabled: boolean,
  ) {
    this.store = new CacheStore(join(cacheRoot, "generations"));
  }

  /** The entry's key, or undefined when this reply must not be cached. */
  key(fingerprint: Record<string, unknown> | undefined, request: GenerateRequest): string | undefined {
    if (!this.enabled || !fingerprint) return undefined;
    const input =
      request.task === "qa"
        ? { question: request.question ?? "", image: createHash("sha256").update(request.image).digest("hex") }
        : request.task === "image2html"
          ? { instruction: request.instruction, image: createHash("sha256").update(request.image).digest("hex") }
          : { description: request.description ?? "" };
    return CacheStore.key(JSON.stringify({ fingerprint, task: request.task, input, sampling: request.sampling }));
  }

  get(key: string | undefined): GenerateReply | undefined {
    const entry = key === undefined ? undefined : this.store.read(key, "json");
    if (!entry) return undefined;
    try {
      const reply = JSON.parse(entry.toString("utf8")) as GenerateReply;
      return reply.ok ? reply : undefined;
    } catch {
      return undefined;
    }
  }

  put(key: string | undefined, reply: GenerateReply): void {
    if (key !== undefined && reply.ok) this.store.write(key, "json", JSON.stringify(reply));
  }
}

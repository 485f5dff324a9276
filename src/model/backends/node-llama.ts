import { appendFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel } from "node-llama-cpp";
import { ModelSpecError } from "../errors.js";
import { installedNodeLlamaCppVersion, NODE_LLAMA_CPP_VERSION } from "../llama-server/source.js";
import { probeModel } from "../node-llama/probe.js";
import { profileNamed, renderPrompt } from "../profiles.js";
import { prepareRequest } from "../prompt.js";
import type { ParsedSpec } from "../spec.js";
import { TASK_DESCRIPTORS } from "../../shared/tasks.js";
import { type BackendContext, type GenerateReply, type ModelBackend } from "../types.js";
import { weightsSha256 } from "../weights.js";
import { replyFrom } from "../wire/reply.js";
import { positive, requireFile, specBackend } from "./base.js";
import { cacheFingerprint, profileDetails } from "./served.js";

const GPU_CHOICES = ["auto", "cuda", "vulkan", "metal", "cpu"] as const;
const PROBE_TIMEOUT_MS = 10 * 60_000;

type NodeLlamaCpp = typeof import("node-llama-cpp");

/**
 * A GGUF model run in this process by node-llama-cpp: one context with a sequence per concurrent
 * sample, so concurrent samples are evaluated in one batch. Text only: it has no image input.
 */
export async function createNodeLlamaBackend(
  parsed: Extract<ParsedSpec, { kind: "llama" }>,
  context: BackendContext,
): Promise<ModelBackend> {
  const { spec, options } = parsed;
  const fail = (problem: string): never => {
    throw new ModelSpecError(`model spec "${spec}": ${problem}`);
  };
  if (TASK_DESCRIPTORS[context.task].seesImage) {
    fail(
      "node-llama-cpp has no image input; for screenshots use llama-server:GGUF?mmproj=PATH (llama.cpp's server), or run this model with --task text2html",
    );
  }
  const profile = profileNamed(parsed.profile ?? "chatml", spec);
  const template =
    profile.template ??
    fail(
      `profile "${profile.name}" leaves the template to a server; in process give an exact one (${["chatml", "llava-v1.5", "crystalchat-web2code"].join(", ")})`,
    );
  const gpuChoice = options.gpu ?? "auto";
  if (!(GPU_CHOICES as readonly string[]).includes(gpuChoice)) fail(`gpu must be one of ${GPU_CHOICES.join(", ")}, got "${gpuChoice}"`);
  const gpu = gpuChoice === "cpu" ? false : (gpuChoice as "auto" | "cuda" | "vulkan" | "metal");
  // node-llama-cpp's own default of 4 threads on a 2-core machine runs about 100 times slower.
  const threads = options.threads === undefined ? availableParallelism() : positive(options.threads, "threads", fail);
  requireFile(parsed.gguf, "model", fail);
  const weights = await weightsSha256(parsed.gguf, context.cacheRoot);

  let loaded:
    { llama: Llama; model: LlamaModel; context: LlamaContext; free: LlamaContextSequence[]; waiting: Array<() => void> } | undefined;
  let loadedFacts: { identity: Record<string, unknown>; placement: Record<string, unknown> } = { identity: {}, placement: {} };
  const base = specBackend(
    parsed,
    generate,
    { backend: "node-llama-cpp", ...profileDetails(parsed, profile, {}), weights: { sha256: weights } },
    { weights: { path: parsed.gguf } },
  );

  async function acquire(): Promise<LlamaContextSequence> {
    const state = loaded ?? fail("the llama backend was used before it was opened");
    while (state.free.length === 0) await new Promise<void>((resolve) => state.waiting.push(resolve));
    return state.free.pop()!;
  }

  function release(sequence: LlamaContextSequence): void {
    loaded?.free.push(sequence);
    loaded?.waiting.shift()?.();
  }

  async function generate(...[request, signal]: Parameters<ModelBackend["generate"]>): Promise<GenerateReply> {
    const { LlamaCompletion } = await importNodeLlamaCpp(fail);
    const prepared = prepareRequest(profile, request);
    const sequence = await acquire();
    const meter = sequence.tokenMeter.getState();
    const timeout = AbortSignal.timeout(Math.max(1, request.deadline - Date.now()));
    const completion = new LlamaCompletion({ contextSequence: sequence });
    const started = performance.now();
    try {
      const { response, metadata } = await completion.generateCompletionWithMeta(renderPrompt(template, prepared.prompt, "", 0), {
        maxTokens: prepared.sampling.max_tokens,
        temperature: prepared.sampling.temperature,
        topP: prepared.sampling.top_p,
        seed: prepared.sampling.seed,
        customStopTriggers: prepared.stop,
        signal: AbortSignal.any([signal, timeout]),
      });
      const elapsedMs = performance.now() - started;
      const used = sequence.tokenMeter.diff(meter);
      return replyFrom({
        text: response,
        truncated: metadata.stopReason === "maxTokens",
        usage: { prompt: used.usedInputTokens, completion: used.usedOutputTokens },
        prepared,
        elapsedMs,
      });
    } catch (error) {
      if (timeout.aborted) return { ok: false, status: "generation_timeout", error: "deadline passed while generating" };
      return {
        ok: false,
        status: "generation_error",
        error: signal.aborted ? "aborted" : `node-llama-cpp: ${String((error as Error).message ?? error)}`,
      };
    } finally {
      completion.dispose({ disposeSequence: false });
      await sequence.clearHistory();
      release(sequence);
    }
  }

  return {
    ...base,
    describe: () => {
      const described = base.describe();
      return {
        ...described,
        identity: { ...described.identity, ...loadedFacts.identity },
        placement: { ...described.placement, ...loadedFacts.placement },
      };
    },
    // GPU and CPU kernels round differently: the device is part of what fixes the output.
    cacheFingerprint: () =>
      loaded &&
      cacheFingerprint(parsed, profile, {
        runtime: { version: installedNodeLlamaCppVersion(), gpu: loaded.llama.gpu },
        weights: { sha256: weights },
      }),
    async open(open) {
      const nodeLlamaCpp = await importNodeLlamaCpp(fail);
      const problem = await probeModel(import.meta.resolve("node-llama-cpp"), parsed.gguf, gpu, PROBE_TIMEOUT_MS);
      if (problem) fail(`model file "${parsed.gguf}" cannot be loaded by node-llama-cpp (${problem})`);
      const logFile = join(open.logDir, "node-llama-cpp.log");
      const llama = await nodeLlamaCpp.getLlama({
        gpu,
        build: "never",
        logLevel: nodeLlamaCpp.LlamaLogLevel.warn,
        logger: (level, message) => appendFileSync(logFile, `[${level}] ${message}\n`),
      });
      const model = await llama.loadModel({ modelPath: parsed.gguf });
      const llamaContext = await model.createContext({ sequences: open.concurrency, threads });
      const free = Array.from({ length: open.concurrency }, () => llamaContext.getSequence());
      loaded = { llama, model, context: llamaContext, free, waiting: [] };
      loadedFacts = {
        identity: {
          runtime: { package: "node-llama-cpp", version: installedNodeLlamaCppVersion(), llamaCpp: llama.llamaCppRelease.release },
        },
        placement: {
          runtime: { gpu: llama.gpu, threads, sequences: open.concurrency, contextSize: llamaContext.contextSize, log: logFile },
        },
      };
      return { maxConcurrency: open.concurrency };
    },
    async close() {
      const state = loaded;
      loaded = undefined;
      await state?.context.dispose();
      await state?.model.dispose();
      await state?.llama.dispose();
    },
  };
}

/** node-llama-cpp is optional and brings 700 MB of binaries: imported only when a `llama:` spec runs. */
async function importNodeLlamaCpp(fail: (problem: string) => never): Promise<NodeLlamaCpp> {
  try {
    return await import("node-llama-cpp");
  } catch {
    return fail(`node-llama-cpp is not installed (an optional dependency): npm i -E node-llama-cpp@${NODE_LLAMA_CPP_VERSION}`);
  }
}

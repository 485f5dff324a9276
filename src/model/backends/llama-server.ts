import { join } from "node:path";
import { ModelSpecError } from "../errors.js";
import { findLlamaServer, LLAMA_SERVER_HINT } from "../llama-server/binary.js";
import { LlamaServer, ServerStartError } from "../llama-server/process.js";
import { profileNamed } from "../profiles.js";
import type { ParsedSpec } from "../spec.js";
import { TASK_DESCRIPTORS } from "../../shared/tasks.js";
import { type BackendContext, type ChatRequest, type GenerateReply, type ModelBackend } from "../types.js";
import { weightsSha256 } from "../weights.js";
import { completionBody, completionReply } from "../wire/llama-completion.js";
import { chatBody, chatReply } from "../wire/openai-chat.js";
import { positive, requireFile, specBackend } from "./base.js";
import { cacheFingerprint, extraBodyFields, profileDetails, servedChat, servedGenerate, type Wire } from "./served.js";

/** Loading a 7B model from a slow disk onto a GPU can take minutes. */
const READY_TIMEOUT_MS = 10 * 60_000;
/** Positions per slot when neither `ctx=` nor the profile says. */
const DEFAULT_CONTEXT = 4096;

/**
 * llama.cpp's server, started by the tool on a free loopback port for the run and stopped after it.
 * A profile with an exact template goes through the raw `/completion` endpoint, the image at the
 * media marker; the `server` profile uses chat completions and the model's own chat template.
 */
export async function createLlamaServerBackend(
  parsed: Extract<ParsedSpec, { kind: "llama-server" }>,
  context: BackendContext,
): Promise<ModelBackend> {
  const { spec, options } = parsed;
  const fail = (problem: string): never => {
    throw new ModelSpecError(`model spec "${spec}": ${problem}`);
  };
  const profile = profileNamed(parsed.profile ?? "server", spec);
  requireFile(parsed.gguf, "model", fail);
  if (options.mmproj !== undefined) requireFile(options.mmproj, "mmproj", fail);
  if (TASK_DESCRIPTORS[context.task].seesImage && options.mmproj === undefined) {
    fail(`--task ${context.task} shows the model the screenshot: add mmproj=PATH, the model's image projector (or use --task text2html)`);
  }
  const slotsGiven = options.np === undefined ? undefined : positive(options.np, "np", fail);
  const contextPerSlot = options.ctx === undefined ? (profile.contextLimit ?? DEFAULT_CONTEXT) : positive(options.ctx, "ctx", fail);
  const threads = options.threads === undefined ? undefined : positive(options.threads, "threads", fail);
  if (options.ngl !== undefined && !/^(?:\d+|auto|all)$/.test(options.ngl))
    fail(`ngl must be a number of layers, auto or all, got "${options.ngl}"`);
  const binary = findLlamaServer(context.cacheRoot, options.bin) ?? fail(`no llama-server found: ${LLAMA_SERVER_HINT}`);

  // Hashed before anything starts (remembered per file version): the weights are what a resumed or merged run must share.
  const [weights, projector] = await Promise.all([
    weightsSha256(parsed.gguf, context.cacheRoot),
    options.mmproj === undefined ? undefined : weightsSha256(options.mmproj, context.cacheRoot),
  ]);
  const extra = extraBodyFields(options);
  let server: LlamaServer | undefined;
  let served: { identity: Record<string, unknown>; placement: Record<string, unknown> } = { identity: {}, placement: {} };
  const stopServer = async () => {
    const running = server;
    server = undefined;
    await running?.stop();
  };
  const baseUrl = () => server?.baseUrl ?? fail("the llama-server backend was used before it was opened");
  const wire: Wire =
    profile.template === null
      ? { url: () => `${baseUrl()}/v1/chat/completions`, body: (prepared) => chatBody("default", prepared, extra), reply: chatReply }
      : {
          url: () => `${baseUrl()}/completion`,
          body: (prepared) => completionBody(profile.template!, prepared, extra, server?.props.mediaMarker),
          reply: completionReply,
        };
  const send = servedGenerate(profile, wire);
  // A server that died fails every later sample at once, with its reason, instead of after retries.
  const crashedReply = (): GenerateReply | undefined => {
    const crashed = server?.crashed;
    return crashed ? { ok: false, status: "generation_error", error: crashed } : undefined;
  };
  const base = specBackend(parsed, async (request, signal) => crashedReply() ?? send(request, signal));
  // Given messages go through the server's own chat template, so only a profile without an exact template offers chat().
  const chat =
    profile.template === null
      ? servedChat({ url: () => `${baseUrl()}/v1/chat/completions`, model: "default", stop: profile.stop, extra })
      : undefined;
  const endpoint = profile.template === null ? "/v1/chat/completions" : "/completion";
  const identity = {
    backend: "llama-server",
    endpoint,
    ...profileDetails(parsed, profile, extra),
    weights: { sha256: weights, ...(projector ? { mmprojSha256: projector } : {}) },
    contextPerSlot,
  };
  const placement = {
    weights: { path: parsed.gguf, ...(options.mmproj === undefined ? {} : { mmproj: options.mmproj }) },
    ...(threads === undefined ? {} : { threads }),
  };

  return {
    ...base,
    describe: () => {
      const described = base.describe();
      return {
        ...described,
        identity: { ...described.identity, ...identity, ...served.identity },
        placement: { ...placement, ...served.placement },
      };
    },
    ...(chat && { chat: async (request: ChatRequest, signal: AbortSignal) => crashedReply() ?? chat(request, signal) }),
    cacheFingerprint: () =>
      server &&
      cacheFingerprint(parsed, profile, { weights: identity.weights, build: server.props.buildInfo, endpoint, extra, contextPerSlot }),
    async open(open) {
      const slots = slotsGiven ?? open.concurrency;
      const logFile = join(open.logDir, "llama-server.log");
      try {
        server = await LlamaServer.start({
          binary: binary.path,
          model: parsed.gguf,
          mmproj: options.mmproj,
          gpuLayers: options.ngl,
          slots,
          contextPerSlot,
          threads,
          logFile,
          readyTimeoutMs: READY_TIMEOUT_MS,
          signal: open.signal,
        });
      } catch (error) {
        if (error instanceof ServerStartError) throw new ModelSpecError(`model spec "${spec}": ${error.message}`);
        throw error;
      }
      const props = server.props;
      if (TASK_DESCRIPTORS[context.task].seesImage && !props.vision) {
        await stopServer();
        fail(`llama-server reports no image input for ${parsed.gguf} with ${options.mmproj}: is it the model's projector?`);
      }
      served = {
        identity: { server: { build: props.buildInfo, contextPerSlot: props.contextPerSlot ?? contextPerSlot } },
        placement: {
          server: {
            binary: binary.path,
            from: binary.source,
            slots: props.slots ?? slots,
            gpuLayers: options.ngl ?? "server default",
            log: logFile,
          },
        },
      };
      return { maxConcurrency: props.slots ?? slots };
    },
    close: stopServer,
  };
}

import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";
import { killWhenOrphaned } from "../../shared/index.js";

export interface ServerOptions {
  binary: string;
  model: string;
  mmproj?: string;
  /** llama-server's `-ngl`: a number, `auto` or `all`. */
  gpuLayers?: string;
  slots: number;
  /** Positions each slot (each concurrent request) gets. */
  contextPerSlot: number;
  threads?: number;
  logFile: string;
  readyTimeoutMs: number;
  signal: AbortSignal;
}

/** What `/props` says about the running server. */
export interface ServerProps {
  vision: boolean;
  slots?: number;
  contextPerSlot?: number;
  buildInfo?: string;
  modelPath?: string;
  /** The marker that stands for an image in a raw `/completion` prompt. */
  mediaMarker?: string;
}

/** A start that failed because of what the user gave (the binary, the model files), not a runtime fault. */
export class ServerStartError extends Error {}

const POLL_MS = 100;
const STOP_GRACE_MS = 5000;
/** Every server this process started and has not stopped: killed when the process exits, however it exits. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A llama.cpp server on a free loopback port, started, waited for, and stopped by this process. */
export class LlamaServer {
  private exit: string | undefined;
  private stopping = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    readonly props: ServerProps,
    private readonly logFile: string,
  ) {
    child.once("exit", (code, signal) => (this.exit = `exit ${code ?? signal}`));
  }

  /** Why the server is gone, with its log's last lines, when it died during the run. */
  get crashed(): string | undefined {
    return this.exit && !this.stopping ? `llama-server stopped during the run (${this.exit}): ${lastLines(this.logFile)}` : undefined;
  }

  static async start(options: ServerOptions): Promise<LlamaServer> {
    const port = await freePort();
    const args = [
      ...["-m", options.model],
      ...(options.mmproj ? ["--mmproj", options.mmproj] : []),
      ...["--host", "127.0.0.1", "--port", String(port)],
      ...["--parallel", String(options.slots), "--ctx-size", String(options.slots * options.contextPerSlot)],
      ...(options.gpuLayers ? ["--n-gpu-layers", options.gpuLayers] : []),
      ...(options.threads ? ["--threads", String(options.threads)] : []),
      "--no-webui",
    ];
    const log = openSync(options.logFile, "a");
    let child: ChildProcess;
    try {
      child = spawn(options.binary, args, { stdio: ["ignore", log, log] });
    } finally {
      closeSync(log);
    }
    track(child);
    const exited = new Promise<string>((resolve) => {
      child.once("error", (error) => resolve(error.message));
      child.once("exit", (code, signal) => resolve(`exit ${code ?? signal}`));
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      const ready = await Promise.race([waitHealthy(baseUrl, options), exited.then((how) => ({ exited: how }))]);
      if (ready !== true) {
        throw new ServerStartError(
          `llama-server ${options.binary} stopped while loading ${options.model} (${ready.exited}): ${lastLines(options.logFile)}`,
        );
      }
      return new LlamaServer(child, baseUrl, await readProps(baseUrl), options.logFile);
    } catch (error) {
      await stopChild(child);
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await stopChild(this.child);
  }
}

/** Polls `/health` (503 while the model loads) until it answers 200; false past the deadline. */
async function waitHealthy(baseUrl: string, options: ServerOptions): Promise<true> {
  const deadline = Date.now() + options.readyTimeoutMs;
  while (Date.now() < deadline) {
    options.signal.throwIfAborted();
    try {
      const response = await request(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      await response.body.dump();
      if (response.statusCode === 200) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(POLL_MS);
  }
  throw new Error(`llama-server did not become ready within ${options.readyTimeoutMs / 1000} s (log: ${options.logFile})`);
}

async function readProps(baseUrl: string): Promise<ServerProps> {
  const response = await request(`${baseUrl}/props`, { signal: AbortSignal.timeout(10_000) });
  const props = (await response.body.json()) as {
    modalities?: { vision?: boolean };
    total_slots?: number;
    default_generation_settings?: { n_ctx?: number };
    build_info?: string;
    model_path?: string;
    media_marker?: string;
  };
  return {
    vision: props.modalities?.vision === true,
    slots: props.total_slots,
    contextPerSlot: props.default_generation_settings?.n_ctx,
    buildInfo: props.build_info,
    modelPath: props.model_path,
    mediaMarker: props.media_marker,
  };
}

function track(child: ChildProcess): void {
  running.add(child);
  child.once("exit", () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A run that crashes or is ended by a signal Node handles still passes through "exit".
    process.on("exit", () => {
      for (const server of running) server.kill("SIGKILL");
    });
  }
  // A SIGKILL of this process skips every handler: a watchdog stops the server, so none is left holding a GPU.
  if (child.pid !== undefined) killWhenOrphaned(child.pid);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const graceful = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!graceful) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** A port the kernel just handed out on loopback: free unless something grabs it in the next moment. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The log's last meaningful lines, on one line, for an error message. */
function lastLines(logFile: string): string {
  const lines = readFileSync(logFile, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.slice(-3).join(" | ").slice(0, 500) || "no output";
}

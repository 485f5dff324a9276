import { findLlamaServer, installedNodeLlamaCppVersion, LLAMA_SERVER_HINT, NODE_LLAMA_CPP_VERSION } from "../model/index.js";
import { BROWSER_HINT, findBrowser, LIBRARY_CATALOG, libraryRoot, openLibraryStore, Renderer } from "../render/index.js";
import { cacheDir, cacheUsage } from "../runner/index.js";
import { oneLine } from "../shared/index.js";
import { capture, which } from "./system.js";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

/** The browser, and Chrome's own sandbox as the renderer starts it. */
async function browserChecks(): Promise<Check[]> {
  const found = await findBrowser();
  if (!found) return [{ name: "browser", ok: false, detail: "none found", fix: BROWSER_HINT }];
  try {
    const renderer = await Renderer.launch({ assetRoot: null, executablePath: found.path });
    const { browserVersion, sandbox, browserUser, sandboxWarning } = renderer;
    await renderer.close();
    return [
      { name: "browser", ok: true, detail: `${browserVersion} at ${found.path} (${found.source})` },
      sandbox === "chrome"
        ? { name: "sandbox", ok: true, detail: `Chrome's sandbox on, Chrome as ${browserUser}` }
        : {
            name: "sandbox",
            ok: false,
            detail: `${sandboxWarning ?? "Chrome runs with --no-sandbox"}, Chrome as ${browserUser}`,
            fix: "as root: util-linux's setpriv and a Chrome that uid 65534 can run; else a kernel that allows unprivileged user namespaces",
          },
    ];
  } catch (error) {
    return [{ name: "browser", ok: false, detail: `${found.path} does not start: ${oneLine(error)}`, fix: BROWSER_HINT }];
  }
}

function librariesCheck(): Check {
  const store = openLibraryStore(cacheDir());
  const detail = `${store.packages.length} of ${LIBRARY_CATALOG.length} packages, ${(store.bytes / 1e6).toFixed(1)} MB in ${libraryRoot(cacheDir())}`;
  if (store.missing.length === 0) return { name: "libraries", ok: true, detail };
  const missing = store.missing.slice(0, 3).map((entry) => `${entry.name}@${entry.version}`);
  return {
    name: "libraries",
    ok: false,
    detail: `${detail}; missing ${missing.join(", ")}${store.missing.length > 3 ? ", ..." : ""}`,
    fix: "web2code-eval setup libraries (pages that load them from CDNs render without them)",
  };
}

function fontsCheck(): Check {
  const families = capture("fc-list", [":", "family"]);
  if (families === null) return { name: "fonts", ok: false, detail: "fc-list not found: cannot tell", fix: "install fontconfig" };
  const wanted = ["DejaVu Sans", "Liberation Sans", "Noto Sans CJK SC"];
  const missing = wanted.filter((f) => !families.includes(f));
  return missing.length
    ? {
        name: "fonts",
        ok: false,
        detail: `missing ${missing.join(", ")}`,
        fix: "apt-get install fonts-dejavu-core fonts-liberation fonts-noto-cjk",
      }
    : { name: "fonts", ok: true, detail: wanted.join(", ") };
}

async function gpuCheck(): Promise<Check> {
  const nvidia = which("nvidia-smi") ? capture("nvidia-smi", ["--query-gpu=name,memory.total", "--format=csv,noheader"]) : null;
  const runtimes = await nodeLlamaCppGpuTypes();
  const found = [
    ...(nvidia ? nvidia.split("\n").map((gpu) => `NVIDIA ${gpu.trim()}`) : []),
    ...(runtimes.length ? [`node-llama-cpp can use ${runtimes.join(", ")}`] : []),
  ];
  return nvidia || runtimes.length
    ? { name: "GPU", ok: true, detail: found.join("; ") }
    : { name: "GPU", ok: false, detail: "no GPU found (CPU only)", fix: "not needed for the baseline panel or remote openai: models" };
}

/** The GPU runtimes node-llama-cpp's prebuilt binaries can use here (CUDA, Vulkan, Metal): none when it is not installed. */
async function nodeLlamaCppGpuTypes(): Promise<string[]> {
  try {
    const { getLlamaGpuTypes } = await import("node-llama-cpp");
    return (await getLlamaGpuTypes("supported")).filter((type): type is Exclude<typeof type, false> => type !== false);
  } catch {
    return [];
  }
}

function llamaServerCheck(): Check {
  const found = findLlamaServer(cacheDir());
  if (!found)
    return { name: "llama-server", ok: false, detail: "not found", fix: `needed only for llama-server: model specs; ${LLAMA_SERVER_HINT}` };
  const version = capture(found.path, ["--version"], "stderr");
  const build = version?.split("\n").find((line) => line.startsWith("version:")) ?? "version unknown";
  return { name: "llama-server", ok: true, detail: `${found.path} (${found.source}; ${build})` };
}

async function nodeLlamaCppCheck(): Promise<Check> {
  const version = installedNodeLlamaCppVersion();
  if (!version) {
    return {
      name: "node-llama-cpp",
      ok: false,
      detail: "not installed (optional)",
      fix: `needed only for llama: model specs: npm i -E node-llama-cpp@${NODE_LLAMA_CPP_VERSION}`,
    };
  }
  const gpus = await nodeLlamaCppGpuTypes();
  return { name: "node-llama-cpp", ok: true, detail: `${version}, prebuilt binaries for CPU${gpus.length ? `, ${gpus.join(", ")}` : ""}` };
}

function cacheCheck(): Check {
  const dir = cacheDir();
  const usage = Object.entries(cacheUsage(dir));
  const total = usage.reduce((sum, [, bytes]) => sum + bytes, 0);
  const parts = usage.map(([name, bytes]) => `${name} ${(bytes / 1e6).toFixed(1)} MB`).join(", ");
  return {
    name: "cache",
    ok: true,
    detail: `${dir} (${(total / 1e6).toFixed(1)} MB${parts ? `: ${parts}` : ""})`,
    fix: total ? "web2code-eval cache clear empties it" : undefined,
  };
}

/** Everything doctor looks at, in the order it prints them. */
export async function doctorChecks(): Promise<Check[]> {
  return [
    ...(await browserChecks()),
    librariesCheck(),
    fontsCheck(),
    await gpuCheck(),
    llamaServerCheck(),
    await nodeLlamaCppCheck(),
    cacheCheck(),
  ];
}

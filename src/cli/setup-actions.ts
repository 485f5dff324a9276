import { buildLlamaServer, findLlamaSource, missingBuildTools, type BuildVariant } from "../model/index.js";
import { BROWSER_HINT, downloadBrowser, findBrowser, installLibraries, libraryRoot, RegistryUnreachableError } from "../render/index.js";
import { cacheDir } from "../runner/index.js";
import { oneLine } from "../shared/index.js";
import type { SetupLibrariesFlags, SetupLlamaServerFlags } from "./commands/setup.js";
import { aptInstall } from "./apt.js";
import { UsageError } from "./errors.js";
import type { Output } from "./output.js";
import { capture, which } from "./system.js";

/** Debian packages for the browser and the fonts the built-in pages use (CJK). */
const BROWSER_PACKAGES = ["chromium", "fonts-noto-cjk", "fonts-liberation", "fonts-dejavu-core"];
/** Debian packages that hold the tools a llama-server build needs. */
const BUILD_PACKAGES: Record<string, string> = { git: "git", cmake: "cmake", "c++": "g++" };

/** `setup libraries`: the pinned CDN libraries fetched into the store in the user cache, or found there. */
export async function setupLibraries(flags: SetupLibrariesFlags, output: Output): Promise<void> {
  const root = libraryRoot(cacheDir());
  const report = await installLibraries({ root, registry: flags.registry, log: (line) => output.log(line) }).catch((error: unknown) => {
    if (error instanceof RegistryUnreachableError) throw new Error(`libraries: ${error.message}: runs render without the library store`);
    throw error;
  });
  const { store } = report;
  output.result(
    {
      root,
      registry: report.registry,
      packages: store.packages.length,
      bytes: store.bytes,
      fetched: report.fetched,
      reused: report.reused,
    },
    `libraries: ${root} (${store.packages.length} packages, ${(store.bytes / 1e6).toFixed(1)} MB; ${report.fetched.length ? `${report.fetched.length} fetched now` : "all already there"})`,
  );
}

/** `setup llama-server`: builds llama.cpp's server offline into the user cache, or finds the build there. */
export async function setupLlamaServer(flags: SetupLlamaServerFlags, output: Output): Promise<void> {
  if (flags.cuda && flags.cpu) throw new UsageError("give --cuda or --cpu, not both");
  // CUDA by default only where it can be used: nvcc to build with and an NVIDIA GPU to build for.
  const gpuHere = which("nvcc") !== null && capture("nvidia-smi", ["-L"]) !== null;
  const variant: BuildVariant = flags.cpu ? "cpu" : flags.cuda || gpuHere ? "cuda" : "cpu";
  if (variant === "cuda" && !which("nvcc")) throw new UsageError("--cuda needs the CUDA toolkit's nvcc on PATH");
  installBuildTools(variant, output);
  const source = findLlamaSource((line) => output.log(line));
  const { build, reused } = await buildLlamaServer({
    cacheRoot: cacheDir(),
    source,
    variant,
    force: flags.force,
    log: (line) => output.log(line),
  }).finally(() => source.dispose());
  output.result(
    { ...build, reused },
    `llama-server: ${build.path} (${variant}, llama.cpp ${build.tag}, ${reused ? "already built" : `built in ${build.seconds} s`})`,
  );
}

/** As root with apt, installs the build tools that are missing (a fresh Debian machine lacks cmake). */
function installBuildTools(variant: BuildVariant, output: Output): void {
  const packages = missingBuildTools(variant).flatMap((tool) => BUILD_PACKAGES[tool] ?? []);
  if (packages.length === 0 || process.getuid?.() !== 0 || !which("apt-get")) return;
  output.log(`installing Debian's ${packages.join(" ")} with apt-get`);
  aptInstall(packages, output);
}

/** `setup browser`: a browser found, downloaded, or installed with apt. */
export async function setupBrowser(output: Output) {
  const found = await findBrowser();
  if (found) return found;
  output.log("no browser found: trying puppeteer's Chrome download");
  try {
    return await downloadBrowser();
  } catch (error) {
    output.log(`download failed: ${oneLine(error)}`);
  }
  if (process.getuid?.() === 0 && which("apt-get")) {
    output.log(`installing Debian's ${BROWSER_PACKAGES.join(" ")} with apt-get`);
    aptInstall(BROWSER_PACKAGES, output);
    const installed = await findBrowser();
    if (installed) return installed;
  }
  throw new Error(BROWSER_HINT);
}

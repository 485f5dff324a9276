import { spawnSync } from "node:child_process";
import type { Command } from "commander";
import { buildLlamaServer, findLlamaSource, missingBuildTools, type BuildVariant } from "../../model/index.js";
import { BROWSER_HINT, downloadBrowser, findBrowser, installLibraries, libraryRoot, RegistryUnreachableError } from "../../render/index.js";
import { cacheDir } from "../../runner/index.js";
import { oneLine, UsageError } from "../errors.js";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput, type Output } from "../output.js";
import { capture, which } from "../system.js";

/** Debian packages for the browser and the fonts the built-in pages use (CJK). */
const BROWSER_PACKAGES = ["chromium", "fonts-noto-cjk", "fonts-liberation", "fonts-dejavu-core"];
/** Debian packages that hold the tools a llama-server build needs. */
const BUILD_PACKAGES: Record<string, string> = { git: "git", cmake: "cmake", "c++": "g++" };

interface SetupLibrariesFlags extends CommonFlags {
  registry?: string;
}

interface SetupLlamaServerFlags extends CommonFlags {
  cuda?: boolean;
  cpu?: boolean;
  force?: boolean;
}

export function registerSetup(program: Command): void {
  const setup = program.command("setup").description("get what the tool needs on this machine");
  withExamples(
    addOutputFlags(
      setup
        .command("browser")
        .description("find a browser; else download Chrome for Testing (puppeteer's download); else, as root, apt-get install chromium"),
    ),
    "setup browser",
    "setup browser --json",
  ).action(async (flags: CommonFlags) => {
    const output = createOutput(flags);
    const browser = await setupBrowser(output);
    output.result(browser, `browser: ${browser.path} (${browser.source})`);
  });
  withExamples(
    addOutputFlags(
      setup
        .command("libraries")
        .description(
          "fetch the CDN libraries model output loads (Tailwind, Bootstrap, Font Awesome, jQuery, Bulma, Google Fonts...) at pinned versions from the npm registry into the user cache, once; the renderer serves them offline",
        )
        .option("--registry <url>", "npm registry (default: npm's configured registry, else https://registry.npmjs.org/)"),
    ),
    "setup libraries",
    "setup libraries --registry https://registry.npmmirror.com/",
  ).action(async (flags: SetupLibrariesFlags) => {
    const output = createOutput(flags);
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
  });
  withExamples(
    addOutputFlags(
      setup
        .command("llama-server")
        .description(
          "build llama.cpp's server offline from the source inside node-llama-cpp's package, into the user cache (reused afterwards)",
        )
        .option("--cuda", "build with CUDA (the default where nvcc and an NVIDIA GPU are found)")
        .option("--cpu", "build for the CPU only, even where nvcc is found")
        .option("--force", "build again even when this source is already built"),
    ),
    "setup llama-server",
    "setup llama-server --cuda",
  ).action(async (flags: SetupLlamaServerFlags) => {
    const output = createOutput(flags);
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
  });
}

/** As root with apt, installs the build tools that are missing (a fresh Debian machine lacks cmake). */
function installBuildTools(variant: BuildVariant, output: Output): void {
  const packages = missingBuildTools(variant).flatMap((tool) => BUILD_PACKAGES[tool] ?? []);
  if (packages.length === 0 || process.getuid?.() !== 0 || !which("apt-get")) return;
  output.log(`installing Debian's ${packages.join(" ")} with apt-get`);
  aptInstall(packages);
}

async function setupBrowser(output: Output) {
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
    aptInstall(BROWSER_PACKAGES);
    const installed = await findBrowser();
    if (installed) return installed;
  }
  throw new Error(BROWSER_HINT);
}

function aptInstall(packages: string[]): void {
  const apt = (args: string[]) =>
    // apt's output goes to stderr: stdout is for the result (--json).
    spawnSync("apt-get", args, { stdio: ["ignore", 2, 2], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  apt(["update", "-qq"]);
  apt(["install", "-y", "-qq", ...packages]);
}

import { arch, platform, release } from "node:os";
import { scoringDependencies } from "../metrics/dependencies.js";
import type { Renderer } from "../render/index.js";
import type { Environment } from "../results/index.js";
import { pinnedDependency } from "../shared/index.js";

/** What a results file records about the machine and every dependency that can move a score. */
export function environment(renderer: Renderer, render: Record<string, unknown>): Environment {
  return {
    node: process.version,
    chrome: renderer.browserVersion,
    os: `${platform()} ${release()} ${arch()}`,
    renderer: {
      fingerprint: renderer.fingerprint,
      executable: renderer.executablePath,
      sandbox: renderer.sandbox,
      browserUser: renderer.browserUser,
      libraries: renderer.libraries && {
        contentHash: renderer.libraries.contentHash,
        packages: renderer.libraries.packages.length,
        missing: renderer.libraries.missing.length,
      },
      ...render,
    },
    dependencies: { ...scoringDependencies(), "puppeteer-core": pinnedDependency("puppeteer-core") ?? "unknown" },
  };
}

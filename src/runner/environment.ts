import { arch, platform, release } from "node:os";
import { scoringDependencies } from "../metrics/dependencies.js";
import type { Renderer } from "../render/index.js";
import type { Environment } from "../results/index.js";
import { pinnedDependency } from "../shared/index.js";

/**
 * What a results file records about the machine and every dependency that can move a score; a
 * run that renders nothing (task `qa`) records no browser.
 */
export function environment(renderer: Renderer | null, render: Record<string, unknown>): Environment {
  const base = {
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
    dependencies: { ...scoringDependencies(), "puppeteer-core": pinnedDependency("puppeteer-core") ?? "unknown" },
  };
  if (!renderer) return { ...base, chrome: "none (nothing rendered)" };
  return {
    ...base,
    chrome: renderer.browserVersion,
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
  };
}

import { readFileSync } from "node:fs";
import { arch, platform, release } from "node:os";
import { scoringDependencies } from "../metrics/index.js";
import type { Renderer } from "../render/index.js";

const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};

export const TOOL = { name: manifest.name, version: manifest.version };

/** What a results file records about the machine and every dependency that can move a score. */
export function environment(renderer: Renderer, render: Record<string, unknown>) {
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
    dependencies: { ...scoringDependencies(), "puppeteer-core": manifest.dependencies["puppeteer-core"] },
  };
}

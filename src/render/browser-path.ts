import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Browser, getInstalledBrowsers, install, resolveBuildId, detectBrowserPlatform } from "@puppeteer/browsers";

export interface FoundBrowser {
  path: string;
  /** How it was found: `env:CHROME_PATH`, `puppeteer-cache`, `system`. */
  source: string;
}

const ENV_VARS = ["CHROME_PATH", "PUPPETEER_EXECUTABLE_PATH"] as const;

const SYSTEM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

export function puppeteerCacheDir(): string {
  return process.env.PUPPETEER_CACHE_DIR ?? join(homedir(), ".cache", "puppeteer");
}

export const BROWSER_HINT =
  "no Chrome or Chromium found: set CHROME_PATH to one, or run `npx web2code-eval setup browser` " +
  "(downloads Chrome for Testing), or on Debian/Ubuntu `sudo apt-get install -y chromium`";

/** Looks for a browser: env vars, then puppeteer's cache, then the usual system paths. */
export async function findBrowser(): Promise<FoundBrowser | null> {
  for (const name of ENV_VARS) {
    const path = process.env[name];
    if (path) return { path, source: `env:${name}` };
  }
  const cached = await getInstalledBrowsers({ cacheDir: puppeteerCacheDir() }).catch(() => []);
  // Prefer the headless shell (faster to start), then full Chrome; newest build first.
  const ranked = cached
    .filter((b) => b.browser === Browser.CHROMEHEADLESSSHELL || b.browser === Browser.CHROME)
    .sort((a, b) => a.browser.localeCompare(b.browser) || b.buildId.localeCompare(a.buildId, undefined, { numeric: true }));
  for (const b of ranked) {
    if (existsSync(b.executablePath)) return { path: b.executablePath, source: "puppeteer-cache" };
  }
  const system = SYSTEM_PATHS.find((p) => existsSync(p));
  return system ? { path: system, source: "system" } : null;
}

/** Puppeteer's normal download of Chrome Headless Shell into its cache; throws when offline. */
export async function downloadBrowser(): Promise<FoundBrowser> {
  const platform = detectBrowserPlatform();
  if (!platform) throw new Error("this platform has no Chrome for Testing build");
  const buildId = await resolveBuildId(Browser.CHROMEHEADLESSSHELL, platform, "stable");
  const installed = await install({ browser: Browser.CHROMEHEADLESSSHELL, buildId, cacheDir: puppeteerCacheDir() });
  return { path: installed.executablePath, source: "puppeteer-cache" };
}

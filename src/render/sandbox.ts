import { chownSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type LaunchOptions } from "puppeteer-core";
import which from "which";

/** `chrome`: Chrome's own OS sandbox is on; `none`: Chrome runs with `--no-sandbox` (only our page sandbox remains). */
export type SandboxMode = "chrome" | "none";

/** How Chrome is started: with or without its sandbox, and as which user. */
export interface LaunchMode {
  sandbox: SandboxMode;
  /** As root, Chrome runs as this unprivileged user (nobody), through util-linux's setpriv. */
  uid?: number;
  setpriv?: string;
}

/** nobody: owns nothing, so a renderer that escapes Chrome's sandbox holds no one's files. */
const UNPRIVILEGED_UID = 65534;

/**
 * The ways to start Chrome, best first. Chrome refuses to run as root with its sandbox, so root
 * starts it as nobody; `--no-sandbox` comes only after the sandbox failed to start.
 */
export function launchModes(): LaunchMode[] {
  if (process.getuid?.() !== 0) return [{ sandbox: "chrome" }, { sandbox: "none" }];
  const setpriv = which.sync("setpriv", { nothrow: true });
  if (!setpriv) return [{ sandbox: "none" }];
  return [{ sandbox: "chrome", uid: UNPRIVILEGED_UID, setpriv }, { sandbox: "none", uid: UNPRIVILEGED_UID, setpriv }, { sandbox: "none" }];
}

export function describeMode(mode: LaunchMode): string {
  const user = mode.uid === undefined ? "this user" : `uid ${mode.uid}`;
  return `${mode.sandbox === "chrome" ? "Chrome's sandbox on" : "--no-sandbox"}, as ${user}`;
}

/** A fresh profile folder for one browser, writable by the user Chrome runs as. */
export function makeProfile(mode: LaunchMode): string {
  const dir = mkdtempSync(join(tmpdir(), "web2code-chrome-"));
  if (mode.uid !== undefined) chownSync(dir, mode.uid, mode.uid);
  return dir;
}

/**
 * puppeteer's launch options for a mode. As another user, setpriv is the executable and Chrome's
 * whole command line (puppeteer's defaults included) follows it; Chrome keeps the process id setpriv
 * had, so puppeteer's process handling (its process group, its kill) applies to Chrome itself.
 */
export function launchOptions(
  mode: LaunchMode,
  executablePath: string,
  args: readonly string[],
  ignoredDefaults: readonly string[],
  profile: string,
): LaunchOptions {
  const chromeArgs = mode.sandbox === "none" ? [...args, "--no-sandbox"] : [...args];
  if (mode.uid === undefined || !mode.setpriv) {
    return { executablePath, args: chromeArgs, ignoreDefaultArgs: [...ignoredDefaults], userDataDir: profile };
  }
  const full = puppeteer
    .defaultArgs({ headless: true, args: chromeArgs, userDataDir: profile })
    .filter((arg) => !ignoredDefaults.includes(arg));
  return {
    executablePath: mode.setpriv,
    args: [`--reuid=${mode.uid}`, `--regid=${mode.uid}`, "--clear-groups", "--", executablePath, ...full],
    ignoreDefaultArgs: true,
    // nobody's home does not exist: what Chrome writes outside its profile goes inside it.
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: join(profile, ".config"), XDG_CACHE_HOME: join(profile, ".cache") },
  };
}

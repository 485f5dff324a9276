/**
 * Where a worker thread's module is, given its name beside the calling module: under tsx
 * (development, tests) the .ts source, built the .js; the source needs tsx's loader, which a
 * parent started without it (vitest) passes on through the worker's execArgv.
 */
export function workerModule(name: string, besideUrl: string): { filename: string; execArgv?: string[] } {
  const fromSource = besideUrl.endsWith(".ts");
  const filename = new URL(`./${name}${fromSource ? ".ts" : ".js"}`, besideUrl).href;
  if (!fromSource || process.execArgv.some((arg) => arg.includes("tsx"))) return { filename };
  return { filename, execArgv: [...process.execArgv, "--import", import.meta.resolve("tsx")] };
}

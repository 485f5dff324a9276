/**
 * `npm run bench:startup`: wall time of `web2code-eval --help` and `--version` (the built program,
 * as `npx web2code-eval` runs it) against `node -e 0`, the median of BENCH_RUNS runs (default 15)
 * after two warm-up runs each. Build first: `npm run build`.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/web2code-eval.js", import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);

function medianMs(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: "ignore" });
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
    if (i >= 2) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const floor = medianMs(["-e", "0"]);
console.log(`| command | median wall time (${runs} runs) | against node -e 0 |\n| --- | --- | --- |`);
console.log(`| node -e 0 | ${floor.toFixed(0)} ms | 1.0x |`);
for (const args of [["--version"], ["--help"], ["run", "--help"]]) {
  const ms = medianMs([BIN, ...args]);
  console.log(`| web2code-eval ${args.join(" ")} | ${ms.toFixed(0)} ms | ${(ms / floor).toFixed(1)}x |`);
}

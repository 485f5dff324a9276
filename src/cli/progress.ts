import cliProgress from "cli-progress";
import type { SampleRecord } from "../results/index.js";
import type { Output } from "./output.js";

export interface Progress {
  sample(record: SampleRecord, done: number, total: number): void;
  stop(): void;
}

/** A bar with rate and ETA on a terminal; plain lines otherwise; nothing with --quiet or --json. */
export function createProgress(output: Output, label: string, total: number): Progress {
  if (output.quiet || output.json) return { sample: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | {last}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(total, 0, { rate: "0.0", last: "" });
    return {
      sample: (record, done) =>
        bar.update(done, { rate: ((done * 1000) / Math.max(1, Date.now() - started)).toFixed(1), last: `${record.id} ${record.status}` }),
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  return {
    sample: (record, done) => {
      const rate = (done * 1000) / Math.max(1, Date.now() - started);
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      output.log(
        `${label} ${done}/${total} ${record.id} ${record.status}${record.error ? `: ${record.error}` : ""} (${rate.toFixed(1)}/s, ETA ${eta}s)`,
      );
    },
    stop: () => undefined,
  };
}

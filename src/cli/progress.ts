import cliProgress from "cli-progress";
import type { RetryNotice } from "../model/index.js";
import type { SampleRecord } from "../results/index.js";
import type { Output } from "./output.js";

export interface Progress {
  sample(record: SampleRecord, done: number, total: number): void;
  /** A sample's model request failed and waits for another try. */
  retry(sampleId: string, notice: RetryNotice): void;
  stop(): void;
}

/** `a: HTTP 429, try 1 of 6 failed; next in 30 s (Retry-After)`: one line per retry. */
export function retryLine(sampleId: string, notice: RetryNotice): string {
  const wait = `${Number((notice.waitMs / 1000).toFixed(1))} s`;
  return `${sampleId}: ${notice.reason}, try ${notice.attempt} of ${notice.maxAttempts} failed; next in ${wait}${notice.retryAfter ? " (Retry-After)" : ""}`;
}

/**
 * A bar with rate and ETA on a terminal, the retries printed above it; plain lines otherwise;
 * with --json only the retries (on stderr); nothing with --quiet.
 */
export function createProgress(output: Output, label: string, total: number): Progress {
  const retried = (sampleId: string, notice: RetryNotice) => output.log(`${label} ${retryLine(sampleId, notice)}`);
  if (output.quiet || output.json) return { sample: () => undefined, retry: retried, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bars = new cliProgress.MultiBar(
      {
        format: `${label} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | {last}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    const bar = bars.create(total, 0, { rate: "0.0", last: "" });
    return {
      sample: (record, done) =>
        bar.update(done, { rate: ((done * 1000) / Math.max(1, Date.now() - started)).toFixed(1), last: `${record.id} ${record.status}` }),
      retry: (sampleId, notice) => {
        bars.log(`${label} ${retryLine(sampleId, notice)}\n`);
        bar.update({ last: `${sampleId} waiting ${Math.round(notice.waitMs / 1000)} s (${notice.reason})` });
      },
      stop: () => bars.stop(),
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
    retry: retried,
    stop: () => undefined,
  };
}

import { buildResults, type SampleRecordData } from "../../src/report/index.js";
import { CONTRACT_METRIC_IDS } from "../helpers/contract.js";

const stats = { pred: null, ref: { dom_depth: 3, tag_count: 4, unique_tags: 4 } };

/** A record with every metric at `value` (or failed, with null metrics). */
export function record(id: string, value: number | null, status = value === null ? "render_error" : "ok"): SampleRecordData {
  const metrics = Object.fromEntries(CONTRACT_METRIC_IDS.map((id) => [id, value]));
  return { id, status, ...(status === "ok" ? {} : { error: "boom" }), metrics, stats, ms: { total: 10 } };
}

export function results(model: string, records: SampleRecordData[]) {
  return buildResults({
    tool: { name: "web2code-eval", version: "0.0.0-test" },
    createdAt: new Date("2026-01-02T03:04:05Z"),
    task: "image2html",
    model: { id: model },
    dataset: { id: "fixture", version: "1", fingerprint: "sha256:0123456789abcdef0123456789abcdef" },
    records,
    environment: { node: "v20", chrome: "Chrome/1" },
    totalMs: 2000,
  });
}

/**
 * `npm run bench:datasets`: how fast a parquet dataset is read, and the memory it takes.
 *
 * Writes a 10,000-row parquet file as Hugging Face ships image datasets (an Image struct
 * `{bytes, path}` and a `text` column, snappy, 100 rows per row group: the `datasets` library's
 * size for image data) from mini's pages and their viewport-sized screenshots, each row's PNG and
 * page made distinct (a tEXt chunk, a comment) so nothing is shared between rows. Then, in a fresh
 * process each: loading it (every row read and checked, the file hashed), reading every sample's
 * screenshot and page on demand in order (what a run does), and the bare process for reference,
 * each with its peak resident memory.
 *
 * Environment: BENCH_ROWS (10000), BENCH_ROW_GROUP (100), BENCH_DIR (a temporary folder; the file
 * is removed at the end unless BENCH_KEEP=1).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import { loadDataset } from "../src/datasets/index.js";

const SELF = fileURLToPath(import.meta.url);

interface Measure {
  ms: number;
  /** Peak resident set of the process, MB. */
  peakMb: number;
  samples?: number;
  bytes?: number;
}

/** Child process: one phase, its time and the process's peak memory as JSON on stdout. */
async function phase(name: string, file: string): Promise<void> {
  const started = performance.now();
  let result: Omit<Measure, "ms" | "peakMb"> = {};
  if (name === "load") {
    result = { samples: (await loadDataset(file)).samples.length };
  } else if (name === "read") {
    const dataset = await loadDataset(file);
    const readStarted = performance.now();
    let bytes = 0;
    for (const sample of dataset.samples) bytes += (await sample.readImage()).length + (await sample.readHtml!()).length;
    result = { samples: dataset.samples.length, bytes };
    // The time of reading alone: loading is the phase above.
    process.stdout.write(JSON.stringify({ ...result, ms: performance.now() - readStarted, peakMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  } else if (name === "hash") {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
    hash.digest();
  }
  process.stdout.write(JSON.stringify({ ...result, ms: performance.now() - started, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

function measure(name: string, file: string): Measure {
  const out = execFileSync(process.execPath, ["--import", "tsx", SELF, "--phase", name, file], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out) as Measure;
}

/** A PNG with a tEXt chunk after its header: another file, the same picture. */
function marked(png: Buffer, text: string): Buffer {
  const body = Buffer.from(`Comment\0${text}`, "latin1");
  const chunk = Buffer.alloc(12 + body.length);
  chunk.writeUInt32BE(body.length, 0);
  chunk.write("tEXt", 4, "latin1");
  body.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + body.length)), 8 + body.length);
  // The IHDR chunk ends at byte 33 (8 signature + 25).
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

async function writeBenchFile(file: string, rows: number, rowGroup: number): Promise<void> {
  // Loaded here only: the measuring processes load what a run loads, no image encoder or writer.
  const { default: sharp } = await import("sharp");
  const { fileWriter, ParquetWriter } = await import("hyparquet-writer");
  const mini = await loadDataset("mini");
  const pages = await Promise.all(mini.samples.map((s) => s.readHtml!()));
  // What a screenshot of WebSight or Design2Code-hf is like: the page's first screen.
  const shots = await Promise.all(
    mini.samples.map(async (s) => {
      const image = sharp(await s.readImage());
      const { width = 1280, height = 720 } = await image.metadata();
      return image
        .extract({ left: 0, top: 0, width, height: Math.min(height, 720) })
        .png()
        .toBuffer();
    }),
  );
  const writer = new ParquetWriter({
    writer: fileWriter(file),
    schema: [
      { name: "root", num_children: 2 },
      { name: "image", repetition_type: "OPTIONAL", num_children: 2 },
      { name: "bytes", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
      { name: "path", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      { name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    ],
  });
  for (let start = 0; start < rows; start += rowGroup) {
    const images = [];
    const texts = [];
    for (let row = start; row < Math.min(rows, start + rowGroup); row++) {
      const i = row % pages.length;
      images.push({ bytes: marked(shots[i]!, `row ${row}`), path: `${row}.png` });
      texts.push(`${pages[i]}<!-- row ${row} -->`);
    }
    writer.write({
      columnData: [
        { name: "image", data: images },
        { name: "text", data: texts },
      ],
      rowGroupSize: rowGroup,
    });
  }
  writer.finish();
}

if (process.argv[2] === "--phase") {
  await phase(process.argv[3]!, process.argv[4]!);
} else {
  const rows = Number(process.env.BENCH_ROWS ?? 10_000);
  const rowGroup = Number(process.env.BENCH_ROW_GROUP ?? 100);
  const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), "w2c-bench-datasets-"));
  const file = join(dir, `bench-${rows}x${rowGroup}.parquet`);
  const writeStarted = performance.now();
  await writeBenchFile(file, rows, rowGroup);
  const size = statSync(file).size;
  console.log(
    `wrote ${file}: ${rows} rows, ${rowGroup} per row group, ${(size / 1e6).toFixed(0)} MB in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`,
  );
  try {
    const bare = measure("bare", file);
    const hash = measure("hash", file);
    const load = measure("load", file);
    const read = measure("read", file);
    const perSecond = (m: Measure) => ((rows * 1000) / m.ms).toFixed(0);
    console.log(`bare process:                    peak RSS ${bare.peakMb.toFixed(0)} MB`);
    console.log(`sha256 of the file alone:        ${(hash.ms / 1000).toFixed(2)} s (${(size / 1e6 / (hash.ms / 1000)).toFixed(0)} MB/s)`);
    console.log(
      `load (check every row + hash):   ${(load.ms / 1000).toFixed(2)} s, ${perSecond(load)} rows/s, peak RSS ${load.peakMb.toFixed(0)} MB`,
    );
    console.log(
      `read every sample on demand:     ${(read.ms / 1000).toFixed(2)} s, ${perSecond(read)} rows/s, ${((read.bytes ?? 0) / 1e6).toFixed(0)} MB read, peak RSS ${read.peakMb.toFixed(0)} MB (load included)`,
    );
  } finally {
    if (process.env.BENCH_KEEP !== "1") rmSync(file, { force: true });
    if (!process.env.BENCH_DIR) rmSync(dir, { recursive: true, force: true });
  }
}

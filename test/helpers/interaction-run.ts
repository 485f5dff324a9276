import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { readRun, stateFile, type InteractionRecord, type LoadedRun, type SampleRecord } from "../../src/results/index.js";
import type { Box } from "../../src/shared/interactions.js";
import { results, writeRunDir } from "./runs.js";

/** The scores of the fixture's interactions: two of the task's, by hand (the metric modules are not loaded). */
const METRICS = {
  interaction_implemented: { version: 1, higherIsBetter: true, description: "implemented" },
  interaction_pixel: { version: 1, higherIsBetter: true, description: "pixel" },
};

/** A flat white picture with one rectangle of `colour`. */
export async function boxPng(width: number, height: number, box: Box, colour: { r: number; g: number; b: number }): Promise<Buffer> {
  const rect = await sharp({ create: { width: box.width, height: box.height, channels: 3, background: colour } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite([{ input: rect, left: box.x, top: box.y }])
    .png()
    .toBuffer();
}

const BLUE = { r: 0, g: 0, b: 255 };
const GREEN = { r: 0, g: 160, b: 0 };

/** Where the fixture's pages hold their rectangles: the element in the start capture, what changed in each after state. */
const ELEMENT: Box = { x: 100, y: 40, width: 200, height: 80 };
const PRED_CHANGED: Box = { x: 0, y: 320, width: 640, height: 160 };
const REF_CHANGED: Box = { x: 400, y: 200, width: 800, height: 400 };

/** The dataset's states of pages p1 and p2 (1600 x 800): interaction 1 makes REF_CHANGED blue, interaction 2 changes nothing. */
export async function referenceStates(): Promise<(id: string, index: number) => Promise<{ before: Buffer; after: Buffer } | undefined>> {
  const before = await boxPng(1600, 800, { x: 0, y: 0, width: 10, height: 10 }, GREEN);
  const after = await boxPng(1600, 800, REF_CHANGED, BLUE);
  return async (id, index) => (id === "p1" || id === "p2" ? { before, after: index === 1 ? after : before } : undefined);
}

function interaction(index: number, action: InteractionRecord["action"], fields: Partial<InteractionRecord>): InteractionRecord {
  return { index, action, tagTypes: [], visualTypes: [], changed: {}, metrics: {}, ...fields };
}

function page(id: string, metrics: SampleRecord["metrics"], interactions: InteractionRecord[], status: SampleRecord["status"] = "ok") {
  return {
    id,
    status,
    ...(status === "ok" ? {} : { error: "boom" }),
    metrics,
    stats: { pred: null, ref: null },
    generation: { truncated: false },
    ms: { generate: 0, render: 0, decode: 0, metrics: {}, total: 10 },
    interactions,
  } satisfies SampleRecord;
}

/**
 * A finished run of the `interaction` task: page p1 with two interactions (1: a click that changed
 * the page, its element and both changes boxed; 2: a hover on a missing element, `implemented`
 * scoring 0 or 1 as given), and p2, failed before its one interaction was driven. renders/p1.png
 * (1280 x 640) has a green ELEMENT, states/p1/1.png a blue PRED_CHANGED; p2 has no files. The
 * colours are not the report's outlines (red, blue), so that an outline shows on its rectangle.
 */
export async function writeInteractionRun(dir: string, model: string, second: { implemented: 0 | 1; pixel: number }): Promise<LoadedRun> {
  const records = [
    page("p1", { interaction_implemented: (1 + second.implemented) / 2, interaction_pixel: (0.8 + second.pixel) / 2 }, [
      interaction(1, "click", {
        outcome: "changed",
        tagTypes: ["button"],
        visualTypes: ["new component"],
        box: ELEMENT,
        changed: { pred: PRED_CHANGED, ref: REF_CHANGED },
        metrics: { interaction_implemented: 1, interaction_pixel: 0.8 },
      }),
      interaction(2, "hover", {
        outcome: second.implemented ? "changed" : "missing",
        tagTypes: ["link"],
        visualTypes: ["color"],
        metrics: { interaction_implemented: second.implemented, interaction_pixel: second.pixel },
      }),
    ]),
    page(
      "p2",
      { interaction_implemented: null, interaction_pixel: null },
      [
        interaction(1, "click", {
          tagTypes: ["button"],
          visualTypes: ["position"],
          metrics: { interaction_implemented: null, interaction_pixel: null },
        }),
      ],
      "generation_error",
    ),
  ];
  const runResults = results(model, records, {
    metrics: METRICS,
    task: "interaction",
    interactionPrompt: "mark",
    dataset: { id: "i2c", version: "1", fingerprint: "sha256:interaction" },
  });
  writeRunDir(dir, runResults, records);
  for (const folder of ["predictions", "renders"]) mkdirSync(join(dir, folder));
  writeFileSync(join(dir, "predictions", "p1.html"), '<button id="interact1">Open</button>');
  writeFileSync(join(dir, "renders", "p1.png"), await boxPng(1280, 640, ELEMENT, GREEN));
  mkdirSync(join(dir, "states", "p1"), { recursive: true });
  writeFileSync(stateFile(dir, "p1", 1), await boxPng(1280, 640, PRED_CHANGED, BLUE));
  if (second.implemented) writeFileSync(stateFile(dir, "p1", 2), await boxPng(1280, 640, PRED_CHANGED, BLUE));
  return readRun(dir);
}

import type { Box, InteractionOutcome } from "../shared/interactions.js";
import { decodePng, encodePng, type RasterImage } from "../shared/png.js";
import type { Sides } from "./artifacts.js";
import { changedBox } from "./interaction/changed-box.js";
import { cropToBox, scaleToWidth } from "./interaction/crop.js";
import { markBox } from "./interaction/mark-box.js";
import { readText } from "./interaction/ocr.js";
import { positionScore } from "./interaction/position.js";
import { textScore } from "./interaction/text-score.js";

/** What one interaction left to score: the generated page's captures and the dataset's screenshots, PNG bytes. */
export interface InteractionInputs {
  outcome: InteractionOutcome;
  /** `#interactN` in the generated page's start capture; absent when it is missing or has no box. */
  box?: Box;
  /** The generated page before any action, and after this one (absent when the action could not be done). */
  predStart: Buffer;
  predAfter?: Buffer;
  /** The dataset's screenshots of the state before and after, and the one before with the element outlined. */
  refBefore: Buffer;
  refAfter: Buffer;
  refMarkedBefore?: Buffer;
  /**
   * The element's box on the reference page, where the reference is a page driven as the generated
   * one is (a viewport of `--viewports` after the first): the position's reference, in place of the mark's red box.
   */
  refBox?: Box;
}

/**
 * What the interaction scores read, each computed once, when first asked for (docs/metrics.md,
 * "Interaction scores"). The generated page is compared in the reference's frame: its capture
 * scaled to the screenshot's width and cut to its height, as the screenshot shows the top of the
 * page at the annotator's window size.
 */
export class InteractionArtifacts {
  private readonly memo = new Map<string, Promise<unknown>>();

  /**
   * `decode` turns PNG bytes into pixels; a page's interactions share its start capture, so the
   * runner passes one that decodes each buffer once per page.
   */
  constructor(
    private readonly inputs: InteractionInputs,
    private readonly decode: (png: Buffer) => Promise<RasterImage> = decodePng,
  ) {}

  get outcome(): InteractionOutcome {
    return this.inputs.outcome;
  }

  /** The state after the action, generated (in the reference's frame) and reference; null when there is none. */
  states(): Promise<Sides<RasterImage> | null> {
    return this.once("states", async () => {
      const after = await this.predAfterScaled();
      if (!after) return null;
      const ref = await this.decoded("refAfter");
      return { pred: cropToBox(after, { x: 0, y: 0, width: after.width, height: Math.min(after.height, ref.height) }), ref };
    });
  }

  /** Where each side changed: the generated page's box in its own capture, the reference's in its screenshot. */
  changedBoxes(): Promise<{ pred?: Box; ref?: Box }> {
    return this.once("changedBoxes", async () => {
      const ref = changedBox(await this.decoded("refBefore"), await this.decoded("refAfter")) ?? undefined;
      const predAfter = this.inputs.predAfter && (await this.decoded("predAfter"));
      const pred = predAfter ? (changedBox(await this.decoded("predStart"), predAfter) ?? undefined) : undefined;
      return { ...(pred ? { pred } : {}), ...(ref ? { ref } : {}) };
    });
  }

  /** The changed boxes' pixels after the action, the generated one scaled as its state is; null unless both sides changed. */
  regions(): Promise<Sides<RasterImage> | null> {
    return this.once("regions", async () => {
      const boxes = await this.changedBoxes();
      const after = await this.predAfterScaled();
      if (this.outcome !== "changed" || !boxes.pred || !boxes.ref || !after) return null;
      const scale = after.width / (await this.decoded("predAfter")).width;
      return { pred: cropToBox(after, scaled(boxes.pred, scale)), ref: cropToBox(await this.decoded("refAfter"), boxes.ref) };
    });
  }

  /** Interaction2Code's position score of the element; the reference's from the marked screenshot's red box (or the reference page's element). */
  async position(): Promise<number> {
    const refBefore = await this.decoded("refBefore");
    // On whole pixels, as the generated element's box is taken below: the same element scores 1.
    const mark = this.inputs.refBox ? scaled(this.inputs.refBox, 1) : await this.markedBox(refBefore);
    if (!this.inputs.box) return 0;
    const scale = refBefore.width / (await this.decoded("predStart")).width;
    const frame = { width: refBefore.width, height: refBefore.height };
    return positionScore({ box: mark, ...frame }, { box: scaled(this.inputs.box, scale), ...frame });
  }

  private async markedBox(refBefore: RasterImage): Promise<Box> {
    if (!this.inputs.refMarkedBefore) throw new Error("the dataset has no marked screenshot of the state before");
    const mark = markBox(await this.decoded("refMarkedBefore"), refBefore);
    if (!mark) throw new Error("no red box found in the dataset's marked screenshot");
    return mark;
  }

  /** The state's text, read by OCR from both sides the same way, scored as words. */
  async text(): Promise<number> {
    const states = await this.states();
    if (!states) return 0;
    const [ref, pred] = await Promise.all([readText(this.inputs.refAfter), encodePng(states.pred).then(readText)]);
    return textScore(ref, pred);
  }

  private predAfterScaled(): Promise<RasterImage | null> {
    return this.once("predAfterScaled", async () => {
      if (!this.inputs.predAfter) return null;
      return scaleToWidth(await this.decoded("predAfter"), (await this.decoded("refAfter")).width);
    });
  }

  private decoded(name: "predStart" | "predAfter" | "refBefore" | "refAfter" | "refMarkedBefore"): Promise<RasterImage> {
    return this.once(name, () => this.decode(this.inputs[name]!));
  }

  private once<T>(name: string, make: () => Promise<T>): Promise<T> {
    let value = this.memo.get(name) as Promise<T> | undefined;
    if (!value) this.memo.set(name, (value = make()));
    return value;
  }
}

/** A box in a capture scaled by `scale`, widened to whole pixels. */
function scaled(box: Box, scale: number): Box {
  const x = Math.floor(box.x * scale);
  const y = Math.floor(box.y * scale);
  return { x, y, width: Math.ceil((box.x + box.width) * scale) - x, height: Math.ceil((box.y + box.height) * scale) - y };
}

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { shownPicture, type ShownPicture } from "./images.js";

/**
 * A strip shows four states to a row: each at most this wide. The states are full-page
 * screenshots up to 3,360 px wide; at 320 px a picture weighs a tenth of the page's own.
 */
export const STATE_PICTURE_WIDTH = 320;

/** Task `interaction`: the dataset's screenshots of one interaction, before it and after it (PNG bytes). */
export interface ReferenceStatesTask {
  index: number;
  before: Uint8Array;
  after: Uint8Array;
}

export interface ReferenceStatePictures {
  index: number;
  before?: ShownPicture;
  after?: ShownPicture;
}

/** Task `interaction`: a card's files of the generated page, at its start (the run's render) and after each interaction, in the record's order. */
export interface GeneratedStatesTask {
  start: string;
  after: string[];
}

export interface GeneratedStatePictures {
  start?: ShownPicture;
  /** In the task's order; undefined where the run has no file (the page was not driven, or the action failed). */
  after: Array<ShownPicture | undefined>;
}

/**
 * The dataset's states of a sample's interactions as pictures. One state is often the "before"
 * of several interactions (each starts from the page as loaded): a state's bytes are pictured once.
 * One at a time: a full-page state decodes to a few hundred megabytes.
 */
export async function referenceStatePictures(states: readonly ReferenceStatesTask[]): Promise<ReferenceStatePictures[]> {
  const pictured = new Map<string, ShownPicture | undefined>();
  const picture = async (png: Uint8Array) => {
    const key = createHash("sha256").update(png).digest("hex");
    if (!pictured.has(key)) pictured.set(key, await shownPicture(png, STATE_PICTURE_WIDTH));
    return pictured.get(key);
  };
  const out: ReferenceStatePictures[] = [];
  for (const { index, before, after } of states) {
    const [beforePicture, afterPicture] = [await picture(before), await picture(after)];
    out.push({ index, ...(beforePicture ? { before: beforePicture } : {}), ...(afterPicture ? { after: afterPicture } : {}) });
  }
  return out;
}

export async function generatedStatePictures(task: GeneratedStatesTask): Promise<GeneratedStatePictures> {
  const start = await statePicture(task.start);
  const after: Array<ShownPicture | undefined> = [];
  for (const file of task.after) after.push(await statePicture(file));
  return { ...(start ? { start } : {}), after };
}

async function statePicture(file: string): Promise<ShownPicture | undefined> {
  return existsSync(file) ? shownPicture(readFileSync(file), STATE_PICTURE_WIDTH) : undefined;
}

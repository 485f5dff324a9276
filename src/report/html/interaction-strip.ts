import { interactionImplemented } from "../../metrics/interaction-implemented.js";
import type { InteractionRecord } from "../../results/index.js";
import type { Box } from "../../shared/interactions.js";
import type { ShownPicture } from "./images.js";
import type { GeneratedStatePictures, ReferenceStatePictures, ReferenceStatesTask } from "./interaction-pictures.js";
import type { PictureStore } from "./picture-store.js";

/** Task `interaction`: the dataset's screenshots of a sample's interaction N (PNG bytes), when the dataset is at hand; undefined for one it lacks. */
export type ReferenceStates = (sampleId: string, index: number) => Promise<{ before: Buffer; after: Buffer } | undefined>;

/** A state as a strip shows it, with a box outlined on it in the picture's pixels. */
export interface StatePicture {
  src: string;
  /** The state's own size, and the rows of it shown. */
  width: number;
  height: number;
  shownHeight: number;
  /** The picture's size. */
  picture: { width: number; height: number };
  box?: Box;
}

/** One interaction of a card: the dataset's states before and after it, the generated page's, what became of it and its scores. */
export interface InteractionStrip {
  index: number;
  action: InteractionRecord["action"];
  /** Absent when the page was never driven. */
  outcome?: InteractionRecord["outcome"];
  error?: string;
  tagTypes: string[];
  visualTypes: string[];
  metrics: Record<string, number | null>;
  /** The after state outlines what changed (`changed.ref`). */
  reference: { before?: StatePicture; after?: StatePicture };
  /** The before state outlines the element acted on (`box`), the after state what changed (`changed.pred`). */
  ours: { before?: StatePicture; after?: StatePicture };
}

/** A card's interactions: how many were implemented (interaction_implemented 1), and a strip each. */
export interface InteractionCard {
  implemented: number;
  strips: InteractionStrip[];
  /** What a strip says where a state of the dataset's is not shown. */
  referenceMissing: string;
}

/** The dataset's states of the interactions given, for the picture worker; those the dataset lacks or cannot read are left out. */
export async function readReferenceStates(
  sampleId: string,
  indices: readonly number[],
  lookup: ReferenceStates,
): Promise<ReferenceStatesTask[]> {
  const states: ReferenceStatesTask[] = [];
  for (const index of indices) {
    const pair = await lookup(sampleId, index).catch(() => undefined);
    if (pair) states.push({ index, ...pair });
  }
  return states;
}

/** A card's strips from its record and the pictures the worker made. */
export function interactionCard(
  interactions: readonly InteractionRecord[],
  references: readonly ReferenceStatePictures[] | undefined,
  generated: GeneratedStatePictures | undefined,
  assets: PictureStore,
  referenceMissing: string,
): InteractionCard {
  const strips = interactions.map((interaction, k): InteractionStrip => {
    const reference = references?.find((states) => states.index === interaction.index);
    const after = generated?.after[k];
    return {
      index: interaction.index,
      action: interaction.action,
      ...(interaction.outcome ? { outcome: interaction.outcome } : {}),
      ...(interaction.error === undefined ? {} : { error: interaction.error }),
      tagTypes: interaction.tagTypes,
      visualTypes: interaction.visualTypes,
      metrics: interaction.metrics,
      reference: {
        ...(reference?.before ? { before: statePicture(assets, reference.before) } : {}),
        ...(reference?.after ? { after: statePicture(assets, reference.after, interaction.changed.ref) } : {}),
      },
      // An interaction the page was never driven to has no state of ours, whatever the run folder holds.
      ours: interaction.outcome
        ? {
            ...(generated?.start ? { before: statePicture(assets, generated.start, interaction.box) } : {}),
            ...(after ? { after: statePicture(assets, after, interaction.changed.pred) } : {}),
          }
        : {},
    };
  });
  return {
    implemented: interactions.filter((interaction) => interaction.metrics[interactionImplemented.id] === 1).length,
    strips,
    referenceMissing,
  };
}

/** The picture stored once, and the box (in the state's pixels) in the picture's. */
function statePicture(assets: PictureStore, picture: ShownPicture, box?: Box): StatePicture {
  const { scale } = picture;
  return {
    src: assets.put(picture.webp, "webp"),
    width: picture.width,
    height: picture.height,
    shownHeight: picture.shownHeight,
    picture: { width: Math.max(1, Math.round(picture.width * scale)), height: Math.max(1, Math.round(picture.shownHeight * scale)) },
    ...(box ? { box: { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale } } : {}),
  };
}

import { parse } from "parse5";
import { errorMessage, type TextBlock } from "../shared/index.js";
import { decodePng } from "../shared/png.js";
import { d2cScores, type D2cScores } from "./d2c/scores.js";
import { buildPageTree } from "./page-tree.js";
import type { Document, PageTree, RasterImage, ScoredPage } from "./types.js";

/** One value for each page of a pair. */
export interface Sides<T> {
  readonly pred: T;
  readonly ref: T;
}

/**
 * What a metric may read of a page pair: its artifacts, each computed once per pair, when the first
 * metric that declares it is scored, and handed to the metrics that declare it (docs/metrics.md#artifacts).
 */
export interface ArtifactValues {
  /** Each page's HTML parsed (parse5). */
  document: Sides<Document>;
  /** Each parsed page's facts, gathered in one walk (page-tree.ts). */
  tree: Sides<PageTree>;
  /** Each render's RGBA pixels. */
  image: Sides<RasterImage>;
  /** Each render's text blocks (page facts); a render without them fails the metrics that declare them. */
  textBlocks: Sides<readonly TextBlock[]>;
  /** Design2Code's block matching of the pair, with its four block scores (d2c/scores.ts). */
  d2cMatching: D2cScores;
}

export type ArtifactName = keyof ArtifactValues;

/** The artifacts a metric declared, and only those. */
export type Artifacts<Needs extends ArtifactName> = Pick<ArtifactValues, Needs>;

/**
 * A render whose PNG cannot be decoded: not one metric's failure but the pair's (the sample's
 * `scoring_error`), since every score of the page would be a guess without it.
 */
export class UnreadableRender extends Error {}

/**
 * The artifacts of one page pair, computed on demand and kept for the pair's lifetime: a failed one
 * stays failed, so every metric that declares it fails with the same reason. One object per pair,
 * never shared between pairs.
 */
export class PairArtifacts {
  private readonly memo = new Map<ArtifactName, Promise<unknown>>();
  /** Milliseconds spent reading the pages (decoding renders, parsing HTML), kept apart from the metrics' own time. */
  private readMs = 0;

  constructor(
    readonly pred: ScoredPage,
    readonly ref: ScoredPage,
  ) {}

  get readingMs(): number {
    return this.readMs;
  }

  get<Name extends ArtifactName>(name: Name): Promise<ArtifactValues[Name]> {
    let value = this.memo.get(name);
    if (value === undefined) {
      value = BUILD[name](this);
      this.memo.set(name, value);
    }
    return value as Promise<ArtifactValues[Name]>;
  }

  /** The named artifacts, one after another (in the order named, so that the first missing one is the reason given). */
  async pick<Needs extends ArtifactName>(names: readonly Needs[]): Promise<Artifacts<Needs>> {
    const picked: Partial<ArtifactValues> = {};
    for (const name of names) Object.assign(picked, { [name]: await this.get(name) });
    return picked as Artifacts<Needs>;
  }

  /** An artifact that a metric asked for and that could be computed; undefined otherwise (nothing is computed here). */
  async computed<Name extends ArtifactName>(name: Name): Promise<ArtifactValues[Name] | undefined> {
    const value = this.memo.get(name) as Promise<ArtifactValues[Name]> | undefined;
    return value?.catch(() => undefined);
  }

  /** Runs `read`, counting its time as reading the pages. */
  async reading<T>(read: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await read();
    } finally {
      this.readMs += performance.now() - started;
    }
  }
}

function bothSides<T>(pair: PairArtifacts, of: (page: ScoredPage, side: "prediction" | "reference") => T): Sides<T> {
  return { pred: of(pair.pred, "prediction"), ref: of(pair.ref, "reference") };
}

async function decoded(render: ScoredPage["render"]): Promise<RasterImage> {
  if (!(render instanceof Uint8Array)) return render;
  try {
    return await decodePng(Buffer.from(render.buffer, render.byteOffset, render.byteLength));
  } catch (error) {
    throw new UnreadableRender(errorMessage(error), { cause: error });
  }
}

function textBlocks(page: ScoredPage, side: string): readonly TextBlock[] {
  if (page.textBlocks) return page.textBlocks;
  throw new Error(
    `the ${side}'s render carries no text blocks (renderer before version 3, or a page that broke the DOM APIs measuring them)`,
  );
}

/** How each artifact is made from the pair and its other artifacts. */
const BUILD: { readonly [Name in ArtifactName]: (pair: PairArtifacts) => Promise<ArtifactValues[Name]> } = {
  async document(pair) {
    return pair.reading(() => bothSides(pair, (page) => parse(page.html)));
  },
  async tree(pair) {
    const documents = await pair.get("document");
    return pair.reading(() => ({ pred: buildPageTree(documents.pred), ref: buildPageTree(documents.ref) }));
  },
  image: (pair) =>
    pair.reading(async () => {
      // Both at once: libvips decodes each on a thread of its own.
      const [pred, ref] = await Promise.all([decoded(pair.pred.render), decoded(pair.ref.render)]);
      return { pred, ref };
    }),
  async textBlocks(pair) {
    return bothSides(pair, textBlocks);
  },
  async d2cMatching(pair) {
    const blocks = await pair.get("textBlocks");
    const image = await pair.get("image");
    return d2cScores(
      { blocks: blocks.pred, width: image.pred.width, height: image.pred.height },
      { blocks: blocks.ref, width: image.ref.width, height: image.ref.height },
    );
  },
};

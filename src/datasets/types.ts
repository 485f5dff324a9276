export interface Viewport {
  width: number;
  height: number;
}

/** A sample as listed; its heavy content is read on demand so a big benchmark stays small in memory. */
export interface Sample {
  id: string;
  /** Absolute path of the reference HTML. */
  htmlPath: string;
  /** Absolute path of the screenshot PNG given to the model. */
  imagePath: string;
  description?: string;
  tags: string[];
}

export interface Dataset {
  id: string;
  version: string;
  description: string;
  licence: string;
  /** Folder whose files pages may load as assets; nothing outside it is served. */
  root: string;
  viewport: Viewport;
  instruction: string;
  /** sha256 over the dataset's manifest and every file it holds. */
  fingerprint: string;
  format: "web2code" | "design2code";
  samples: Sample[];
}

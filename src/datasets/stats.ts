export interface MeanStd {
  mean: number;
  std: number;
}

/** Mean and population standard deviation, the form the Web2Code paper reports (mean ± std). */
export function meanStd(values: readonly number[]): MeanStd {
  if (values.length === 0) return { mean: 0, std: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

export interface PageMeasure {
  dom_depth: number;
  tag_count: number;
  unique_tags: number;
  length: number;
}

export type DatasetStats = { count: number } & Record<keyof PageMeasure, MeanStd>;

/**
 * Statistics over the reference pages, read one at a time; `measure` is given by the caller (the
 * metrics room owns the walker).
 */
export async function datasetStats(htmls: Iterable<string> | AsyncIterable<string>, measure: (html: string) => PageMeasure): Promise<DatasetStats> {
  const columns: Record<keyof PageMeasure, number[]> = { dom_depth: [], tag_count: [], unique_tags: [], length: [] };
  let count = 0;
  for await (const html of htmls) {
    const m = measure(html);
    for (const key of Object.keys(columns) as Array<keyof PageMeasure>) columns[key].push(m[key]);
    count++;
  }
  return {
    count,
    dom_depth: meanStd(columns.dom_depth),
    tag_count: meanStd(columns.tag_count),
    unique_tags: meanStd(columns.unique_tags),
    length: meanStd(columns.length),
  };
}

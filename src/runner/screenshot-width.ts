import { readPngHeader, type Sample } from "../datasets/index.js";
import { checkScreenshotWidths, widthsText } from "../results/index.js";

/**
 * Screenshots whose width is read (their PNG headers, no pixels) at the start of a run: enough for
 * the width most of a dataset's screenshots share to show, few enough to take milliseconds.
 */
const PROBED = 20;

/**
 * One line when the first screenshots of the dataset were taken at another width than pages are
 * rendered at (the rule of {@link checkScreenshotWidths}: their most common width is not the
 * render width), naming the widths seen and the `--width` that matches them; else undefined.
 */
export async function screenshotWidthWarning(samples: readonly Sample[], renderWidth: number): Promise<string | undefined> {
  const widths: number[] = [];
  for (const sample of samples.slice(0, PROBED)) {
    const header = readPngHeader(await sample.readImage());
    if (typeof header === "object") widths.push(header.width);
  }
  const check = checkScreenshotWidths(widths, renderWidth);
  if (check.takenAt === undefined) return undefined;
  return (
    `the screenshots are ${check.takenAt} px wide (first ${check.total} samples: ${widthsText(check)}), pages render ${renderWidth} px wide: ` +
    `the scores compare pages at another width than the model saw; --width ${check.takenAt} renders at the screenshots' width`
  );
}

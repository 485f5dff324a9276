import { z } from "zod";

/** A box as fractions of its page's width and height: left, top, width, height. */
const FractionBoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/**
 * Why the d2c_* scores of a sample are what they are: the blocks Design2Code's matching paired, and
 * those it left. The metrics room makes it (src/metrics/d2c/block-map.ts), the results room keeps it
 * with the sample's line, the report draws it: one schema, here where all three may import it.
 */
export const D2cBlockMapSchema = z.object({
  matches: z.array(
    z.object({ pred: FractionBoxSchema, ref: FractionBoxSchema, text: z.number(), position: z.number(), color: z.number() }),
  ),
  unmatchedPred: z.array(FractionBoxSchema),
  unmatchedRef: z.array(FractionBoxSchema),
});
export type D2cBlockMap = z.infer<typeof D2cBlockMapSchema>;

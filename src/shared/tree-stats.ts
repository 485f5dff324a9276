import { z } from "zod";

/** DOM statistics of a page, as the contract defines them: the metrics room measures them, a sample's line keeps them. */
export const TreeStatsSchema = z.object({ dom_depth: z.number(), tag_count: z.number(), unique_tags: z.number() });
export type TreeStats = z.infer<typeof TreeStatsSchema>;

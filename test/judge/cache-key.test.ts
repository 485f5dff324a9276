import { describe, expect, it } from "vitest";
import { judgeCacheKey, type JudgeCacheKeyParts } from "../../src/judge/cache-key.js";

const base: JudgeCacheKeyParts = {
  fingerprint: { kind: "openai", model: "gpt-4o", sampling: { temperature: 0 } },
  rubricSha256: "a".repeat(64),
  protocol: { instruction: "Reply with only ...", maxReasks: 2 },
  format: "json",
  sampling: { temperature: 0, max_tokens: 300 },
  referenceSha256: "b".repeat(64),
  predictionSha256: "c".repeat(64),
  order: "reference-first",
  replica: 0,
};

describe("judgeCacheKey", () => {
  it("is a sha256, the same for the same parts", () => {
    expect(judgeCacheKey(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(judgeCacheKey({ ...base })).toBe(judgeCacheKey(base));
  });

  it.each<[string, Partial<JudgeCacheKeyParts>]>([
    ["the judge model", { fingerprint: { ...base.fingerprint, model: "gpt-4o-mini" } }],
    ["the rubric", { rubricSha256: "d".repeat(64) }],
    ["what the judge adds to the rubric", { protocol: { ...base.protocol, maxReasks: 1 } }],
    ["the reply format", { format: "text" }],
    ["the sampling", { sampling: { temperature: 0, max_tokens: 200 } }],
    ["the reference screenshot", { referenceSha256: "e".repeat(64) }],
    ["the prediction's render", { predictionSha256: "e".repeat(64) }],
    ["the order of the screenshots", { order: "prediction-first" }],
    ["the replica (the self-agreement check's second verdict)", { replica: 1 }],
  ])("changes with %s", (_part, change) => {
    expect(judgeCacheKey({ ...base, ...change })).not.toBe(judgeCacheKey(base));
  });

  it("does not confuse the two screenshots", () => {
    expect(judgeCacheKey({ ...base, referenceSha256: base.predictionSha256, predictionSha256: base.referenceSha256 })).not.toBe(
      judgeCacheKey(base),
    );
  });
});

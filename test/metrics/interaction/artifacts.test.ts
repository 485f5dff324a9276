import { describe, expect, it } from "vitest";
import { InteractionArtifacts } from "../../../src/metrics/interaction-artifacts.js";
import { whitePng } from "../../helpers/dataset.js";

const page = whitePng(100, 80);
const refBox = { x: 10.5, y: 20.25, width: 30, height: 10 };
const artifacts = (box?: typeof refBox) =>
  new InteractionArtifacts({ outcome: "changed", ...(box ? { box } : {}), predStart: page, refBefore: page, refAfter: page, refBox });

describe("InteractionArtifacts.position against the reference page's own element (a viewport of --viewports after the first)", () => {
  it("scores the same element 1: both boxes are taken on whole pixels alike", async () => {
    expect(await artifacts(refBox).position()).toBe(1);
  });

  it("scores an element 10 px to the right 1 - 10/100, and a missing one 0", async () => {
    expect(await artifacts({ ...refBox, x: 20.5 }).position()).toBe(1 - 10 / 100);
    expect(await artifacts().position()).toBe(0);
  });
});

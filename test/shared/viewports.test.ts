import { describe, expect, it } from "vitest";
import { namedViewport, splitViewportMetricId, viewportMetricId } from "../../src/shared/viewports.js";

describe("viewports", () => {
  it("reads WIDTHxHEIGHT, keeping the name as given", () => {
    expect(namedViewport("390x844")).toEqual({ name: "390x844", width: 390, height: 844 });
    for (const bad of ["390", "390x", "x844", "0x844", "390x0", "039x844", "390X844", " 390x844", "390x844px"])
      expect(namedViewport(bad), bad).toBeUndefined();
  });

  it("names a metric at a viewport, and splits the name again", () => {
    expect(viewportMetricId("pixel_similarity", "390x844")).toBe("pixel_similarity@390x844");
    expect(splitViewportMetricId("pixel_similarity@390x844")).toEqual({ metric: "pixel_similarity", viewport: "390x844" });
    expect(splitViewportMetricId("pixel_similarity")).toEqual({ metric: "pixel_similarity" });
    // Only a viewport's name after the last @ is a viewport.
    expect(splitViewportMetricId("a@b")).toEqual({ metric: "a@b" });
    expect(splitViewportMetricId("a@b@768x1024")).toEqual({ metric: "a@b", viewport: "768x1024" });
  });
});

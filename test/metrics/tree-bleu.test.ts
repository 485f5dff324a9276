import { describe, expect, it } from "vitest";
import { PairArtifacts } from "../../src/metrics/artifacts.js";
import { treeBleu } from "../../src/metrics/tree-bleu.js";
import { page, score } from "./helpers.js";

describe("tree_bleu", () => {
  it("is 1 for identical pages", async () => {
    const html = "<div><p>a</p><span>b</span></div>";
    expect(await score(treeBleu, page(html), page(html))).toBe(1);
  });
  it("is the share of the reference's subtrees found in the prediction", async () => {
    // Reference: html(head,body), body(div), div(p,span). Prediction has the first two, and div(p).
    expect(await score(treeBleu, page("<div><p>a</p></div>"), page("<div><p>a</p><span>b</span></div>"))).toBeCloseTo(2 / 3, 12);
  });
  it("is not symmetric: it reads from the reference's side", async () => {
    const small = page("<p>a</p>"); // html(head,body), body(p)
    const large = page("<p>a</p><div><i>b</i></div>"); // html(head,body), body(p,div), div(i)
    expect(await score(treeBleu, large, small)).toBe(0.5);
    expect(await score(treeBleu, small, large)).toBeCloseTo(1 / 3, 12);
  });
  it("takes the order of children into account", async () => {
    expect(await score(treeBleu, page("<div><span></span><p></p></div>"), page("<div><p></p><span></span></div>"))).toBeCloseTo(2 / 3, 12);
  });
  it("counts repeated subtrees once", async () => {
    // Reference: html(head,body), body(ul,ul), ul(li) — three distinct; the prediction has two of them.
    expect(await score(treeBleu, page("<ul><li>a</li></ul>"), page("<ul><li>a</li></ul><ul><li>b</li></ul>"))).toBeCloseTo(2 / 3, 12);
  });
  it("is 1 when the reference has no subtrees", async () => {
    // No parsed page lacks html(head,body): the reference's tree is stripped by hand.
    const { tree } = await new PairArtifacts(page("<p>a</p>"), page()).pick(["tree"]);
    expect(treeBleu.compute({ tree: { pred: tree.pred, ref: { ...tree.ref, subtrees: new Set<string>() } } })).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { treeBleu } from "../../src/metrics/tree-bleu.js";
import { page } from "./helpers.js";

describe("tree_bleu", () => {
  it("is 1 for identical pages", () => {
    const html = "<div><p>a</p><span>b</span></div>";
    expect(treeBleu.compute(page(html), page(html))).toBe(1);
  });
  it("is the share of the reference's subtrees found in the prediction", () => {
    // Reference: html(head,body), body(div), div(p,span). Prediction has the first two, and div(p).
    expect(treeBleu.compute(page("<div><p>a</p></div>"), page("<div><p>a</p><span>b</span></div>"))).toBeCloseTo(2 / 3, 12);
  });
  it("is not symmetric: it reads from the reference's side", () => {
    const small = page("<p>a</p>"); // html(head,body), body(p)
    const large = page("<p>a</p><div><i>b</i></div>"); // html(head,body), body(p,div), div(i)
    expect(treeBleu.compute(large, small)).toBe(0.5);
    expect(treeBleu.compute(small, large)).toBeCloseTo(1 / 3, 12);
  });
  it("takes the order of children into account", () => {
    expect(treeBleu.compute(page("<div><span></span><p></p></div>"), page("<div><p></p><span></span></div>"))).toBeCloseTo(2 / 3, 12);
  });
  it("counts repeated subtrees once", () => {
    // Reference: html(head,body), body(ul,ul), ul(li) — three distinct; the prediction has two of them.
    expect(treeBleu.compute(page("<ul><li>a</li></ul>"), page("<ul><li>a</li></ul><ul><li>b</li></ul>"))).toBeCloseTo(2 / 3, 12);
  });
  it("is 1 when the reference has no subtrees", () => {
    const bare = { ...page(), tree: { ...page().tree, subtrees: new Set<string>() } };
    expect(treeBleu.compute(page("<p>a</p>"), bare)).toBe(1);
  });
});

import { parse } from "parse5";
import { describe, expect, it } from "vitest";
import { buildPageTree, treeStats } from "../../src/metrics/page-tree.js";

const tree = (html: string) => buildPageTree(parse(html));

describe("buildPageTree", () => {
  it("counts the elements parse5 implies", () => {
    const t = tree("<p>hi</p>");
    expect(t.depth).toBe(3); // html > body > p
    expect(t.elementCount).toBe(4);
    expect(t.tagCounts).toEqual(
      new Map([
        ["html", 1],
        ["head", 1],
        ["body", 1],
        ["p", 1],
      ]),
    );
    expect(t.subtrees).toEqual(new Set(["html(head,body)", "body(p)"]));
    expect(t.text).toBe("hi");
  });

  it("gives an empty document html, head and body", () => {
    const t = tree("");
    expect(t.depth).toBe(2);
    expect(t.elementCount).toBe(3);
    expect(t.subtrees).toEqual(new Set(["html(head,body)"]));
    expect(t.text).toBe("");
  });

  it("records each distinct height-1 subtree once, child tags in order", () => {
    const t = tree("<ul><li>a</li><li>b<i>c</i></li></ul><ul><li>d</li><li>e</li></ul><div><b></b><a></a></div>");
    expect(t.subtrees).toEqual(new Set(["html(head,body)", "body(ul,ul,div)", "ul(li,li)", "li(i)", "div(b,a)"]));
    expect(t.tagCounts.get("li")).toBe(4);
    expect(t.depth).toBe(5); // html > body > ul > li > i
  });

  it("keeps visible text only, in reading order, words of adjacent blocks apart", () => {
    const t = tree(
      "<title>T</title><style>.a{}</style><script>x()</script><noscript>n</noscript>" +
        "<h1>Head</h1><div>foo</div><div>bar</div><p>  one \n\t <b>two</b></p><!-- c --><script>y()</script>",
    );
    expect(t.text).toBe("Head foo bar one two");
  });

  it("counts a template element but not its content", () => {
    const t = tree("<p>a</p><template><i>b</i></template>");
    expect(t.tagCounts.get("template")).toBe(1);
    expect(t.tagCounts.has("i")).toBe(false);
    expect(t.elementCount).toBe(5);
    expect(t.subtrees).toEqual(new Set(["html(head,body)", "body(p,template)"]));
    expect(t.text).toBe("a");
  });

  it("walks 30,000 nested divs without overflowing the stack", () => {
    const t = tree("<div>".repeat(30_000) + "x" + "</div>".repeat(30_000));
    expect(t.depth).toBe(30_002); // html (1) > body (2) > 30,000 divs
    expect(t.elementCount).toBe(30_003);
    expect(t.subtrees).toEqual(new Set(["html(head,body)", "body(div)", "div(div)"]));
    expect(t.text).toBe("x");
  });
});

describe("treeStats", () => {
  it("reports depth, element count and distinct tags", () => {
    expect(treeStats(tree("<div><p>a</p><p>b</p></div>"))).toEqual({ dom_depth: 4, tag_count: 6, unique_tags: 5 });
  });
});

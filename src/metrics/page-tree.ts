import { defaultTreeAdapter } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import type { Document, PageTree, TreeStats } from "./types.js";

type ChildNode = DefaultTreeAdapterMap["childNode"];

/**
 * Elements whose text never shows on the page. `template` needs no entry:
 * parse5 keeps a template's children in its `content` fragment, outside
 * `childNodes`, so the walk never reaches them; they are inert, not rendered,
 * so neither their text nor their tags count.
 */
const HIDDEN_TEXT = new Set(["head", "script", "style", "noscript"]);

interface Frame {
  node: ChildNode;
  /** Depth of the node's parent element; 0 under the document. */
  parentDepth: number;
  /** Inside an element whose text is not visible. */
  hidden: boolean;
}

/**
 * Gathers every fact the metrics need in one walk. The walk is iterative
 * because generated pages can nest far deeper than the call stack allows.
 */
export function buildPageTree(document: Document): PageTree {
  const tagCounts = new Map<string, number>();
  const subtrees = new Set<string>();
  const texts: string[] = [];
  let depth = 0;
  let elementCount = 0;

  const stack: Frame[] = [];
  const pushChildren = (children: ChildNode[], parentDepth: number, hidden: boolean): void => {
    // Reverse order, so that nodes pop in document order and text keeps reading order.
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i]!, parentDepth, hidden });
    }
  };
  pushChildren(document.childNodes, 0, false);

  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { node, parentDepth, hidden } = frame;
    if (defaultTreeAdapter.isTextNode(node)) {
      if (!hidden) texts.push(node.value);
      continue;
    }
    if (!defaultTreeAdapter.isElementNode(node)) continue; // comments

    const tag = node.tagName;
    const nodeDepth = parentDepth + 1;
    elementCount++;
    tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    if (nodeDepth > depth) depth = nodeDepth;

    const childTags = node.childNodes.filter(defaultTreeAdapter.isElementNode).map((child) => child.tagName);
    if (childTags.length > 0) subtrees.add(`${tag}(${childTags.join(",")})`);

    pushChildren(node.childNodes, nodeDepth, hidden || HIDDEN_TEXT.has(tag));
  }

  // Every text node is joined with a space, so the words of adjacent blocks
  // (`<div>foo</div><div>bar</div>`) never glue together; the price is that a
  // word split by inline markup (`foo<b>bar</b>`) reads as two words.
  const text = texts.join(" ").replace(/\s+/g, " ").trim();

  return { depth, tagCounts, elementCount, subtrees, text };
}

export function treeStats(tree: PageTree): TreeStats {
  return { dom_depth: tree.depth, tag_count: tree.elementCount, unique_tags: tree.tagCounts.size };
}

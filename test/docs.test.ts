import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { DOC_PAGES, pageText, ROOT } from "./helpers/docs.js";

/** The pages a reader follows links through: the README, docs/, and the pointers left beside the scripts. */
const LINKED = [...DOC_PAGES, "scripts/parity/README.md"];

/** A page's text outside fenced code blocks, where a `[x](y)` is not a link. */
function prose(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
}

/** GitHub's anchor of a heading: lower case, punctuation dropped (letters, digits, `_` and `-` kept), spaces to `-`. */
function anchorOf(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(text: string): Set<string> {
  return new Set([...prose(text).matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!)));
}

/** Every relative link of a page that does not resolve, as `page: target (why)`. */
function brokenLinks(page: string, text = pageText(page)): string[] {
  return [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].flatMap(([, target]) => {
    if (/^[a-z]+:/i.test(target!)) return [];
    const [path, anchor] = target!.split("#") as [string, string | undefined];
    const file = join(ROOT, dirname(page), path);
    if (path !== "" && !existsSync(file)) return [`${page}: ${target} (no ${relative(ROOT, file)})`];
    if (anchor === undefined) return [];
    if (path !== "" && (!file.endsWith(".md") || statSync(file).isDirectory()))
      return [`${page}: ${target} (an anchor into a file that is not Markdown)`];
    const headings = anchors(path === "" ? text : readFileSync(file, "utf8"));
    return headings.has(anchor) ? [] : [`${page}: ${target} (no heading with that anchor)`];
  });
}

describe("the documentation", () => {
  it("makes anchors as GitHub does", () => {
    expect(anchorOf("LLaVA-style GGUF models on llama.cpp's server")).toBe("llava-style-gguf-models-on-llamacpps-server");
    expect(anchorOf("Reproducing WUB: `--task qa`")).toBe("reproducing-wub---task-qa");
    expect(anchorOf("qa_accuracy and qa_exact")).toBe("qa_accuracy-and-qa_exact");
    expect(anchorOf("dataset.json")).toBe("datasetjson");
  });

  it("finds a missing file, a missing anchor here or in another page, and skips code blocks and web links", () => {
    const page = [
      "## A heading",
      "[ok](#a-heading) [bad](#no-such) [gone](missing.md) [up](../README.md) [far](contract.md#no-anchor)",
      "[web](https://example.com/x.md) [near](contract.md#metric-ids)",
      "```sh",
      "[code](nowhere.md)",
      "```",
    ].join("\n");
    expect(brokenLinks("docs/planted.md", page)).toEqual([
      "docs/planted.md: #no-such (no heading with that anchor)",
      "docs/planted.md: missing.md (no docs/missing.md)",
      "docs/planted.md: contract.md#no-anchor (no heading with that anchor)",
    ]);
  });

  it.each(LINKED)("%s: every relative link resolves to a file and, with #, to one of its headings", (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  it("has a short README that links into every page of docs/", () => {
    const readme = pageText("README.md");
    expect(readme.split("\n").length).toBeLessThanOrEqual(250);
    const pages = DOC_PAGES.filter((page) => page.startsWith("docs/"));
    expect(pages.filter((page) => !readme.includes(`](${page}`))).toEqual([]);
  });

  it("shows a picture of a report that is small enough to keep in the repository", () => {
    expect(statSync(join(ROOT, "docs/report.png")).size).toBeLessThan(200_000);
  });
});

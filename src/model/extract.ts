import type { ExtractedHtml, FinishReason } from "./types.js";

/**
 * End-of-sequence tokens that chat templates leak into replies (`<|im_end|>`, `<|eot_id|>`,
 * DeepSeek's full-width `<｜end▁of▁sentence｜>`, Gemma's `<end_of_turn>`): a real decoder stops
 * there, so nothing after one belongs to the answer. None of them can be HTML.
 */
const SPECIAL_TOKEN = /<[|｜][^<>\n]{1,40}[|｜]>|<(?:end_of_turn|eos)>/;
/** `<s>` / `</s>`: LLaVA's end-of-sequence `</s>` is also the closing tag of HTML's strikethrough. */
const S_TAG = /<(\/?)s(?=[\s>/])[^>]*>/gi;
/** Where a document starts: a doctype or an `<html>` start tag. */
const DOCUMENT_START = /<!doctype\b|<html(?=[\s>/])/i;
/** A reply that is a document from its first character (after white space, a BOM and comments such as `<!-- saved from url -->`). */
const STARTS_AS_DOCUMENT = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\b|<html(?=[\s>/]))/i;
const DOCUMENT_END = /<\/html\s*>/gi;
/** A complete start tag: the least a reply must hold to count as HTML. */
const START_TAG = /<[A-Za-z][\w:-]*(?:\s[^<>]*)?\/?>/;
const FENCE_MARKER = /`{3,}/g;
/** What may follow an opening fence: a language (`html`, `HTML`, none) and the end of that line. */
const FENCE_INFO = /[ \t]*(?:[A-Za-z][\w+#.-]*)?[ \t]*(?:\r?\n)?/y;

/**
 * The extraction's version, part of what a continued run must share (a run's samples all come from
 * one rule): what it takes from the same reply decides every score of the sample.
 * 2: a reply that is a document is taken whole, whatever fences its own text holds (1 took a fenced
 * block found inside it).
 */
export const EXTRACTION_VERSION = 2;

interface Fence {
  content: string;
  closed: boolean;
}

/**
 * Pulls the HTML out of a model's reply: a reply that is a document is the document, whatever
 * fences its own text holds (a code sample on the page, a CSS comment about backticks); else the
 * best fenced block, else a bare document, else a fragment. `finishReason` "length" always marks
 * the result truncated.
 */
export function extractHtml(reply: string, finishReason?: FinishReason): ExtractedHtml {
  const text = cutAtStopToken(reply);
  const found = (STARTS_AS_DOCUMENT.test(text) ? fromDocument(text) : (fromFence(text) ?? fromDocument(text))) ?? fromFragment(text);
  const result = found ?? { html: "", truncated: false, source: "none" as const };
  return finishReason === "length" ? { ...result, truncated: true } : result;
}

function cutAtStopToken(text: string): string {
  let end = SPECIAL_TOKEN.exec(text)?.index ?? text.length;
  // A `</s>` that closes no open `<s>` is LLaVA's end of sequence, not strikethrough.
  let open = 0;
  for (const tag of text.slice(0, end).matchAll(S_TAG)) {
    if (tag[1] === "") open++;
    else if (open > 0) open--;
    else {
      end = tag.index;
      break;
    }
  }
  return text.slice(0, end);
}

function findFences(text: string): Fence[] {
  const fences: Fence[] = [];
  const marker = new RegExp(FENCE_MARKER);
  while (marker.exec(text)) {
    FENCE_INFO.lastIndex = marker.lastIndex;
    marker.lastIndex += FENCE_INFO.exec(text)?.[0].length ?? 0;
    const start = marker.lastIndex;
    const close = marker.exec(text);
    fences.push({ content: text.slice(start, close?.index), closed: close !== null });
    if (!close) break;
  }
  return fences;
}

/** Among fences that hold HTML, one with a whole document wins, then the longest, then the first. */
function fromFence(text: string): ExtractedHtml | undefined {
  let best: { fence: Fence; rank: [number, number] } | undefined;
  for (const fence of findFences(text)) {
    if (!START_TAG.test(fence.content)) continue;
    const rank: [number, number] = [DOCUMENT_START.test(fence.content) ? 1 : 0, fence.content.length];
    if (!best || rank[0] > best.rank[0] || (rank[0] === best.rank[0] && rank[1] > best.rank[1])) {
      best = { fence, rank };
    }
  }
  // A closed fence ends the page even without `</html>`: the model chose to stop there.
  return best && { html: best.fence.content.trim(), truncated: !best.fence.closed, source: "fence" };
}

function fromDocument(text: string): ExtractedHtml | undefined {
  const start = DOCUMENT_START.exec(text)?.index;
  if (start === undefined) return undefined;
  const last = [...text.slice(start).matchAll(DOCUMENT_END)].at(-1);
  if (!last) return { html: text.slice(start).trimEnd(), truncated: true, source: "document" };
  return { html: text.slice(start, start + last.index + last[0].length), truncated: false, source: "document" };
}

function fromFragment(text: string): ExtractedHtml | undefined {
  const start = START_TAG.exec(text)?.index;
  if (start === undefined) return undefined;
  return { html: text.slice(start, text.lastIndexOf(">") + 1), truncated: false, source: "fragment" };
}

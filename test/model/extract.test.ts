import { describe, expect, it } from "vitest";
import { extractHtml } from "../../src/model/extract.js";
import type { ExtractedHtml, FinishReason } from "../../src/model/types.js";

const DOC = '<!DOCTYPE html>\n<html lang="en">\n<head><title>Shop</title></head>\n<body><h1>Shop</h1></body>\n</html>';

interface Case {
  name: string;
  reply: string;
  finishReason?: FinishReason;
  expected: ExtractedHtml;
}

const cases: Case[] = [
  {
    name: "```html fence with prose around it",
    reply: `Here is the HTML for the screenshot:\n\n\`\`\`html\n${DOC}\n\`\`\`\n\nThe layout uses a single heading.`,
    expected: { html: DOC, truncated: false, source: "fence" },
  },
  {
    name: "fence with no language",
    reply: '```\n<div class="card">Hello</div>\n```',
    expected: { html: '<div class="card">Hello</div>', truncated: false, source: "fence" },
  },
  {
    name: "```HTML fence with CRLF line ends",
    reply: "Sure.\r\n```HTML\r\n<p>Hi</p>\r\n```\r\n",
    expected: { html: "<p>Hi</p>", truncated: false, source: "fence" },
  },
  {
    name: "closing fence right after </html>",
    reply: "```html\n<html><body>x</body></html>```",
    expected: { html: "<html><body>x</body></html>", truncated: false, source: "fence" },
  },
  {
    name: "a css fence (no tags) is passed over for the html one",
    reply: "```css\nbody { margin: 0; }\n```\nand the markup:\n```html\n<main>m</main>\n```",
    expected: { html: "<main>m</main>", truncated: false, source: "fence" },
  },
  {
    name: "of several fragment fences the longest wins",
    reply: "```html\n<b>x</b>\n```\nor better:\n```html\n<section><b>x</b></section>\n```",
    expected: { html: "<section><b>x</b></section>", truncated: false, source: "fence" },
  },
  {
    name: "a fence holding <html wins over a longer fragment fence",
    reply: "```html\n<html><body>a</body></html>\n```\n```html\n<div><p>a much longer fragment</p></div>\n```",
    expected: { html: "<html><body>a</body></html>", truncated: false, source: "fence" },
  },
  {
    name: "unclosed fence is kept whole and truncated",
    reply: "```html\n<!DOCTYPE html>\n<html><body><div>cut he",
    expected: { html: "<!DOCTYPE html>\n<html><body><div>cut he", truncated: true, source: "fence" },
  },
  {
    name: "bare document with prose before and after",
    reply: `Below is the code.\n${DOC}\nLet me know if you need changes.`,
    expected: { html: DOC, truncated: false, source: "document" },
  },
  {
    name: "a reply that is a document is taken whole, though its CSS and its page show fenced code",
    reply:
      "<!-- saved from url=(0031)https://docs.example.org/ -->\n<!DOCTYPE html>\n<html><head><style>pre code { padding: 0 } /* the ``` fence */</style></head>" +
      "<body><p>Write a block like this:</p><pre><code>```js\nconsole.log(1)\n```</code></pre><p>Done.</p></body></html>\n",
    expected: {
      html:
        "<!DOCTYPE html>\n<html><head><style>pre code { padding: 0 } /* the ``` fence */</style></head>" +
        "<body><p>Write a block like this:</p><pre><code>```js\nconsole.log(1)\n```</code></pre><p>Done.</p></body></html>",
      truncated: false,
      source: "document",
    },
  },
  {
    name: "a document cut short is still the document, not the text after a backtick fence inside it",
    reply: "<!DOCTYPE html><html><body><pre>```\n<b>sample</b>\n``` and then ``` <i>cut",
    expected: { html: "<!DOCTYPE html><html><body><pre>```\n<b>sample</b>\n``` and then ``` <i>cut", truncated: true, source: "document" },
  },
  {
    name: "prose that names <html> before the fenced answer: the fence wins",
    reply: "Here is the <html> page you asked for:\n```html\n<!DOCTYPE html><html><body>a</body></html>\n```",
    expected: { html: "<!DOCTYPE html><html><body>a</body></html>", truncated: false, source: "fence" },
  },
  {
    name: "lower-case doctype, </html> taken last",
    reply: "<!doctype html><html><body><pre></html></pre></body></html>\nNotes",
    expected: { html: "<!doctype html><html><body><pre></html></pre></body></html>", truncated: false, source: "document" },
  },
  {
    name: "<html> without a doctype",
    reply: 'Answer: <html lang="fr"><body>Bonjour</body></HTML> end',
    expected: { html: '<html lang="fr"><body>Bonjour</body></HTML>', truncated: false, source: "document" },
  },
  {
    name: "document with no </html> is kept whole and truncated",
    reply: "<!DOCTYPE html>\n<html><head><style>body{margin:0}\n  ",
    expected: { html: "<!DOCTYPE html>\n<html><head><style>body{margin:0}", truncated: true, source: "document" },
  },
  {
    name: "LLaVA's </s> after </html> is cut",
    reply: "<html><body>hi</body></html></s>",
    expected: { html: "<html><body>hi</body></html>", truncated: false, source: "document" },
  },
  {
    name: "a fragment keeps strikethrough </s> but drops the end-of-sequence </s>",
    reply: "<p>was <s>$10</s> now $5</p></s>",
    expected: { html: "<p>was <s>$10</s> now $5</p>", truncated: false, source: "fragment" },
  },
  {
    name: "chat-template junk after the fence",
    reply: "```html\n<p>a</p>\n```<|im_end|>\n<|im_start|>user\n```html\n<div>not the answer, longer</div>\n```",
    expected: { html: "<p>a</p>", truncated: false, source: "fence" },
  },
  {
    name: "<|eot_id|> after a document",
    reply: "<html><body>x</body></html>\n<|eot_id|><|start_header_id|>assistant",
    expected: { html: "<html><body>x</body></html>", truncated: false, source: "document" },
  },
  {
    name: "fragment between prose",
    reply: 'The page is: <div class="hero"><h1>Title</h1></div>. Hope this helps!',
    expected: { html: '<div class="hero"><h1>Title</h1></div>', truncated: false, source: "fragment" },
  },
  {
    name: 'finish reason "length" marks a complete page truncated',
    reply: DOC,
    finishReason: "length",
    expected: { html: DOC, truncated: true, source: "document" },
  },
  {
    name: "no HTML at all",
    reply: "I'm sorry, I cannot see the image. Use a < b comparisons.",
    expected: { html: "", truncated: false, source: "none" },
  },
  {
    name: "empty reply cut by the token limit",
    reply: "",
    finishReason: "length",
    expected: { html: "", truncated: true, source: "none" },
  },
];

describe("extractHtml", () => {
  it.each(cases)("$name", ({ reply, finishReason, expected }) => {
    expect(extractHtml(reply, finishReason)).toEqual(expected);
  });
});

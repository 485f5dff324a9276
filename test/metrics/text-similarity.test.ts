import { describe, expect, it } from "vitest";
import { textSimilarity, words } from "../../src/metrics/text-similarity.js";
import { page, score as scoreWith } from "./helpers.js";

const score = (pred: string, ref: string) => scoreWith(textSimilarity, page(pred), page(ref));

describe("words", () => {
  it("splits on whitespace and punctuation, lower-cased", () => {
    expect(words("Hello, world! It's 2024-05.")).toEqual(["hello", "world", "it", "s", "2024", "05"]);
  });
  it("applies NFKC: full-width forms and ligatures", () => {
    expect(words("ＡＢＣ １２ ﬁle")).toEqual(["abc", "12", "file"]);
  });
  it("makes each Han, Hiragana, Katakana and Hangul character a word", () => {
    expect(words("你好,世界")).toEqual(["你", "好", "世", "界"]);
    expect(words("abc漢字def")).toEqual(["abc", "漢", "字", "def"]);
    expect(words("ひらがなカタ한국")).toEqual(["ひ", "ら", "が", "な", "カ", "タ", "한", "국"]);
  });
  it("keeps combining marks with their letters", () => {
    expect(words("हिन्दी भाषा")).toEqual(["हिन्दी", "भाषा"]);
  });
});

describe("text_similarity", () => {
  it("is 1 for identical pages", async () => {
    expect(await score("<h1>Title</h1><p>Some text.</p>", "<h1>Title</h1><p>Some text.</p>")).toBe(1);
  });
  it("ignores punctuation and case: 2 * 2 / (3 + 2)", async () => {
    expect(await score("<p>Hello, world! Hello.</p>", "<p>hello world</p>")).toBe(0.8);
  });
  it("intersects multisets: a a b against a b b gives 2 * 2 / 6", async () => {
    expect(await score("<p>a a b</p>", "<p>a b b</p>")).toBeCloseTo(2 / 3, 12);
  });
  it("ignores word order", async () => {
    expect(await score("<p>b c a</p>", "<p>a b c</p>")).toBe(1);
  });
  it("scores CJK text character by character: 2 * 2 / (2 + 4)", async () => {
    expect(await score("<p>你好</p>", "<p>你好世界</p>")).toBeCloseTo(2 / 3, 12);
  });
  it("reads visible text only", async () => {
    expect(await score("<title>x</title><script>y</script><p>z</p>", "<p>z</p>")).toBe(1);
  });
  it("is 1 when both are empty and 0 when one is", async () => {
    expect(await score("<p>,.;</p>", "")).toBe(1);
    expect(await score("", "<p>word</p>")).toBe(0);
    expect(await score("<p>word</p>", "")).toBe(0);
  });
});

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_RUBRIC, loadRubric, RubricError } from "../../src/judge/rubric.js";
import { BadInputError } from "../../src/shared/index.js";
import { tempDir } from "../helpers/dataset.js";

const QUESTIONS = Array.from({ length: 10 }, (_, i) => `${i + 1}. Question ${i + 1}?`).join("\n");

describe("loadRubric", () => {
  const dir = tempDir("w2c-rubric-");
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it("loads the package's rubric: Web2Code's four groups, ten questions, hashed by its bytes", () => {
    const rubric = loadRubric();
    const bytes = readFileSync(BUILTIN_RUBRIC);
    expect(rubric.source).toBe("builtin");
    expect(rubric.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(rubric.text).toBe(bytes.toString("utf8").trim());
    for (const heading of [
      "## Visual structure and alignment",
      "## Colour and aesthetic design",
      "## Text and content",
      "## User interface",
    ])
      expect(rubric.text).toContain(heading);
    expect(rubric.text).toMatch(/^10\. Controls: /m);
    expect(rubric.text).toContain("Give 10 only when the two screenshots are identical in that respect.");
  });

  it("takes a file of the user's with questions numbered 1) to 10), without its byte order mark", () => {
    const text = `Compare the pages.\n${QUESTIONS.replace(/\. /g, ") ")}\n`;
    const path = file("mine.md", `\uFEFF${text}`);
    expect(loadRubric(path)).toEqual({
      text: text.trim(),
      sha256: createHash("sha256").update(`\uFEFF${text}`).digest("hex"),
      source: path,
    });
  });

  it.each([
    ["a missing file", () => join(dir, "none.md"), /none\.md: cannot read rubric \(ENOENT\)$/],
    [
      "a folder",
      () => {
        mkdirSync(join(dir, "folder"), { recursive: true });
        return join(dir, "folder");
      },
      /folder: rubric is not a file$/,
    ],
    [
      "bytes that are not UTF-8",
      () => file("latin1.md", Buffer.from([0x31, 0x2e, 0x20, 0xe9])),
      /latin1\.md: the rubric is not UTF-8 text$/,
    ],
    [
      "an empty file",
      () => file("empty.md", ""),
      /empty\.md: a rubric must number its 10 questions 1\. to 10\. in order, one per line; found no numbered lines$/,
    ],
    [
      "nine questions",
      () => file("nine.md", QUESTIONS.split("\n").slice(0, 9).join("\n")),
      /nine\.md: .*; found 1, 2, 3, 4, 5, 6, 7, 8, 9$/,
    ],
    [
      "questions out of order",
      () => file("order.md", QUESTIONS.replace("2. ", "3. ")),
      /order\.md: .*; found 1, 3, 3, 4, 5, 6, 7, 8, 9, 10$/,
    ],
    [
      "a huge file",
      () => file("huge.md", `${QUESTIONS}\n${"x".repeat(70_000)}`),
      /huge\.md: a rubric of 70\d{3} bytes is over the limit of 65536$/,
    ],
  ])("refuses %s with a one-line bad-input error naming the file", (_what, make, message) => {
    const path = make();
    let thrown: unknown;
    try {
      loadRubric(path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RubricError);
    expect(thrown).toBeInstanceOf(BadInputError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message.startsWith(path)).toBe(true);
    expect((thrown as Error).message).not.toContain("\n");
  });
});

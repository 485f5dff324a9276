import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findTask, TASK_DESCRIPTORS, TASKS } from "../../src/shared/tasks.js";

describe("TASK_DESCRIPTORS", () => {
  const parts = { instruction: "Write the page.", description: "A red page.", question: "Is it red?" };

  it("lists the tasks in the order help and errors name them", () => {
    expect(TASKS).toEqual(["image2html", "text2html", "qa", "interaction"]);
  });

  it("builds each task's prompt from its own part; only image2html takes a profile's instruction", () => {
    expect(TASK_DESCRIPTORS.image2html.prompt(parts)).toBe("Write the page.");
    expect(TASK_DESCRIPTORS.image2html.prompt(parts, "Profile's own.")).toBe("Profile's own.");
    expect(TASK_DESCRIPTORS.text2html.prompt(parts, "Profile's own.")).toBe("A red page.");
    expect(TASK_DESCRIPTORS.qa.prompt(parts, "Profile's own.")).toBe("Is it red?");
  });

  it("says what each model returns, sees and renders", () => {
    const facts = TASKS.map((task) => {
      const { output, seesImage, drawsFromScreenshot, defaultMaxTokens } = TASK_DESCRIPTORS[task];
      return [task, output.kind, output.extension, output.rendered, seesImage, drawsFromScreenshot, defaultMaxTokens];
    });
    expect(facts).toEqual([
      ["image2html", "page", "html", true, true, true, undefined],
      ["text2html", "page", "html", true, false, false, undefined],
      ["qa", "answer", "txt", false, true, false, 512],
      ["interaction", "page", "html", true, true, true, undefined],
    ]);
    expect(TASK_DESCRIPTORS.qa.output.empty).toBe("");
    expect(TASK_DESCRIPTORS.text2html.output.empty).toBe("<!DOCTYPE html><html><head></head><body></body></html>");
  });

  it("finds a results.json's task by its id, and no task this version does not know", () => {
    expect(findTask("text2html")?.screenshotCaption.title).toBe("The dataset's screenshot");
    expect(findTask("interactions")).toBeUndefined();
  });
});

describe("the source", () => {
  const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
    );
  /** A branch on a task kind compares a task with a task's name; two runs' tasks compared for equality are no branch. */
  const BRANCH = /\btask\s*[!=]==?\s*["'`]/;

  it("the pattern finds a branch on a task's name, not an equality of two tasks", () => {
    expect(['if (request.task === "qa")', "options.task !== 'image2html'", "b.task !== a.task"].map((line) => BRANCH.test(line))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("branches on no task's name outside the descriptors (src/shared/tasks.ts): a task's behaviour is its descriptor's", () => {
    const branching = files(SRC)
      .filter((file) => BRANCH.test(readFileSync(file, "utf8")))
      .map((file) => relative(SRC, file).split("\\").join("/"));
    expect(branching).toEqual([]);
  });
});

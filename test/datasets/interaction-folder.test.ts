import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DatasetError, DatasetProblems, importDataset, loadDataset, requireTask } from "../../src/datasets/index.js";
import { tempDir, whitePng } from "../helpers/dataset.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/interaction/", import.meta.url));
const fixture = (...path: string[]) => readFileSync(join(FIXTURES, ...path));

/** A copy of the fixture pages to break. */
function copyFixtures(): string {
  const root = tempDir();
  cpSync(FIXTURES, root, { recursive: true });
  return root;
}

describe("loadDataset (Interaction2Code folders)", () => {
  it("reads one sample per page folder, in number order, with its interactions", async () => {
    const dataset = await loadDataset(FIXTURES);
    expect(dataset.format).toBe("interaction2code");
    expect(dataset.tasks).toEqual(["interaction"]);
    expect(dataset.viewport).toEqual({ width: 1280, height: 720 });
    expect(dataset.warnings).toEqual([]);
    expect(dataset.samples.map((sample) => sample.id)).toEqual(["1", "2", "10"]);
    const summary = dataset.samples.map((sample) =>
      sample.interactions!.map(({ index, action, text, tagTypes, visualTypes, before, after }) => ({ index, action, text, tagTypes, visualTypes, before, after })),
    );
    expect(summary).toEqual([
      [
        { index: 1, action: "click", text: undefined, tagTypes: ["button"], visualTypes: ["color", "text"], before: "0", after: "1" },
        { index: 2, action: "type", text: "web2code", tagTypes: ["input"], visualTypes: ["text"], before: "2", after: "3" },
      ],
      [
        { index: 1, action: "click", text: undefined, tagTypes: ["button"], visualTypes: ["switch", "text", "color"], before: "0", after: "1" },
        { index: 2, action: "click", text: undefined, tagTypes: ["button"], visualTypes: ["switch", "text", "color"], before: "2", after: "3" },
      ],
      [
        { index: 1, action: "hover", text: undefined, tagTypes: ["span"], visualTypes: ["new component", "text"], before: "0", after: "1" },
        { index: 2, action: "select", text: undefined, tagTypes: ["select", "option"], visualTypes: ["text"], before: "2", after: "3" },
      ],
    ]);
    const first = dataset.samples[0]!.interactions![0]!;
    expect(first.actionText).toBe('click the "Switch off" button');
    expect(first.description).toBe('after clicking the "Switch off" button, the blue panel turns dark grey and the button reads "Switch on"');
  });

  it("reads each state, the marked state and the reference page from its own file", async () => {
    const dataset = await loadDataset(FIXTURES);
    const sample = dataset.samples[2]!;
    const second = sample.interactions![1]!;
    expect(await second.readBefore()).toEqual(fixture("10", "2.png"));
    expect(await second.readAfter()).toEqual(fixture("10", "3.png"));
    expect(await second.readMarkedBefore!()).toEqual(fixture("10", "2_mark.png"));
    // The fixtures mark the states before only.
    expect(second.readMarkedAfter).toBeUndefined();
    expect(await sample.readImage()).toEqual(fixture("10", "0.png"));
    expect(await sample.readHtml!()).toBe(fixture("10", "index.html").toString("utf8"));
    expect(sample.pagePath).toBe("10/index.html");
    expect(dataset.assetRoot).toBe(FIXTURES.replace(/\/$/, ""));
    // Every state, mark and reference page is withheld from the pages: 3 pages x (4 states + 2 marks + index.html).
    expect(dataset.withheldFiles).toHaveLength(21);
    expect(dataset.withheldFiles).toContain(join(FIXTURES, "2", "0_mark.png"));
    expect(dataset.withheldFiles).toContain(join(FIXTURES, "1", "index.html"));
  });

  it("reads a page without index.html or marks (the published form), and a viewport from dataset.json", async () => {
    const root = copyFixtures();
    rmSync(join(root, "2", "index.html"));
    rmSync(join(root, "2", "0_mark.png"));
    writeFileSync(join(root, "dataset.json"), JSON.stringify({ viewport: { width: 800, height: 600 } }));
    const dataset = await loadDataset(root);
    expect(dataset.viewport).toEqual({ width: 800, height: 600 });
    const sample = dataset.samples[1]!;
    expect(sample.readHtml).toBeUndefined();
    expect(sample.interactions![0]!.readMarkedBefore).toBeUndefined();
    expect(sample.interactions![1]!.readMarkedBefore).toBeDefined();
  });

  it("ignores dot files, and changes its fingerprint when a state changes", async () => {
    const root = copyFixtures();
    const before = (await loadDataset(root)).fingerprint;
    writeFileSync(join(root, "1", ".action.json.swp"), "editor state");
    mkdirSync(join(root, ".cache"));
    expect((await loadDataset(root)).fingerprint).toBe(before);
    writeFileSync(join(root, "1", "3.png"), whitePng());
    expect((await loadDataset(root)).fingerprint).not.toBe(before);
  });

  it("reports every problem of every page at once, one line each naming the file", async () => {
    const root = copyFixtures();
    writeFileSync(join(root, "1", "action.json"), "{");
    const two = JSON.parse(readFileSync(join(root, "2", "action.json"), "utf8")) as Record<string, Record<string, unknown>>;
    two["1"]!["tag type"] = "button";
    two["2"]!.dst = "7";
    writeFileSync(join(root, "2", "action.json"), JSON.stringify(two));
    const ten = JSON.parse(readFileSync(join(root, "10", "action.json"), "utf8")) as Record<string, unknown>;
    ten["3"] = ten["2"];
    ten["4x"] = ten["2"];
    delete ten["2"];
    writeFileSync(join(root, "10", "action.json"), JSON.stringify(ten));
    writeFileSync(join(root, "10", "0.png"), "GIF89a");
    mkdirSync(join(root, "11"));
    writeFileSync(join(root, "11", "action.json"), "{}");
    mkdirSync(join(root, "13"));
    writeFileSync(join(root, "13", "action.json"), "[]");
    mkdirSync(join(root, "12"));
    writeFileSync(join(root, "12", "action.json"), JSON.stringify({ link: 3, 1: { src: "a", dst: "1", action: "click", "tag type": [], "visual type": [""] } }));
    const error = await loadDataset(root).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DatasetProblems);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetProblems).problems).toEqual([
      expect.stringMatching(new RegExp(`^${root}/1/action\\.json: not valid JSON \\(.+\\)$`)),
      `${root}/2/action.json: field 1.tag type: Invalid input: expected array, received string`,
      `${root}/2/action.json: field 2.dst: state "7": no image ${root}/2/7.png`,
      `${root}/10/action.json: key "4x" is neither link, topic, framework nor an interaction number (1, 2, ...)`,
      `${root}/10/action.json: field 1.src: state "0": ${root}/10/0.png: not a PNG file`,
      `${root}/10/action.json: no interaction 2 (interactions are numbered 1 to 3 without gaps)`,
      `${root}/11/action.json: no interactions (entries "1", "2", ...)`,
      `${root}/12/action.json: field link: Invalid input: expected string, received number`,
      `${root}/12/action.json: field 1.src: a state number, e.g. "0"`,
      `${root}/12/action.json: field 1.description: Invalid input: expected string, received undefined`,
      `${root}/13/action.json: not a JSON object (link, topic, framework and the interactions "1", "2", ...)`,
    ]);
  });
});

describe("detection of an Interaction2Code folder", () => {
  it("claims no web2code or Design2Code folder, even one with subfolders", async () => {
    expect((await loadDataset("mini")).format).toBe("web2code");
    const root = tempDir();
    writeFileSync(join(root, "a.html"), "<p>a</p>");
    writeFileSync(join(root, "a.png"), whitePng());
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "assets", "logo.png"), whitePng());
    expect((await loadDataset(root)).format).toBe("design2code");
  });

  it("says which folders hold no action.json", async () => {
    const root = copyFixtures();
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "assets", "logo.png"), whitePng());
    expect((await loadDataset(root)).warnings).toEqual([`${root}: 1 folder without action.json, so no page (files served as assets): assets`]);
  });

  it("is not imported: dataset.json has no place for interactions", async () => {
    const dataset = await loadDataset(FIXTURES);
    const out = join(tempDir(), "imported");
    await expect(importDataset(dataset, out)).rejects.toThrow(
      `${FIXTURES.replace(/\/$/, "")}: an interaction dataset (interaction2code) cannot be imported; use it where it lies`,
    );
  });

  it("serves --task interaction only", async () => {
    const dataset = await loadDataset(FIXTURES);
    expect(() => requireTask(dataset, "image2html")).toThrow(
      `dataset interaction (${FIXTURES.replace(/\/$/, "")}): sample "1" is an interaction page, which only --task interaction drives; the dataset serves --task interaction`,
    );
  });
});

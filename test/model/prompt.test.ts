import { describe, expect, it } from "vitest";
import { PROFILES } from "../../src/model/profiles.js";
import { prepareRequest } from "../../src/model/prompt.js";
import { request } from "./backends/request.js";

describe("prepareRequest", () => {
  const image = Buffer.from("png");

  it("sends the screenshot with the profile's instruction, its default sampling overlaid by the spec's", () => {
    const prepared = prepareRequest(PROFILES["crystalchat-web2code"]!, request({ image, sampling: { seed: 7, max_tokens: 3000 } }));
    expect(prepared).toEqual({
      prompt: "Please generate html code for the given image",
      images: [image],
      sampling: { temperature: 0.2, seed: 7, max_tokens: 1400 },
      stop: ["</s>"],
      clampedFrom: 3000,
    });
  });

  it("uses the dataset's instruction when the profile has none", () => {
    expect(prepareRequest(PROFILES.server!, request({ image })).prompt).toBe("Write the HTML of this page.");
  });

  it("gives the description and no image on text2html", () => {
    const prepared = prepareRequest(
      PROFILES.chatml!,
      request({ task: "text2html", image, description: "A red pricing page", sampling: { temperature: 0.7 } }),
    );
    expect(prepared).toEqual({
      prompt: "A red pricing page",
      images: [],
      sampling: { temperature: 0.7, max_tokens: 4096 },
      stop: ["<|im_end|>"],
    });
  });
});

describe("prepareRequest on task interaction", () => {
  it("sends every screenshot in order, with the task's own prompt, and budgets an answer after all of them", () => {
    const shots = [Buffer.from("b1"), Buffer.from("a1"), Buffer.from("b2"), Buffer.from("a2")];
    const prepared = prepareRequest(
      PROFILES["llava-v1.5"]!,
      request({
        task: "interaction",
        image: shots[0]!,
        images: shots,
        interactions: [
          { index: 1, actionText: "click the menu", description: "a list opens." },
          { index: 2, actionText: "hover\nthe logo", description: "it turns red" },
        ],
        interactionView: "mark",
      }),
    );
    expect(prepared.images).toEqual(shots);
    // 4096 positions, 4 images of 576 and 128 kept for the prompt leave 1664.
    expect(prepared.sampling.max_tokens).toBe(1664);
    expect(prepared.prompt).toBe(
      [
        "You are given screenshots of one webpage, two for each interaction: the page before it and after it. In each pair, a red box marks the element acted on (first screenshot) and what changed (second); the boxes are marks, not part of the page.",
        "Write the webpage as one HTML file (CSS and JavaScript inside it) that looks like the first screenshot and behaves as each pair shows:",
        '- Screenshots 1 and 2, interaction 1: click the menu. a list opens. Give the element acted on id="interact1".',
        '- Screenshots 3 and 4, interaction 2: hover the logo. it turns red. Give the element acted on id="interact2".',
        "Use the exact text of the screenshots. Use no external files. Reply with the HTML file only, from <!DOCTYPE html> to </html>.",
      ].join("\n"),
    );
  });
});

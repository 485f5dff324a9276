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
      image,
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
      image: null,
      sampling: { temperature: 0.7, max_tokens: 4096 },
      stop: ["<|im_end|>"],
    });
  });
});

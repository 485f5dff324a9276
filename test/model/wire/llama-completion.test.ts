import { describe, expect, it } from "vitest";
import { PROFILES } from "../../../src/model/profiles.js";
import type { PreparedRequest } from "../../../src/model/prompt.js";
import { completionBody, completionReply } from "../../../src/model/wire/llama-completion.js";

const prepared: PreparedRequest = {
  prompt: "Please generate html code for the given image",
  images: [Buffer.from([1, 2, 3])],
  sampling: { temperature: 0.2, max_tokens: 1400 },
  stop: ["</s>"],
};

describe("completionBody", () => {
  it("sends the profile's exact prompt with the image at llama.cpp's media marker", () => {
    expect(completionBody(PROFILES["crystalchat-web2code"]!.template!, prepared, { top_k: 1 })).toEqual({
      prompt: {
        prompt_string:
          "A chat between a curious user and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the user's questions. USER: <__media__>\nPlease generate html code for the given image ASSISTANT:",
        multimodal_data: ["AQID"],
      },
      n_predict: 1400,
      temperature: 0.2,
      stop: ["</s>"],
      cache_prompt: true,
      top_k: 1,
    });
  });

  it("marks each of several images on a line of its own, in order", () => {
    const body = completionBody(
      "USER: {image}{prompt} ASSISTANT:",
      { ...prepared, images: [Buffer.from([1]), Buffer.from([2])], prompt: "Two" },
      {},
    );
    expect(body.prompt).toEqual({ prompt_string: "USER: <__media__>\n<__media__>\nTwo ASSISTANT:", multimodal_data: ["AQ==", "Ag=="] });
  });

  it("sends a plain prompt string when there is no image", () => {
    const body = completionBody("USER: {image}{prompt} ASSISTANT:", { ...prepared, images: [], prompt: "A red page" }, {});
    expect(body.prompt).toBe("USER: A red page ASSISTANT:");
  });
});

describe("completionReply", () => {
  it("reads llama-server's counts, timings and a stop at the limit", () => {
    const body = {
      content: "<html>",
      stop_type: "limit",
      tokens_evaluated: 650,
      tokens_predicted: 1400,
      timings: { predicted_per_second: 31.25, predicted_ms: 44800 },
    };
    expect(completionReply(body, prepared, 50_000)).toEqual({
      ok: true,
      text: "<html>",
      finishReason: "length",
      usage: { prompt: 650, completion: 1400 },
      tokensPerSecond: 31.25,
      timings: { predicted_per_second: 31.25, predicted_ms: 44800 },
      requestMs: 50_000,
      maxTokens: 1400,
    });
  });

  it("treats an end-of-sequence or stop word as a finished page", () => {
    expect(completionReply({ content: "<p>x</p>", stop_type: "eos" }, prepared, 10)).toMatchObject({ ok: true, finishReason: "stop" });
    expect(completionReply({ content: 3 }, prepared, 10)).toMatchObject({ ok: false, status: "generation_error" });
  });
});

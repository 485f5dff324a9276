import { describe, expect, it } from "vitest";
import type { PreparedRequest } from "../../../src/model/prompt.js";
import { chatBody, chatReply } from "../../../src/model/wire/openai-chat.js";

const prepared: PreparedRequest = {
  prompt: "Please generate html code for the given image",
  image: Buffer.from([1, 2, 3]),
  sampling: { temperature: 0, seed: 1, max_tokens: 1400 },
  stop: ["</s>"],
  clampedFrom: 4096,
};

describe("chatBody", () => {
  it("puts the screenshot as a data-URI part before the text, with sampling, stop and extra fields", () => {
    expect(chatBody("crystalchat", prepared, { top_k: 1 })).toEqual({
      model: "crystalchat",
      messages: [
        {
          role: "user",
          content: [
            { type: "image_url", image_url: { url: "data:image/png;base64,AQID" } },
            { type: "text", text: "Please generate html code for the given image" },
          ],
        },
      ],
      temperature: 0,
      seed: 1,
      max_tokens: 1400,
      stop: ["</s>"],
      top_k: 1,
    });
  });

  it("sends plain text and no stop field when there is no image and no stop string", () => {
    expect(chatBody("m", { ...prepared, image: null, stop: [] }, {})).toEqual({
      model: "m",
      messages: [{ role: "user", content: "Please generate html code for the given image" }],
      temperature: 0,
      seed: 1,
      max_tokens: 1400,
    });
  });
});

describe("chatReply", () => {
  it("keeps usage, the server's timings and speed, and the clamp", () => {
    const body = {
      choices: [{ message: { content: "<html></html>" }, finish_reason: "length" }],
      usage: { prompt_tokens: 640, completion_tokens: 1400 },
      timings: { prompt_n: 640, prompt_ms: 120.5, predicted_n: 1400, predicted_ms: 7000, predicted_per_second: 200, note: "x" },
    };
    expect(chatReply(body, prepared, 8000)).toEqual({
      ok: true,
      text: "<html></html>",
      finishReason: "length",
      usage: { prompt: 640, completion: 1400 },
      tokensPerSecond: 200,
      timings: { prompt_n: 640, prompt_ms: 120.5, predicted_n: 1400, predicted_ms: 7000, predicted_per_second: 200 },
      requestMs: 8000,
      maxTokens: 1400,
      clampedFrom: 4096,
    });
  });

  it("works out tokens per second from the wall time when the server reports no timings", () => {
    const body = {
      choices: [
        {
          message: {
            content: [
              { type: "text", text: "<p>" },
              { type: "text", text: "hi</p>" },
            ],
          },
          finish_reason: "stop",
        },
      ],
      usage: { completion_tokens: 50 },
    };
    expect(chatReply(body, { ...prepared, clampedFrom: undefined }, 2000)).toEqual({
      ok: true,
      text: "<p>hi</p>",
      finishReason: "stop",
      usage: { completion: 50 },
      tokensPerSecond: 25,
      requestMs: 2000,
      maxTokens: 1400,
    });
  });

  it("turns a reply of the wrong shape into a generation error", () => {
    expect(chatReply({ choices: [] }, prepared, 1)).toEqual({
      ok: false,
      status: "generation_error",
      error: "unexpected chat-completions reply: Too small: expected array to have >=1 items",
    });
  });
});

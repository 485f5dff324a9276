import { describe, expect, it } from "vitest";
import type { PreparedRequest } from "../../../src/model/prompt.js";
import { chatBody, chatPrepared, chatReply, messagesBody } from "../../../src/model/wire/openai-chat.js";

const prepared: PreparedRequest = {
  prompt: "Please generate html code for the given image",
  images: [Buffer.from([1, 2, 3])],
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
    expect(chatBody("m", { ...prepared, images: [], stop: [] }, {})).toEqual({
      model: "m",
      messages: [{ role: "user", content: "Please generate html code for the given image" }],
      temperature: 0,
      seed: 1,
      max_tokens: 1400,
    });
  });
});

describe("messagesBody", () => {
  it("sends the messages in order, each image as a data URI of its own media type; the request's fields win over the spec's", () => {
    const request = {
      messages: [
        { role: "system" as const, content: "Be brief." },
        {
          role: "user" as const,
          content: [
            { type: "text" as const, text: "Compare:" },
            { type: "image" as const, data: Buffer.from([1, 2, 3]), mediaType: "image/png" as const },
            { type: "image" as const, data: Buffer.from([4, 5, 6]), mediaType: "image/jpeg" as const },
          ],
        },
        { role: "assistant" as const, content: "7" },
      ],
      sampling: { temperature: 0, max_tokens: 300 },
      body: { response_format: { type: "json_object" } },
      deadline: 0,
    };
    expect(messagesBody("judge", request, ["</s>"], { top_k: 1, response_format: { type: "text" } })).toEqual({
      model: "judge",
      messages: [
        { role: "system", content: "Be brief." },
        {
          role: "user",
          content: [
            { type: "text", text: "Compare:" },
            { type: "image_url", image_url: { url: "data:image/png;base64,AQID" } },
            { type: "image_url", image_url: { url: "data:image/jpeg;base64,BAUG" } },
          ],
        },
        { role: "assistant", content: "7" },
      ],
      temperature: 0,
      max_tokens: 300,
      stop: ["</s>"],
      top_k: 1,
      response_format: { type: "json_object" },
    });
    expect(chatPrepared(request, [])).toEqual({ prompt: "", images: [], sampling: { temperature: 0, max_tokens: 300 }, stop: [] });
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

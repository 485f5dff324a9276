import { afterEach, describe, expect, it, vi } from "vitest";
import { json, startServer } from "../../helpers/http-server.js";
import { CONTEXT, createModel, request } from "./request.js";

const signal = new AbortController().signal;

describe("openai backend", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("posts chat completions with the key from the environment and returns the reply with its usage", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    const server = await startServer((_request, response) =>
      json(response, 200, {
        choices: [{ message: { content: "```html\n<p>hi</p>\n```" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 9, completion_tokens: 4 },
      }),
    );
    try {
      const backend = await createModel(
        `openai:crystalchat@${server.url}/v1/?profile=crystalchat-web2code&max_tokens=3000&body.repetition_penalty=1.1`,
        CONTEXT,
      );
      // The runner copies the spec's sampling into every request.
      const reply = await backend.generate(request({ image: Buffer.from("png"), sampling: backend.sampling }), signal);
      expect(reply).toMatchObject({
        ok: true,
        text: "```html\n<p>hi</p>\n```",
        finishReason: "stop",
        usage: { prompt: 9, completion: 4 },
        maxTokens: 1400,
        clampedFrom: 3000,
      });
      const [seen] = server.seen;
      expect(seen?.url).toBe("/v1/chat/completions");
      expect(seen?.headers.authorization).toBe("Bearer sk-test");
      expect(JSON.parse(seen!.body)).toEqual({
        model: "crystalchat",
        messages: [
          {
            role: "user",
            content: [
              { type: "image_url", image_url: { url: `data:image/png;base64,${Buffer.from("png").toString("base64")}` } },
              { type: "text", text: "Please generate html code for the given image" },
            ],
          },
        ],
        temperature: 0.2,
        max_tokens: 1400,
        stop: ["</s>"],
        repetition_penalty: 1.1,
      });
    } finally {
      await server.close();
    }
  });

  it("sends no authorization header when no key is set", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const server = await startServer((_request, response) => json(response, 200, { choices: [{ message: { content: "<p>x</p>" } }] }));
    try {
      await (await createModel(`openai:m@${server.url}`, CONTEXT)).generate(request(), signal);
      expect(server.seen[0]?.headers.authorization).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it("chat() sends given messages with several images through the same endpoint, key, spec fields and stop strings", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    const server = await startServer((_request, response) =>
      json(response, 200, {
        choices: [{ message: { content: "7, 7" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 900, completion_tokens: 5 },
      }),
    );
    try {
      const backend = await createModel(`openai:judge@${server.url}/v1?profile=crystalchat-web2code&body.top_k=1`, CONTEXT);
      const image = (bytes: number[], mediaType: "image/png" | "image/webp") => ({
        type: "image" as const,
        data: Buffer.from(bytes),
        mediaType,
      });
      const reply = await backend.chat!(
        {
          messages: [{ role: "user", content: [{ type: "text", text: "Compare." }, image([1], "image/png"), image([2], "image/webp")] }],
          sampling: { temperature: 0, max_tokens: 300 },
          body: { response_format: { type: "json_object" } },
          deadline: Date.now() + 10_000,
        },
        signal,
      );
      expect(reply).toMatchObject({ ok: true, text: "7, 7", finishReason: "stop", usage: { prompt: 900, completion: 5 }, maxTokens: 300 });
      const [seen] = server.seen;
      expect(seen?.url).toBe("/v1/chat/completions");
      expect(seen?.headers.authorization).toBe("Bearer sk-test");
      // No instruction, template or answer-budget clamp of the profile: the messages go as given.
      expect(JSON.parse(seen!.body)).toEqual({
        model: "judge",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "Compare." },
              { type: "image_url", image_url: { url: "data:image/png;base64,AQ==" } },
              { type: "image_url", image_url: { url: "data:image/webp;base64,Ag==" } },
            ],
          },
        ],
        temperature: 0,
        max_tokens: 300,
        stop: ["</s>"],
        top_k: 1,
        response_format: { type: "json_object" },
      });
    } finally {
      await server.close();
    }
  });
});

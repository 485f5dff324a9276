import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { createJudge, JudgeSpecError, type JudgeCache, type JudgeOptions } from "../../src/judge/judge.js";
import { SCORES_SCHEMA } from "../../src/judge/request.js";
import { loadRubric } from "../../src/judge/rubric.js";
import { json, startServer, type SeenRequest } from "../helpers/http-server.js";

const signal = new AbortController().signal;
const CACHE_ROOT = join(tmpdir(), "w2c-test-cache");
const SCORES = [9, 8, 7, 6, 9, 7, 8, 9, 10, 6];
// Structure (9+8+7+6)/4 = 7.5, colour 8, text 9, interface 6; overall 30.5/4 = 7.625.
const EXPECTED = { wcgb_structure: 7.5, wcgb_color: 8, wcgb_text: 9, wcgb_ui: 6, wcgb_overall: 7.625 };
const AS_JSON = JSON.stringify(Object.fromEntries(SCORES.map((score, i) => [`q${i + 1}`, score])));
const AS_LIST = SCORES.join(", ");

function png(shade: number): Buffer {
  const image = new PNG({ width: 4, height: 3 });
  image.data.fill(shade);
  return PNG.sync.write(image);
}

function answer(response: ServerResponse, content: string, finish = "stop"): void {
  json(response, 200, {
    choices: [{ message: { content }, finish_reason: finish }],
    usage: { prompt_tokens: 1200, completion_tokens: 40 },
  });
}

function body(request: SeenRequest | undefined): {
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string; image_url?: { url: string } }> }>;
  [field: string]: unknown;
} {
  return JSON.parse(request!.body);
}

/** The data URIs of a request's images, in the order sent. */
function imageUrls(request: SeenRequest | undefined): string[] {
  const content = body(request).messages[0]!.content;
  return Array.isArray(content) ? content.flatMap((part) => (part.image_url ? [part.image_url.url] : [])) : [];
}

const uri = (bytes: Buffer, type = "image/png") => `data:${type};base64,${bytes.toString("base64")}`;

class MemoryCache implements JudgeCache {
  readonly entries = new Map<string, string>();
  get = (key: string) => this.entries.get(key);
  put = (key: string, entry: string) => void this.entries.set(key, entry);
}

describe("judge against a scripted OpenAI-compatible server", () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function serve(handle: (request: SeenRequest, response: ServerResponse, index: number) => void) {
    const server = await startServer(handle);
    servers.push(server);
    return server;
  }

  async function opened(url: string, options: Partial<JudgeOptions> = {}, query = "") {
    const judge = await createJudge({ spec: `openai:judge@${url}/v1${query}`, cacheRoot: CACHE_ROOT, ...options });
    await judge.open({ logDir: tmpdir(), signal });
    return judge;
  }

  it("sends the rubric, the reference, then the render, asks for the JSON schema, and scores a good reply", async () => {
    const server = await serve((_request, response) => answer(response, AS_JSON));
    const judge = await opened(server.url);
    const reference = png(10);
    const prediction = await sharp(png(200)).jpeg().toBuffer();
    const result = await judge.judgeSample({ sampleId: "s1", reference, prediction }, signal);

    expect(result).toEqual({
      verdict: {
        ok: true,
        order: "reference-first",
        questions: SCORES,
        scores: EXPECTED,
        metrics: { wcgb_structure: 0.75, wcgb_color: 0.8, wcgb_text: 0.9, wcgb_ui: 0.6, wcgb_overall: 0.7625 },
        reply: AS_JSON,
        cached: false,
        calls: 1,
        reasks: 0,
        usage: { prompt: 1200, completion: 40 },
        ms: expect.any(Number),
      },
    });
    const sent = body(server.seen[0]);
    expect(server.seen[0]?.url).toBe("/v1/chat/completions");
    expect(sent).toEqual({
      model: "judge",
      messages: [
        {
          role: "user",
          content: [
            {
              type: "text",
              text: `${loadRubric().text}\n\nReply with only a JSON object that gives the 10 scores in question order: {"q1": score, "q2": score, ..., "q10": score}.`,
            },
            { type: "image_url", image_url: { url: uri(reference) } },
            // The render's own media type, sniffed from its bytes.
            { type: "image_url", image_url: { url: uri(prediction, "image/jpeg") } },
          ],
        },
      ],
      temperature: 0,
      max_tokens: 300,
      response_format: { type: "json_schema", json_schema: { name: "wcgb_scores", strict: true, schema: SCORES_SCHEMA } },
    });
    expect(judge.usage()).toEqual({
      calls: 1,
      verdicts: 1,
      cachedVerdicts: 0,
      errors: 0,
      reasks: 0,
      promptTokens: 1200,
      completionTokens: 40,
    });
    expect(judge.describe()).toMatchObject({
      spec: `openai:judge@${server.url}/v1`,
      backend: { kind: "openai", model: "judge" },
      rubric: { source: "builtin", sha256: loadRubric().sha256 },
      replyFormat: "json",
      sampling: { temperature: 0, max_tokens: 300 },
      maxReasks: 2,
      maxCalls: null,
      concurrency: 4,
      checks: { repeat: false, swap: false },
      cached: false,
    });
  });

  it("takes the spec's sampling over its own defaults", async () => {
    const server = await serve((_request, response) => answer(response, AS_LIST));
    const judge = await opened(server.url, {}, "?temperature=0.5&max_tokens=64&seed=3");
    expect((await judge.judgeSample({ sampleId: "s", reference: png(1), prediction: png(2) }, signal)).verdict.ok).toBe(true);
    expect(body(server.seen[0])).toMatchObject({ temperature: 0.5, max_tokens: 64, seed: 3 });
  });

  it("re-asks after a bad reply, saying why, and is a judge_error after the bounded re-asks, with every reply kept", async () => {
    const server = await serve((_request, response) => answer(response, "The two pages look quite similar overall."));
    const judge = await opened(server.url);
    const { verdict } = await judge.judgeSample({ sampleId: "bad", reference: png(1), prediction: png(2) }, signal);
    expect(verdict).toEqual({
      ok: false,
      order: "reference-first",
      status: "judge_error",
      error: "judge reply unreadable after 3 tries: no scores in the reply",
      replies: Array.from({ length: 3 }, () => "The two pages look quite similar overall."),
      calls: 3,
      reasks: 2,
      usage: { prompt: 3600, completion: 120 },
      ms: expect.any(Number),
    });
    expect(server.seen).toHaveLength(3);
    const reask = body(server.seen[1]).messages;
    expect(reask).toHaveLength(3);
    expect(reask[0]).toEqual(body(server.seen[0]).messages[0]);
    expect(reask[1]).toEqual({ role: "assistant", content: "The two pages look quite similar overall." });
    expect(reask[2]!.content).toMatch(/^Your reply could not be read: no scores in the reply\. Reply with only a JSON object /);
    expect(judge.usage()).toMatchObject({ calls: 3, verdicts: 1, errors: 1, reasks: 2 });
  });

  it("scores a partial reply (nine numbers) once the re-ask gets all ten", async () => {
    const server = await serve((_request, response, index) => answer(response, index === 0 ? SCORES.slice(0, 9).join(", ") : AS_LIST));
    const judge = await opened(server.url, { maxReasks: 1 });
    const { verdict } = await judge.judgeSample({ sampleId: "part", reference: png(1), prediction: png(2) }, signal);
    expect(verdict).toMatchObject({
      ok: true,
      questions: SCORES,
      scores: EXPECTED,
      calls: 2,
      reasks: 1,
      usage: { prompt: 2400, completion: 80 },
    });
    expect(body(server.seen[1]).messages[2]!.content).toMatch(
      /^Your reply could not be read: 9 comma-separated items, expected 10 scores\. /,
    );
  });

  it("says when an unreadable reply was cut at the token limit", async () => {
    const server = await serve((_request, response) => answer(response, '{"q1": 9, "q2": 8, "q3"', "length"));
    const judge = await opened(server.url, { maxReasks: 0 });
    const { verdict } = await judge.judgeSample({ sampleId: "cut", reference: png(1), prediction: png(2) }, signal);
    expect(verdict).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^judge reply unreadable after 1 tries: not valid JSON \(.+\) \(cut off at 300 tokens\)$/),
    });
  });

  it("is a judge_error, not a wait, when the server answers past the deadline", async () => {
    let answered = false;
    const server = await serve((_request, response) =>
      setTimeout(() => {
        answered = true;
        answer(response, AS_JSON);
      }, 3000),
    );
    const judge = await opened(server.url, { timeoutMs: 300 });
    const { verdict } = await judge.judgeSample({ sampleId: "late", reference: png(1), prediction: png(2) }, signal);
    // The verdict came before the late answer: the judge did not wait for it.
    expect(answered).toBe(false);
    expect(verdict).toMatchObject({
      ok: false,
      status: "judge_error",
      error: `judge generation_timeout: deadline passed: no reply from ${server.url}/v1/chat/completions`,
      calls: 1,
      reasks: 0,
    });
  });

  it("waits out 429s as Retry-After says, within one call", async () => {
    const server = await serve((_request, response, index) =>
      index < 2 ? json(response, 429, { error: { message: "Rate limit reached" } }, { "retry-after": "0.2" }) : answer(response, AS_JSON),
    );
    const judge = await opened(server.url);
    const { verdict } = await judge.judgeSample({ sampleId: "busy", reference: png(1), prediction: png(2) }, signal);
    expect(verdict).toMatchObject({ ok: true, questions: SCORES, calls: 1 });
    // Two 429s and the answer, all within the one call (how long each wait is: test/model/http.test.ts).
    expect(server.seen).toHaveLength(3);
  });

  it("is a judge_error when 429s outlast the deadline", async () => {
    const server = await serve((_request, response) =>
      json(response, 429, { error: { message: "Rate limit reached" } }, { "retry-after": "5" }),
    );
    const judge = await opened(server.url, { timeoutMs: 1000 });
    const { verdict } = await judge.judgeSample({ sampleId: "busy", reference: png(1), prediction: png(2) }, signal);
    expect(verdict).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        new RegExp(
          `^judge generation_error: gave up after 1 try: the server asked to wait 5 s \\(Retry-After\\), more than the (0\\.\\d|1) s left before the deadline; ` +
            `HTTP 429 from ${server.url}/v1/chat/completions: Rate limit reached$`,
        ),
      ),
    });
    expect(server.seen).toHaveLength(1);
  });

  it("asks for the plain list from then on when the server refuses the JSON schema", async () => {
    const server = await serve((request, response) =>
      "response_format" in JSON.parse(request.body)
        ? json(response, 400, {
            error: { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model." },
          })
        : answer(response, AS_LIST),
    );
    const judge = await opened(server.url);
    const first = await judge.judgeSample({ sampleId: "a", reference: png(1), prediction: png(2) }, signal);
    const second = await judge.judgeSample({ sampleId: "b", reference: png(3), prediction: png(4) }, signal);
    expect(first.verdict).toMatchObject({ ok: true, questions: SCORES, calls: 2 });
    expect(second.verdict).toMatchObject({ ok: true, questions: SCORES, calls: 1 });
    expect(server.seen).toHaveLength(3);
    expect(body(server.seen[2]).messages[0]!.content[0]).toMatchObject({
      text: expect.stringMatching(/as whole numbers separated by commas, and nothing else\.$/),
    });
    expect(judge.describe()).toMatchObject({
      replyFormat: "text",
      schemaRefused: `judge generation_error: HTTP 400 from ${server.url}/v1/chat/completions: Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.`,
    });
  });

  it("keeps to the JSON schema when told to, so a refusal is a judge_error", async () => {
    const server = await serve((_request, response) =>
      json(response, 400, { error: { message: "response_format json_schema unsupported" } }),
    );
    const judge = await opened(server.url, { output: "json" });
    const { verdict } = await judge.judgeSample({ sampleId: "a", reference: png(1), prediction: png(2) }, signal);
    expect(verdict).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^judge generation_error: HTTP 400 from .*: response_format json_schema unsupported$/),
    });
    expect(server.seen).toHaveLength(1);
  });

  it("stops at the run's call budget: the samples past it are judge_errors, not skipped", async () => {
    const server = await serve((_request, response, index) => answer(response, index === 0 ? AS_JSON : "no idea"));
    const judge = await opened(server.url, { maxCalls: 3 });
    const results = [];
    for (const shade of [1, 2, 3])
      results.push(await judge.judgeSample({ sampleId: `s${shade}`, reference: png(shade), prediction: png(100) }, signal));
    expect(results.map((result) => result.verdict)).toMatchObject([
      { ok: true, calls: 1 },
      {
        ok: false,
        error: "judge call budget exhausted (3 calls) after unreadable replies",
        calls: 2,
        reasks: 1,
        replies: ["no idea", "no idea"],
      },
      { ok: false, error: "judge call budget exhausted (3 calls)", calls: 0, replies: [] },
    ]);
    expect(server.seen).toHaveLength(3);
    expect(judge.usage()).toMatchObject({ calls: 3, verdicts: 3, errors: 2 });
    expect(judge.describe()).toMatchObject({ maxCalls: 3 });
  });

  it("judges a pair once across runs with a cache, keyed by the judge, rubric, both images and their order", async () => {
    const server = await serve((_request, response) => answer(response, AS_JSON));
    const cache = new MemoryCache();
    const pair = { sampleId: "c", reference: png(1), prediction: png(2) };
    const first = await (await opened(server.url, { cache })).judgeSample(pair, signal);
    const again = await opened(server.url, { cache });
    const second = await again.judgeSample(pair, signal);
    expect(first.verdict).toMatchObject({ ok: true, cached: false, calls: 1 });
    expect(second.verdict).toMatchObject({
      ok: true,
      cached: true,
      calls: 0,
      questions: SCORES,
      scores: EXPECTED,
      reply: AS_JSON,
      usage: { prompt: 0, completion: 0 },
    });
    expect(again.usage()).toMatchObject({ calls: 0, verdicts: 1, cachedVerdicts: 1 });
    expect(again.describe()).toMatchObject({ cached: true });
    expect(server.seen).toHaveLength(1);

    // Another rubric, other images, the swapped order: each a new verdict.
    const rubric = { ...loadRubric(), sha256: "f".repeat(64) };
    await (await opened(server.url, { cache, rubric })).judgeSample(pair, signal);
    await again.judgeSample({ ...pair, prediction: png(3) }, signal);
    await (await opened(server.url, { cache, checks: { swap: true } })).judgeSample(pair, signal);
    expect(server.seen).toHaveLength(4);
    expect(cache.entries.size).toBe(4);
  });

  it("caches no failures, reads a damaged entry as a miss, and caches nothing when the judge's sampling is not deterministic", async () => {
    const server = await serve((_request, response, index) => answer(response, index === 0 ? "?" : AS_JSON));
    const cache = new MemoryCache();
    const pair = { sampleId: "c", reference: png(1), prediction: png(2) };
    expect((await (await opened(server.url, { cache, maxReasks: 0 })).judgeSample(pair, signal)).verdict.ok).toBe(false);
    expect(cache.entries.size).toBe(0);
    await (await opened(server.url, { cache })).judgeSample(pair, signal);
    const [key] = cache.entries.keys();
    cache.entries.set(key!, '{"questions": [1, 2]}');
    expect((await (await opened(server.url, { cache })).judgeSample(pair, signal)).verdict).toMatchObject({ ok: true, cached: false });
    const hot = await opened(server.url, { cache }, "?temperature=0.7");
    await hot.judgeSample({ ...pair, prediction: png(9) }, signal);
    expect(hot.describe()).toMatchObject({ cached: false });
    expect(cache.entries.size).toBe(1);
  });

  it("runs the self-agreement and swapped-order checks: the same pair again, and the render first", async () => {
    const server = await serve((request, response) => {
      // A judge with a first-image bias: it scores lower when the render comes first.
      const first = imageUrls(request)[0];
      answer(response, first === uri(png(50)) ? AS_LIST : "5, 5, 5, 5, 5, 5, 5, 5, 5, 5");
    });
    const judge = await opened(server.url, { checks: { repeat: true, swap: true } });
    const result = await judge.judgeSample({ sampleId: "s", reference: png(50), prediction: png(60) }, signal);
    expect(result.verdict).toMatchObject({ ok: true, order: "reference-first", questions: SCORES });
    expect(result.repeat).toMatchObject({ ok: true, order: "reference-first", questions: SCORES });
    expect(result.swapped).toMatchObject({ ok: true, order: "prediction-first", scores: { wcgb_overall: 5 } });
    expect(server.seen.map(imageUrls).sort()).toEqual(
      [
        [uri(png(50)), uri(png(60))],
        [uri(png(50)), uri(png(60))],
        [uri(png(60)), uri(png(50))],
      ].sort(),
    );
    expect(judge.usage()).toMatchObject({ calls: 3, verdicts: 3 });
  });

  it("keeps to its concurrency across samples", async () => {
    let inFlight = 0;
    let most = 0;
    const server = await serve((_request, response) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        answer(response, AS_JSON);
      }, 50);
    });
    const judge = await opened(server.url, { concurrency: 2 });
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((shade) => judge.judgeSample({ sampleId: `s${shade}`, reference: png(shade), prediction: png(0) }, signal)),
    );
    expect(results.every((result) => result.verdict.ok)).toBe(true);
    expect(most).toBe(2);
  });

  it("is a judge_error with no call when a screenshot is not an image", async () => {
    const server = await serve((_request, response) => answer(response, AS_JSON));
    const judge = await opened(server.url);
    const { verdict } = await judge.judgeSample({ sampleId: "x", reference: png(1), prediction: Buffer.from("<html>") }, signal);
    expect(verdict).toMatchObject({
      ok: false,
      status: "judge_error",
      error: "the prediction's render is not a PNG, JPEG, GIF or WebP image",
      calls: 0,
    });
    expect(server.seen).toHaveLength(0);
    expect(judge.usage()).toMatchObject({ verdicts: 1, errors: 1 });
  });

  it("refuses a spec that cannot judge two images", async () => {
    await expect(createJudge({ spec: "boxes", cacheRoot: CACHE_ROOT })).rejects.toThrow(JudgeSpecError);
    await expect(createJudge({ spec: "boxes", cacheRoot: CACHE_ROOT })).rejects.toThrow(
      /^judge spec "boxes": a judge needs a chat-completions model that takes images: /,
    );
  });
});

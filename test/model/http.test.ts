import { afterEach, describe, expect, it } from "vitest";
import { parseRetryAfter, postJson, type RetryPolicy } from "../../src/model/http.js";
import { json, startServer } from "../helpers/http-server.js";

const FAST: RetryPolicy = { retries: 3, baseDelayMs: 20, maxDelayMs: 100 };
const signal = new AbortController().signal;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function server(handle: Parameters<typeof startServer>[0]) {
  const started = await startServer(handle);
  closers.push(started.close);
  return started;
}

const post = (url: string, deadlineMs = 10_000) =>
  postJson(`${url}/v1/chat/completions`, { model: "m" }, { deadline: Date.now() + deadlineMs, signal, retry: FAST });

describe("postJson", () => {
  it("waits as long as Retry-After says after a 429, then succeeds", async () => {
    const s = await server((_request, response, i) => {
      if (i === 0) json(response, 429, { error: { message: "slow down" } }, { "retry-after": "1" });
      else json(response, 200, { ok: true });
    });
    const notices: unknown[] = [];
    const result = await postJson(
      `${s.url}/v1/chat/completions`,
      { model: "m" },
      { deadline: Date.now() + 10_000, signal, retry: FAST, onRetry: (notice) => notices.push(notice) },
    );
    expect(result).toEqual({ ok: true, body: { ok: true }, attempts: 2 });
    // The wait announced, and then slept, is the server's 1 s, not FAST's 20 ms backoff.
    expect(notices).toEqual([{ attempt: 1, maxAttempts: 4, reason: "HTTP 429", waitMs: 1000, retryAfter: true }]);
  });

  it("retries 503, 502 and 504 with backoff, and gives up after the policy's tries with the last error", async () => {
    const s = await server((_request, response, i) => json(response, [503, 502, 504][i % 3]!, { error: { message: `busy ${i}` } }));
    expect(await post(s.url)).toEqual({
      ok: false,
      status: "generation_error",
      error: `HTTP 503 from ${s.url}/v1/chat/completions: busy 3 (after 4 tries)`,
      attempts: 4,
    });
    expect(s.seen).toHaveLength(4);
  });

  it("records a 400 about the context as context_overflow without retrying", async () => {
    const message = "the request exceeds the available context size, try increasing it";
    const s = await server((_request, response) =>
      json(response, 400, { error: { code: 400, message, type: "exceed_context_size_error" } }),
    );
    expect(await post(s.url)).toEqual({
      ok: false,
      status: "context_overflow",
      error: `HTTP 400 from ${s.url}/v1/chat/completions: ${message}`,
      attempts: 1,
    });
    expect(s.seen).toHaveLength(1);
  });

  it("does not retry other client errors", async () => {
    const s = await server((_request, response) => json(response, 401, { error: { message: "invalid api key" } }));
    expect(await post(s.url)).toMatchObject({
      ok: false,
      status: "generation_error",
      error: `HTTP 401 from ${s.url}/v1/chat/completions: invalid api key`,
      attempts: 1,
    });
  });

  it("retries a refused connection, then reports it", async () => {
    const s = await server(() => undefined);
    await s.close();
    const result = await post(s.url);
    expect(result).toMatchObject({ ok: false, status: "generation_error", attempts: 4 });
    expect(!result.ok && result.error).toMatch(
      new RegExp(`^cannot reach ${s.url}/v1/chat/completions: .*ECONNREFUSED.* \\(after 4 tries\\)$`),
    );
  });

  it("gives up on a hung response at the deadline", async () => {
    const s = await server(() => undefined);
    expect(await post(s.url, 400)).toEqual({
      ok: false,
      status: "generation_timeout",
      error: `deadline passed: no reply from ${s.url}/v1/chat/completions`,
      attempts: 1,
    });
  });

  it("does not wait past the deadline for a Retry-After, and says so: the server refused, the deadline had not passed", async () => {
    const s = await server((_request, response) => json(response, 429, { error: { message: "slow down" } }, { "retry-after": "120" }));
    const result = await post(s.url, 2000);
    // One try, then no wait at all: the message says it gave up on the 120 s asked for.
    expect(result).toMatchObject({ ok: false, status: "generation_error", attempts: 1 });
    expect(!result.ok && result.error).toMatch(
      new RegExp(
        `^gave up after 1 try: the server asked to wait 120 s \\(Retry-After\\), more than the (1\\.\\d|2) s left before the deadline; ` +
          `HTTP 429 from ${s.url}/v1/chat/completions: slow down$`,
      ),
    );
  });

  it("gives up when the backoff's next try would start past the deadline, naming the wait and the time left", async () => {
    const s = await server((_request, response) => json(response, 503, { error: { message: "busy" } }));
    const result = await postJson(
      `${s.url}/v1`,
      {},
      { deadline: Date.now() + 1000, signal, retry: { retries: 5, baseDelayMs: 400, maxDelayMs: 5000 } },
    );
    // Tries at 0 and 400 ms; the third would wait 800 ms more, past the deadline.
    expect(s.seen).toHaveLength(2);
    expect(result).toMatchObject({ ok: false, status: "generation_timeout", attempts: 2 });
    expect(!result.ok && result.error).toMatch(
      new RegExp(
        `^gave up after 2 tries: the next try was due in 0\\.8 s, more than the 0\\.\\d s left before the deadline; HTTP 503 from ${s.url}/v1: busy$`,
      ),
    );
  });

  it("announces each retry before its wait: the try that failed, the tries allowed, why, and the wait", async () => {
    const s = await server((_request, response, i) => {
      if (i === 0) json(response, 429, {}, { "retry-after": "0.3" });
      else if (i === 1) json(response, 503, {});
      else json(response, 200, { ok: true });
    });
    const notices: unknown[] = [];
    const result = await postJson(
      `${s.url}/v1`,
      {},
      { deadline: Date.now() + 10_000, signal, retry: FAST, onRetry: (notice) => notices.push(notice) },
    );
    expect(result).toEqual({ ok: true, body: { ok: true }, attempts: 3 });
    expect(notices).toEqual([
      { attempt: 1, maxAttempts: 4, reason: "HTTP 429", waitMs: 300, retryAfter: true },
      { attempt: 2, maxAttempts: 4, reason: "HTTP 503", waitMs: 40, retryAfter: false },
    ]);
  });

  it("names a connection failure in its retry notice", async () => {
    const s = await server(() => undefined);
    await s.close();
    const notices: Array<{ reason: string }> = [];
    await postJson(`${s.url}/v1`, {}, { deadline: Date.now() + 10_000, signal, retry: FAST, onRetry: (notice) => notices.push(notice) });
    expect(notices).toHaveLength(3);
    expect(notices[0]!.reason).toMatch(/^no connection \(.*ECONNREFUSED.*\)$/);
  });

  it("stops when the run is aborted", async () => {
    const s = await server(() => undefined);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    expect(await postJson(s.url, {}, { deadline: Date.now() + 10_000, signal: abort.signal })).toMatchObject({
      ok: false,
      error: "aborted",
    });
  });

  it("reports a reply that is not JSON", async () => {
    const s = await server((_request, response) => response.end("<html>proxy error</html>"));
    expect(await post(s.url)).toEqual({
      ok: false,
      status: "generation_error",
      error: "the server's reply is not JSON: <html>proxy error</html>",
      attempts: 1,
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-11-26T12:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Thu, 26 Nov 2026 12:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Thu, 26 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

#!/usr/bin/env node
// A stand-in for llama.cpp's llama-server, for the states a real one reaches only with particular
// files or builds: a model that never finishes loading, a projector without image input, another
// build. It takes llama-server's flags (only --port and --parallel matter), answers /health, /props,
// /completion and /v1/chat/completions, and behaves as FAKE_LLAMA_MODE says:
//   ready (default)  healthy at once; every generation answers FAKE_LLAMA_REPLY (or a small page)
//   never-ready      /health answers 503 ("Loading model") for ever
//   no-vision        healthy, but /props reports no image input
// FAKE_LLAMA_BUILD is the build it reports. Each start appends its pid to FAKE_LLAMA_PIDS, and each
// generation request its path to FAKE_LLAMA_REQUESTS, when those name files.
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";

const flag = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const mode = process.env.FAKE_LLAMA_MODE ?? "ready";
const reply = process.env.FAKE_LLAMA_REPLY ?? "<!DOCTYPE html><html><body><h1>fake</h1></body></html>";
if (process.env.FAKE_LLAMA_PIDS) appendFileSync(process.env.FAKE_LLAMA_PIDS, `${process.pid}\n`);

const send = (response, status, body) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    if (request.url === "/health") {
      if (mode === "never-ready") send(response, 503, { error: { code: 503, message: "Loading model", type: "unavailable_error" } });
      else send(response, 200, { status: "ok" });
      return;
    }
    if (request.url === "/props") {
      send(response, 200, {
        modalities: { vision: mode !== "no-vision" },
        total_slots: Number(flag("--parallel", "1")),
        default_generation_settings: { n_ctx: 4096 },
        build_info: process.env.FAKE_LLAMA_BUILD ?? "b1-fake",
        model_path: flag("-m", ""),
        media_marker: "<__media__>",
      });
      return;
    }
    if (process.env.FAKE_LLAMA_REQUESTS) appendFileSync(process.env.FAKE_LLAMA_REQUESTS, `${request.url}\n`);
    if (request.url === "/completion") {
      send(response, 200, { content: reply, stop_type: "eos", tokens_evaluated: 10, tokens_predicted: 10 });
      return;
    }
    if (request.url === "/v1/chat/completions") {
      send(response, 200, {
        choices: [{ message: { content: reply }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 10 },
      });
      return;
    }
    send(response, 404, { error: { message: "not found" } });
  });
});
server.listen(Number(flag("--port", "0")), flag("--host", "127.0.0.1"));
process.on("SIGTERM", () => process.exit(0));

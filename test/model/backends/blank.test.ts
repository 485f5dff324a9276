import { expect, it } from "vitest";
import { createBackend } from "../../../src/model/spec.js";
import { CONTEXT, request } from "./request.js";

it("answers with an empty page", async () => {
  const reply = await (await createBackend("blank", CONTEXT)).generate(request(), new AbortController().signal);
  expect(reply).toEqual({ ok: true, text: "<!DOCTYPE html><html><head></head><body></body></html>", finishReason: "stop" });
});

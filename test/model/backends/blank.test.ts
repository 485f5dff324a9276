import { expect, it } from "vitest";
import { CONTEXT, createModel, request } from "./request.js";

it("answers with an empty page", async () => {
  const reply = await (await createModel("blank", CONTEXT)).generate(request(), new AbortController().signal);
  expect(reply).toEqual({ ok: true, text: "<!DOCTYPE html><html><head></head><body></body></html>", finishReason: "stop" });
});

import { expect, it } from "vitest";
import { createBackend } from "../../../src/model/spec.js";
import { CONTEXT, request } from "./request.js";

it("answers with the sample's reference HTML", async () => {
  const reply = await (await createBackend("reference", CONTEXT)).generate(request(), new AbortController().signal);
  expect(reply).toEqual({ ok: true, text: "<html><body><h1>Ref</h1></body></html>", finishReason: "stop" });
});

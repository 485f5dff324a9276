import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModelSpecError } from "../../../src/model/errors.js";
import { createBackend } from "../../../src/model/spec.js";
import { CONTEXT, request } from "./request.js";

describe("replay backend", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "w2c-replay-"));
  writeFileSync(path.join(dir, "present.html"), "<html><body>saved</body></html>");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const signal = new AbortController().signal;

  it("reads PDIR/<sample-id>.html", async () => {
    const backend = await createBackend(`replay:${dir}`, CONTEXT);
    expect(await backend.generate(request({ sampleId: "present" }), signal)).toEqual({
      ok: true,
      text: "<html><body>saved</body></html>",
      finishReason: "stop",
    });
    expect(backend.describe()).toMatchObject({ kind: "replay", identity: { sampling: {} }, placement: { dir } });
  });

  it("answers a missing file with a generation_error reply", async () => {
    const reply = await (await createBackend(`replay:${dir}`, CONTEXT)).generate(request({ sampleId: "missing" }), signal);
    expect(reply).toEqual({ ok: false, status: "generation_error", error: `no prediction file ${path.join(dir, "missing.html")}` });
  });

  it("answers an unreadable file with the reason", async () => {
    mkdirSync(path.join(dir, "folder.html"));
    const reply = await (await createBackend(`replay:${dir}`, CONTEXT)).generate(request({ sampleId: "folder" }), signal);
    expect(reply).toEqual({
      ok: false,
      status: "generation_error",
      error: expect.stringMatching(/^no prediction file .*folder\.html \(EISDIR/),
    });
  });

  it("needs the directory to exist when built", async () => {
    const missing = path.join(dir, "nope");
    await expect(createBackend(`replay:${missing}`, CONTEXT)).rejects.toThrow(
      new ModelSpecError(`model spec "replay:${missing}": prediction directory "${missing}" does not exist`),
    );
    const file = path.join(dir, "present.html");
    await expect(createBackend(`replay:${file}`, CONTEXT)).rejects.toThrow(/is not a directory/);
  });
});

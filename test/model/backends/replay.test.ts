import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModelSpecError } from "../../../src/model/errors.js";
import { CONTEXT, createModel, request } from "./request.js";

describe("replay backend", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "w2c-replay-"));
  writeFileSync(path.join(dir, "present.html"), "<html><body>saved</body></html>");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const signal = new AbortController().signal;

  it("reads PDIR/<sample-id>.html", async () => {
    const backend = await createModel(`replay:${dir}`, CONTEXT);
    expect(await backend.generate(request({ sampleId: "present" }), signal)).toEqual({
      ok: true,
      text: "<html><body>saved</body></html>",
      finishReason: "stop",
    });
    expect(backend.describe()).toMatchObject({ kind: "replay", identity: { sampling: {} }, placement: { dir } });
  });

  it("answers a missing file with a generation_error reply", async () => {
    const reply = await (await createModel(`replay:${dir}`, CONTEXT)).generate(request({ sampleId: "missing" }), signal);
    expect(reply).toEqual({ ok: false, status: "generation_error", error: `no prediction file ${path.join(dir, "missing.html")}` });
  });

  it("answers an unreadable file with the reason", async () => {
    mkdirSync(path.join(dir, "folder.html"));
    const reply = await (await createModel(`replay:${dir}`, CONTEXT)).generate(request({ sampleId: "folder" }), signal);
    expect(reply).toEqual({
      ok: false,
      status: "generation_error",
      error: expect.stringMatching(/^no prediction file .*folder\.html \(EISDIR/),
    });
  });

  it("says before any work, in one line, which of its files match no sample id", async () => {
    const preds = mkdtempSync(path.join(tmpdir(), "w2c-replay-"));
    for (const name of ["1.html", "2.html", "10_pred.html", "2_pred.html", "notes.txt", "0_pred.html"])
      writeFileSync(path.join(preds, name), "");
    mkdirSync(path.join(preds, "sub.html"));
    const backend = await createModel(`replay:${preds}`, CONTEXT);
    expect(backend.preflight?.(["1", "2", "3"])).toBe(
      `3 of 5 .html files in ${preds} match no sample id (0_pred.html, 2_pred.html, 10_pred.html); predictions are named <sample-id>.html, e.g. 1.html`,
    );
    expect(backend.preflight?.(["1", "2", "10_pred", "2_pred", "0_pred"])).toBeUndefined();
    expect(backend.preflight?.(["1", "2", "10_pred", "2_pred"])).toBe(
      `1 of 5 .html files in ${preds} matches no sample id (0_pred.html); predictions are named <sample-id>.html, e.g. 1.html`,
    );
  });

  it("refuses a folder whose files all match no sample id (exit 2); an empty one is no refusal", async () => {
    const preds = mkdtempSync(path.join(tmpdir(), "w2c-replay-"));
    for (let i = 0; i < 7; i++) writeFileSync(path.join(preds, `${i}_pred.html`), "");
    const backend = await createModel(`replay:${preds}`, CONTEXT);
    expect(() => backend.preflight?.(["a", "b"])).toThrow(
      new ModelSpecError(
        `model spec "replay:${preds}": 7 of 7 .html files in ${preds} match no sample id (0_pred.html, 1_pred.html, 2_pred.html, 3_pred.html, 4_pred.html and 2 more); predictions are named <sample-id>.html, e.g. a.html`,
      ),
    );
    const empty = mkdtempSync(path.join(tmpdir(), "w2c-replay-"));
    expect((await createModel(`replay:${empty}`, CONTEXT)).preflight?.(["a"])).toBeUndefined();
  });

  it("matches a question's saved answers, <sample-id>.txt, for task qa", async () => {
    const preds = mkdtempSync(path.join(tmpdir(), "w2c-replay-"));
    for (const name of ["q1.txt", "q1.html", "x.txt"]) writeFileSync(path.join(preds, name), "");
    const backend = await createModel(`replay:${preds}`, { ...CONTEXT, task: "qa" });
    expect(backend.preflight?.(["q1"])).toBe(
      `1 of 2 .txt files in ${preds} matches no sample id (x.txt); predictions are named <sample-id>.txt, e.g. q1.txt`,
    );
  });

  it("needs the directory to exist when built", async () => {
    const missing = path.join(dir, "nope");
    await expect(createModel(`replay:${missing}`, CONTEXT)).rejects.toThrow(
      new ModelSpecError(`model spec "replay:${missing}": prediction directory "${missing}" does not exist`),
    );
    const file = path.join(dir, "present.html");
    await expect(createModel(`replay:${file}`, CONTEXT)).rejects.toThrow(/is not a directory/);
  });
});

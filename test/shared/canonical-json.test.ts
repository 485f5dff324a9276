import { describe, expect, it } from "vitest";
import { canonicalJson, sha256 } from "../../src/shared/index.js";

const ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

describe("canonicalJson", () => {
  it("sorts every object's keys, nested ones and those inside arrays too", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it("writes bytes as the sha256 of their content, a Buffer and a plain Uint8Array alike", () => {
    expect(sha256(Buffer.from("abc"))).toBe(ABC_SHA256);
    expect(canonicalJson({ image: Buffer.from("abc") })).toBe(`{"image":{"sha256":"${ABC_SHA256}"}}`);
    expect(canonicalJson(new Uint8Array([0x61, 0x62, 0x63]))).toBe(`{"sha256":"${ABC_SHA256}"}`);
  });

  it("leaves out what JSON leaves out: undefined fields and functions", () => {
    expect(canonicalJson({ a: 1, b: undefined, c: () => 1 })).toBe('{"a":1}');
    expect(canonicalJson("text")).toBe('"text"');
  });
});

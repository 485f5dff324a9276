import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIBRARY_CATALOG } from "../../../src/render/index.js";
import { installLibraries, RegistryUnreachableError, tarballUrl } from "../../../src/render/libraries/install.js";
import { packageKey, RECORD_FILE, storedRecord } from "../../../src/render/libraries/store.js";
import { tempDir } from "../../helpers/dataset.js";

/** Two of the smallest pinned packages (8 kB and 70 kB tarballs): the real registry, a small download. */
const SMALL = LIBRARY_CATALOG.filter(
  (e) => `${e.name}@${e.version}` === "normalize.css@8.0.1" || `${e.name}@${e.version}` === "animate.css@4.1.1",
);

describe("installLibraries (the npm registry)", () => {
  it("stores each package's kept files under its integrity, checked, and fetches nothing the second time", async () => {
    const root = tempDir("w2c-libraries-");
    const first = await installLibraries({ root, entries: SMALL });
    expect(first.fetched).toEqual(["animate.css@4.1.1", "normalize.css@8.0.1"]);
    const normalize = SMALL.find((e) => e.name === "normalize.css")!;
    // keep: package.json and normalize.css; README, LICENSE and CHANGELOG are left out.
    expect(storedRecord(root, normalize)?.files).toEqual(["normalize.css", "package.json"]);
    const dir = join(root, packageKey(normalize.integrity));
    expect(readdirSync(join(dir, "files")).sort()).toEqual(["normalize.css", "package.json"]);
    expect(readFileSync(join(dir, "files", "normalize.css"), "utf8")).toContain("/*! normalize.css v8.0.1 | MIT License");
    const animate = storedRecord(
      root,
      SMALL.find((e) => e.name === "animate.css")!,
    );
    expect(animate?.files).toEqual(["animate.compat.css", "animate.css", "animate.min.css", "package.json"]);
    // Only package folders and nothing half-written.
    expect(readdirSync(root).sort()).toEqual(SMALL.map((e) => packageKey(e.integrity)).sort());
    const second = await installLibraries({ root, entries: SMALL });
    expect([second.fetched, second.reused]).toEqual([[], 2]);
  });

  it("refuses a tarball whose hash is not the pinned integrity, and stores nothing of it", async () => {
    const root = tempDir("w2c-libraries-");
    const normalize = SMALL.find((e) => e.name === "normalize.css")!;
    const forged = { ...normalize, integrity: SMALL.find((e) => e.name === "animate.css")!.integrity };
    await expect(installLibraries({ root, entries: [forged] })).rejects.toThrow(
      /^1 of 1 packages not stored: normalize\.css@8\.0\.1: the tarball's sha512 is not the pinned integrity \(got sha512-qizSNPO93t1YUuUhP22btGOo3chcvDFqFaj2TRybP0DMxkHOCTYwp3n34fel4a31ORXy4m1Xq0Gyqpb5m33qIg==\)$/,
    );
    expect(readdirSync(root)).toEqual([]);
  });

  it("says in one line that the registry cannot be reached", async () => {
    const root = tempDir("w2c-libraries-");
    const error = await installLibraries({ root, entries: SMALL, registry: "http://127.0.0.1:9" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnreachableError);
    expect((error as Error).message).toMatch(
      /^cannot reach the npm registry \(http:\/\/127\.0\.0\.1:9\/[a-z.]+\/-\/[a-z.]+-[\d.]+\.tgz: ECONNREFUSED\)$/,
    );
    expect(existsSync(join(root, RECORD_FILE))).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it("builds the registry's tarball URLs, scoped names included", () => {
    const fa = LIBRARY_CATALOG.find((e) => e.name === "@fortawesome/fontawesome-free" && e.version === "6.7.2")!;
    expect(tarballUrl("https://registry.npmjs.org/", fa)).toBe(
      "https://registry.npmjs.org/@fortawesome/fontawesome-free/-/fontawesome-free-6.7.2.tgz",
    );
  });
});

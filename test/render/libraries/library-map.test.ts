import { describe, expect, it } from "vitest";
import { LibraryMap, MAX_LIBRARY_RESPONSES } from "../../../src/render/libraries/library-map.js";
import { RequestLog } from "../../../src/render/request-log.js";
import { fakeLibraryStore } from "../../helpers/library-store.js";

const store = fakeLibraryStore({
  "bootstrap@5.3.9": { "package.json": "{}", "dist/css/bootstrap.min.css": ".btn{}", "dist/js/bootstrap.bundle.min.js": "x" },
  "@fontsource/inter@5.3.0": { "package.json": "{}", "400.css": "@font-face{src:url(./files/inter-latin-400-normal.woff2)}" },
});

describe("LibraryMap", () => {
  it("answers CDN files and Google Fonts CSS from the store, with their types and CORS open; nothing else", async () => {
    const map = new LibraryMap(store, 5_000);
    const log = new RequestLog();
    const css = await map.answer("https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/5.3.0/css/bootstrap.min.css", "", log);
    expect(css && { ...css, body: css.body.toString() }).toEqual({
      body: ".btn{}",
      contentType: "text/css; charset=utf-8",
      headers: { "access-control-allow-origin": "*" },
    });
    const js = await map.answer("https://unpkg.com/bootstrap@5/dist/js/bootstrap.bundle.min.js", "", log);
    expect(js?.contentType).toBe("text/javascript; charset=utf-8");
    const fonts = await map.answer("https://fonts.googleapis.com/css2?family=Inter", "", log);
    expect(fonts?.body.toString()).toBe(
      "@font-face{src:url(https://cdn.jsdelivr.net/npm/@fontsource/inter@5.3.0/files/inter-latin-400-normal.woff2)}",
    );
    expect(await map.answer("https://example.com/bootstrap.min.css", "", log)).toBeNull();
    expect(await map.answer("not a url", "", log)).toBeNull();
    expect([log.libraryResponses, log.libraryNotes]).toEqual([3, ["twitter-bootstrap@5.3.0 served as bootstrap@5.3.9"]]);
    await map.close();
  });

  it("answers one page at most its cap of responses, then notes it", async () => {
    const map = new LibraryMap(store, 5_000);
    const log = new RequestLog();
    const url = "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/css/bootstrap.min.css";
    const answers = [];
    for (let i = 0; i < MAX_LIBRARY_RESPONSES + 5; i++) answers.push(await map.answer(url, "", log));
    expect(answers.filter(Boolean)).toHaveLength(MAX_LIBRARY_RESPONSES);
    expect(answers.slice(MAX_LIBRARY_RESPONSES)).toEqual([null, null, null, null, null]);
    expect(log.libraryNotes).toEqual([`over ${MAX_LIBRARY_RESPONSES} library responses or 64 MB: the rest were refused`]);
    await map.close();
  });

  it("has a fingerprint that follows the store's content", () => {
    const other = fakeLibraryStore({ "bootstrap@5.3.9": { "package.json": "{}" } });
    const empty = fakeLibraryStore({});
    const prints = [store, store, other, empty].map((s) => new LibraryMap(s, 5_000).fingerprint);
    expect(prints[0]).toBe(prints[1]);
    // One package fewer, none at all: each a store of its own content.
    expect(new Set(prints).size).toBe(3);
  });
});

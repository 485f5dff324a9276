import { describe, expect, it } from "vitest";
import { MAX_REFUSED_URLS, RequestLog } from "../../src/render/request-log.js";

describe("RequestLog", () => {
  it("records refused URLs without query or fragment, counted, most frequent first", () => {
    const log = new RequestLog();
    log.refuse("https://cdn.example.com/a.css?v=1");
    log.refuse("https://cdn.example.com/b.js");
    log.refuse("https://cdn.example.com/a.css?v=2#top");
    log.refuse("http://127.0.0.1:9/x");
    expect(log.refused).toBe(4);
    expect(log.refusedUrls).toEqual([
      { url: "https://cdn.example.com/a.css", count: 2 },
      { url: "https://cdn.example.com/b.js", count: 1 },
      { url: "http://127.0.0.1:9/x", count: 1 },
    ]);
  });

  it("stays bounded however many distinct URLs a page tries, and cuts long ones", () => {
    const log = new RequestLog();
    for (let i = 0; i < 5000; i++) log.refuse(`https://leak.example/${i}/${"s".repeat(300)}`);
    expect(log.refused).toBe(5000);
    expect(log.refusedUrls).toHaveLength(MAX_REFUSED_URLS);
    expect(log.refusedUrls.every((r) => r.url.length === 200 && r.count === 1)).toBe(true);
    expect(log.refusedUrls[0]!.url.startsWith("https://leak.example/0/")).toBe(true);
  });

  it("keeps at most 20 distinct notes", () => {
    const log = new RequestLog();
    for (let i = 0; i < 30; i++) log.note(`note ${i % 25}`);
    expect(log.libraryNotes).toEqual(Array.from({ length: 20 }, (_, i) => `note ${i}`));
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Renderer, type LibraryStore } from "../../../src/render/index.js";
import { MAX_LIBRARY_RESPONSES } from "../../../src/render/libraries/library-map.js";
import { MAX_REQUESTS_PER_PAGE } from "../../../src/render/worker.js";
import { startListener, type Listener } from "../../helpers/hostile.js";
import { realLibraryStore } from "../../helpers/library-store.js";

const BOOTSTRAP_CSS = "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/css/bootstrap.min.css";

/**
 * Pages that abuse the library map: nothing leaves the machine (a loopback listener sees no
 * connection), nothing outside the store is served, the page ends normally and the next one renders.
 * Each page fetches its URLs and writes what it got into its title.
 */
describe("library map under attack (real Chromium, real store)", () => {
  let store: LibraryStore;
  let renderer: Renderer;
  let listener: Listener;

  beforeAll(async () => {
    store = await realLibraryStore();
    listener = await startListener("127.0.0.1");
    renderer = await Renderer.launch({ assetRoot: null, libraries: store, viewport: { width: 320, height: 200 }, timeoutMs: 15_000 });
  });
  afterAll(async () => {
    await renderer?.close();
    await listener?.close();
  });

  /**
   * Renders a page whose script requests `urls` (each once, in order, synchronously so that the page
   * has them all before it is drawn) and puts `status:length` or `x` (refused) per URL in its title.
   */
  async function fetchAll(urls: string[]) {
    const html =
      `<!DOCTYPE html><title>pending</title><script>const out = [];` +
      `for (const u of ${JSON.stringify(urls)}) { try { const x = new XMLHttpRequest(); x.open("GET", u, false); x.send(); out.push(x.status + ":" + x.responseText.length); } catch (e) { out.push("x"); } }` +
      ` document.title = out.join(" ");</script>`;
    return render(html);
  }

  async function render(html: string) {
    const result = await renderer.render({ html, pagePath: "page.html" });
    if (!result.ok) throw new Error(`${result.status}: ${result.error}`);
    return result.facts;
  }

  afterAll(() => {
    // Whatever the pages did, not one connection reached the machine's loopback.
    expect(listener.connections).toEqual([]);
  });

  it("URLs that climb out of a package (plain, encoded, doubled, backslashed) get nothing", async () => {
    const base = "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist";
    const urls = [
      `${base}/..%2f..%2fpackage.w2c.json`,
      `${base}/%2e%2e/%2e%2e/package.w2c.json`,
      `${base}/..%5c..%5cpackage.w2c.json`,
      `${base}/%252e%252e/package.w2c.json`,
      "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/../../../../etc/passwd",
      `https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/5.3.9/..%2f..%2f..%2f..%2fetc%2fpasswd`,
      `http://127.0.0.1:${listener.port}/npm/bootstrap@5.3.9/dist/css/bootstrap.min.css`,
      BOOTSTRAP_CSS,
    ];
    const facts = await fetchAll(urls);
    const bytes = store.read(store.find((e) => e.name === "bootstrap" && e.version === "5.3.9")[0]!, "dist/css/bootstrap.min.css")!;
    // The control at the end is served whole; every other URL failed as a network error.
    expect(facts.title).toBe(`x x x x x x x 200:${bytes.toString("utf8").length}`);
    expect(facts.blockedRequests).toBe(7);
    expect(facts.libraryRequests).toBe(1);
  });

  it("a huge query string is dropped from what is recorded, and does not stop a library file being served", async () => {
    const query = `?${"a".repeat(1_000_000)}`;
    const facts = await fetchAll([`${BOOTSTRAP_CSS}${query}`, `https://cdn.jsdelivr.net/npm/nothing-here@1/x.js${query}`]);
    expect(facts.title).toMatch(/^200:\d+ x$/);
    expect(facts.refusedUrls).toEqual([{ url: "https://cdn.jsdelivr.net/npm/nothing-here@1/x.js", count: 1 }]);
    expect(JSON.stringify(facts).length).toBeLessThan(2_000);
  });

  it("a version range that matches nothing stays refused", async () => {
    const facts = await fetchAll([
      "https://cdn.jsdelivr.net/npm/bootstrap@^9/dist/css/bootstrap.min.css",
      "https://cdn.jsdelivr.net/npm/bootstrap@2.3.2/dist/css/bootstrap.min.css",
      "https://cdn.jsdelivr.net/npm/bootstrap@not-a-version/dist/css/bootstrap.min.css",
    ]);
    expect(facts.title).toBe("x x x");
    expect(facts.refusedUrls.map((r) => r.url)).toEqual([
      "https://cdn.jsdelivr.net/npm/bootstrap@%5E9/dist/css/bootstrap.min.css",
      "https://cdn.jsdelivr.net/npm/bootstrap@2.3.2/dist/css/bootstrap.min.css",
      "https://cdn.jsdelivr.net/npm/bootstrap@not-a-version/dist/css/bootstrap.min.css",
    ]);
  });

  it("a thousand distinct CDN paths (a data channel) are all refused and recorded in bounded space", async () => {
    // Images: the page is drawn only once each has loaded or failed.
    const images = Array.from(
      { length: 1000 },
      (_, i) => `<img src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/leak/${i}-${"s".repeat(40)}">`,
    );
    const facts = await render(`<!DOCTYPE html><title>channel</title>${images.join("")}`);
    expect(facts.title).toBe("channel");
    expect(facts.blockedRequests).toBe(1000);
    expect(facts.refusedUrls).toHaveLength(20);
    expect(facts.libraryRequests).toBe(0);
  });

  it("a library file requested ten thousand times, one after another: the page renders, the store answers at most its cap", async () => {
    const html =
      `<!DOCTYPE html><title>hammer</title><p>text</p><script>addEventListener("load", async () => {` +
      ` for (let i = 0; i < 10000; i++) { try { await fetch(${JSON.stringify(BOOTSTRAP_CSS)}); } catch (e) {} } });</script>`;
    const facts = await render(html);
    expect(facts.title).toBe("hammer");
    expect(facts.libraryRequests).toBeLessThanOrEqual(MAX_LIBRARY_RESPONSES);
    const next = await fetchAll([BOOTSTRAP_CSS]);
    expect([next.title.startsWith("200:"), next.libraryRequests, next.blockedRequests]).toEqual([true, 1, 0]);
  });

  it("ten thousand requests at once: the page is stopped at the request cap and fails alone; the next page renders", async () => {
    const html = `<!DOCTYPE html><script>for (let i = 0; i < 10000; i++) fetch(${JSON.stringify(BOOTSTRAP_CSS)}).catch(() => 0);</script>`;
    const result = await renderer.render({ html, pagePath: "flood.html" });
    expect(result).toEqual({ ok: false, status: "render_error", error: `the page made more than ${MAX_REQUESTS_PER_PAGE} requests` });
    const next = await fetchAll([BOOTSTRAP_CSS]);
    expect([next.title.startsWith("200:"), next.libraryRequests, next.blockedRequests]).toEqual([true, 1, 0]);
  });
});

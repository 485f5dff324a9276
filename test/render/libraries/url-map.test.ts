import { describe, expect, it } from "vitest";
import { parseLibraryUrl, pickVersion, resolveLibrary } from "../../../src/render/libraries/url-map.js";
import { fakeLibraryStore } from "../../helpers/library-store.js";

const parse = (url: string) => parseLibraryUrl(new URL(url));

describe("parseLibraryUrl", () => {
  it("reads jsdelivr's and unpkg's npm forms, scoped or not, with or without a version or a file", () => {
    expect(parse("https://cdn.jsdelivr.net/npm/tailwindcss@2.2.19/dist/tailwind.min.css")).toEqual({
      cdn: "npm",
      name: "tailwindcss",
      version: "2.2.19",
      path: "dist/tailwind.min.css",
    });
    expect(parse("https://unpkg.com/@fortawesome/fontawesome-free@^6/css/all.min.css?v=1")).toEqual({
      cdn: "npm",
      name: "@fortawesome/fontawesome-free",
      version: "^6",
      path: "css/all.min.css",
    });
    expect(parse("https://cdn.jsdelivr.net/npm/@tailwindcss/browser@4")).toEqual({
      cdn: "npm",
      name: "@tailwindcss/browser",
      version: "4",
      path: "",
    });
    expect(parse("https://unpkg.com/jquery/dist/jquery.min.js")).toEqual({
      cdn: "npm",
      name: "jquery",
      version: null,
      path: "dist/jquery.min.js",
    });
  });

  it("reads cdnjs, BootstrapCDN, code.jquery.com and use.fontawesome.com by their own names", () => {
    expect(parse("https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/5.3.3/css/bootstrap.min.css")).toEqual({
      cdn: "cdnjs",
      name: "twitter-bootstrap",
      version: "5.3.3",
      path: "css/bootstrap.min.css",
    });
    expect(parse("https://stackpath.bootstrapcdn.com/bootstrap/4.5.2/js/bootstrap.bundle.min.js")).toEqual({
      cdn: "bootstrapcdn",
      name: "bootstrap",
      version: "4.5.2",
      path: "js/bootstrap.bundle.min.js",
    });
    expect(parse("https://code.jquery.com/jquery-3.5.1.slim.min.js")).toEqual({
      cdn: "code.jquery.com",
      name: "jquery",
      version: "3.5.1",
      path: "jquery.slim.min.js",
    });
    expect(parse("https://use.fontawesome.com/releases/v5.15.4/css/all.css")).toEqual({
      cdn: "use.fontawesome.com",
      name: "fontawesome-free",
      version: "5.15.4",
      path: "css/all.css",
    });
  });

  it("refuses paths that climb, encoded or not, other hosts and other CDN forms", () => {
    for (const url of [
      "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/..%2f..%2fpackage.w2c.json",
      "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/%2e%2e%5c%2e%2e%5cx",
      "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9//dist/css/bootstrap.css",
      "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/%00.css",
      "https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/%E0%A4%A.css",
      "https://cdn.jsdelivr.net/gh/twbs/bootstrap@5.3.3/dist/css/bootstrap.css",
      "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1",
      "https://code.jquery.com/ui/1.13.2/jquery-ui.min.js",
      "https://example.com/npm/bootstrap@5.3.9/dist/css/bootstrap.css",
      "file:///npm/bootstrap@5.3.9/dist/css/bootstrap.css",
    ]) {
      expect([url, parse(url)]).toEqual([url, null]);
    }
  });

  it("lets the URL parser fold plain `..` first: what remains names a package file or nothing", () => {
    // `/npm/x@1/../../bootstrap@5.3.9/dist/css/bootstrap.css` is, once parsed, that bootstrap file.
    expect(parse("https://cdn.jsdelivr.net/npm/x@1/../../npm/bootstrap@5.3.9/dist/css/bootstrap.css")?.name).toBe("bootstrap");
    expect(parse("https://cdn.jsdelivr.net/npm/%2e%2e/%2e%2e/etc/passwd")).toBeNull();
  });
});

describe("pickVersion", () => {
  const stored = ["3.4.1", "4.6.2", "5.3.9"];

  it("takes the exact version when stored, and the highest stored version in a range", () => {
    expect(pickVersion("4.6.2", stored)).toEqual({ version: "4.6.2", substituted: false });
    expect(pickVersion("5", stored)).toEqual({ version: "5.3.9", substituted: false });
    expect(pickVersion("^4.0.0", stored)).toEqual({ version: "4.6.2", substituted: false });
    expect(pickVersion(">=3 <5", stored)).toEqual({ version: "4.6.2", substituted: false });
  });

  it("serves a missing exact version by the closest of its major, and none or `latest` by the highest, as substitutions", () => {
    expect(pickVersion("5.3.3", stored)).toEqual({ version: "5.3.9", substituted: true });
    expect(pickVersion("4.5.2", stored)).toEqual({ version: "4.6.2", substituted: true });
    expect(pickVersion("v3.3.7", stored)).toEqual({ version: "3.4.1", substituted: true });
    // Closest by minor, then patch: 5.1.3 is nearer 5.2.0 than 5.3.9.
    expect(pickVersion("5.1.3", ["5.3.9", "5.2.0"])).toEqual({ version: "5.2.0", substituted: true });
    expect(pickVersion(null, stored)).toEqual({ version: "5.3.9", substituted: true });
    expect(pickVersion("latest", stored)).toEqual({ version: "5.3.9", substituted: true });
  });

  it("refuses a range that matches nothing, another major, and text that is no version", () => {
    expect(pickVersion("^6", stored)).toBeNull();
    expect(pickVersion("2.3.2", stored)).toBeNull();
    expect(pickVersion("next", stored)).toBeNull();
    expect(pickVersion("5.3.3", [])).toBeNull();
  });
});

describe("resolveLibrary", () => {
  const store = fakeLibraryStore({
    "bootstrap@5.3.9": { "package.json": '{"main":"dist/js/bootstrap.js"}', "dist/css/bootstrap.css": "a", "dist/js/bootstrap.js": "b" },
    "@fortawesome/fontawesome-free@6.7.2": { "package.json": "{}", "css/all.min.css": "c" },
    "font-awesome@4.7.0": { "package.json": "{}", "css/font-awesome.min.css": "d" },
    "normalize.css@8.0.1": { "package.json": '{"main":"normalize.css"}', "normalize.css": "e" },
  });
  const resolve = (url: string) => {
    const request = parseLibraryUrl(new URL(url));
    const file = request && resolveLibrary(store, request);
    return file && { package: `${file.pkg.entry.name}@${file.pkg.entry.version}`, path: file.path, substitution: file.substitution };
  };

  it("maps each CDN's path into the package, noting substitutions", () => {
    expect(resolve("https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/css/bootstrap.css")).toEqual({
      package: "bootstrap@5.3.9",
      path: "dist/css/bootstrap.css",
      substitution: undefined,
    });
    expect(resolve("https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/5.3.3/css/bootstrap.css")).toEqual({
      package: "bootstrap@5.3.9",
      path: "dist/css/bootstrap.css",
      substitution: "twitter-bootstrap@5.3.3 served as bootstrap@5.3.9",
    });
    // cdnjs's font-awesome is two npm packages: 4.x is font-awesome, 5 and later @fortawesome/fontawesome-free.
    expect(resolve("https://cdnjs.cloudflare.com/ajax/libs/font-awesome/4.7.0/css/font-awesome.min.css")?.package).toBe(
      "font-awesome@4.7.0",
    );
    expect(resolve("https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.4.0/css/all.min.css")?.package).toBe(
      "@fortawesome/fontawesome-free@6.7.2",
    );
  });

  it("serves a missing .min file by the unminified one, and a URL with no file by package.json's main", () => {
    expect(resolve("https://cdnjs.cloudflare.com/ajax/libs/normalize/8.0.1/normalize.min.css")?.path).toBe("normalize.css");
    expect(resolve("https://unpkg.com/bootstrap@5.3.9/dist/js/bootstrap.min.js")?.path).toBe("dist/js/bootstrap.js");
    expect(resolve("https://cdn.jsdelivr.net/npm/bootstrap@5")?.path).toBe("dist/js/bootstrap.js");
  });

  it("refuses files the package does not hold and packages the store lacks", () => {
    expect(resolve("https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/package.w2c.json")).toBeNull();
    expect(resolve("https://cdn.jsdelivr.net/npm/bootstrap@5.3.9/dist/css/bootstrap-grid.css")).toBeNull();
    expect(resolve("https://cdn.jsdelivr.net/npm/bootstrap@4.6.2/dist/css/bootstrap.css")).toBeNull();
    expect(resolve("https://cdn.jsdelivr.net/npm/bulma@0.9.4/css/bulma.min.css")).toBeNull();
  });
});

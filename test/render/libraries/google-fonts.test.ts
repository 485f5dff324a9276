import { describe, expect, it } from "vitest";
import { googleFontsCss } from "../../../src/render/libraries/google-fonts.js";
import { fakeLibraryStore } from "../../helpers/library-store.js";

/** A Fontsource-like CSS file: one @font-face whose file name says the weight and style. */
const face = (weight: number, style: string) => `@font-face{font-weight:${weight};src:url(./files/x-latin-${weight}-${style}.woff2)}`;

const store = fakeLibraryStore({
  "@fontsource/open-sans@5.3.0": {
    "package.json": "{}",
    "300.css": face(300, "normal"),
    "400.css": face(400, "normal"),
    "700.css": face(700, "normal"),
    "400-italic.css": face(400, "italic"),
    "latin-400.css": "not a weight file",
  },
  "@fontsource/material-icons@5.3.0": { "package.json": "{}", "400.css": face(400, "normal") },
});
const FILES = "https://cdn.jsdelivr.net/npm/@fontsource/open-sans@5.3.0/files/";

function css(url: string) {
  const notes: string[] = [];
  return { css: googleFontsCss(new URL(url), store, (text) => notes.push(text)), notes };
}

describe("googleFontsCss", () => {
  it("answers css2 with the store's @font-face rules for each weight and style asked, font URLs made absolute", () => {
    expect(css("https://fonts.googleapis.com/css2?family=Open+Sans:ital,wght@0,400;0,700;1,400&display=swap")).toEqual({
      css: [
        `@font-face{font-weight:400;src:url(${FILES}x-latin-400-normal.woff2)}`,
        `@font-face{font-weight:700;src:url(${FILES}x-latin-700-normal.woff2)}`,
        `@font-face{font-weight:400;src:url(${FILES}x-latin-400-italic.woff2)}`,
      ].join("\n"),
      notes: [],
    });
  });

  it("reads weight ranges, the default regular weight and css v1's weight lists", () => {
    expect(css("https://fonts.googleapis.com/css2?family=Open+Sans:wght@300..500").css).toBe(
      `${face(300, "normal")}\n${face(400, "normal")}`.replaceAll("./files/", FILES),
    );
    expect(css("https://fonts.googleapis.com/css2?family=Open+Sans").css).toBe(face(400, "normal").replaceAll("./files/", FILES));
    expect(css("https://fonts.googleapis.com/css?family=Open+Sans:300,700,400italic|Unknown").css).toBe(
      [face(300, "normal"), face(700, "normal"), face(400, "italic")].join("\n").replaceAll("./files/", FILES),
    );
    expect(css("https://fonts.googleapis.com/css?family=Open+Sans:bold").css).toBe(face(700, "normal").replaceAll("./files/", FILES));
  });

  it("notes families the store lacks, and answers nothing when it has none of them", () => {
    expect(css("https://fonts.googleapis.com/css2?family=Comic+Neue&family=Open+Sans").notes).toEqual([
      'fonts.googleapis.com: the font "Comic Neue" is not in the library store',
    ]);
    expect(css("https://fonts.googleapis.com/css2?family=Comic+Neue")).toEqual({
      css: null,
      notes: ['fonts.googleapis.com: the font "Comic Neue" is not in the library store'],
    });
    expect(css("https://fonts.googleapis.com/other?family=Open+Sans").css).toBeNull();
    expect(css("https://fonts.gstatic.com/css2?family=Open+Sans").css).toBeNull();
  });

  it("adds Google's .material-icons class to the icon font", () => {
    const { css: icons } = css("https://fonts.googleapis.com/icon?family=Material+Icons");
    expect(
      icons?.startsWith(face(400, "normal").replace("./files/", "https://cdn.jsdelivr.net/npm/@fontsource/material-icons@5.3.0/files/")),
    ).toBe(true);
    expect(icons).toContain(".material-icons {\n  font-family: 'Material Icons';");
  });

  it("reads at most 16 families of one request", () => {
    const many = Array.from({ length: 40 }, (_, i) => `family=Missing${i}`).join("&");
    expect(css(`https://fonts.googleapis.com/css2?${many}`).notes).toHaveLength(16);
  });
});

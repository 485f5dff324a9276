import type { LibraryStore, StoredPackage } from "./store.js";

/** Families read from one request at most: a longer list is cut here. */
const MAX_FAMILIES = 16;

interface Variant {
  italic: boolean;
  /** One weight, or an inclusive range (`wght@100..900`). */
  weights: [number, number];
}

interface FamilyRequest {
  family: string;
  variants: Variant[];
}

/**
 * Google's icon font CSS (`/icon?family=Material+Icons`) sets up this class beside its @font-face;
 * Fontsource's package carries only the @font-face.
 */
const MATERIAL_ICONS_CLASS = `.material-icons {
  font-family: 'Material Icons';
  font-weight: normal;
  font-style: normal;
  font-size: 24px;
  line-height: 1;
  letter-spacing: normal;
  text-transform: none;
  display: inline-block;
  white-space: nowrap;
  word-wrap: normal;
  direction: ltr;
  -webkit-font-feature-settings: 'liga';
  -webkit-font-smoothing: antialiased;
}
`;

/**
 * The CSS that fonts.googleapis.com would answer (`/css`, `/css2`, `/icon`), built from the
 * store's Fontsource packages: the same @font-face rules (per subset, with unicode ranges) whose
 * font URLs point at the store's files through jsdelivr URLs, which the map serves. Families the store
 * lacks are left out and noted; null when the request names none the store has.
 */
export function googleFontsCss(url: URL, store: LibraryStore, note: (text: string) => void): string | null {
  if (url.hostname !== "fonts.googleapis.com") return null;
  const requests =
    url.pathname === "/css2" ? css2Families(url) : url.pathname === "/css" || url.pathname === "/icon" ? css1Families(url) : null;
  if (!requests) return null;
  const parts: string[] = [];
  for (const request of requests.slice(0, MAX_FAMILIES)) {
    const pkg = fontPackage(store, request.family);
    const css = pkg ? familyCss(store, pkg, request.variants) : "";
    if (!css) {
      note(`fonts.googleapis.com: the font "${request.family.slice(0, 60)}" is not in the library store`);
      continue;
    }
    parts.push(css);
    if (url.pathname === "/icon" && request.family === "Material Icons") parts.push(MATERIAL_ICONS_CLASS);
  }
  return parts.length ? parts.join("\n") : null;
}

function fontPackage(store: LibraryStore, family: string): StoredPackage | undefined {
  const name = `@fontsource/${family.trim().toLowerCase().replace(/\s+/g, "-")}`;
  return store.find((entry) => entry.name === name)[0];
}

/** The package's CSS files for each wanted weight and style, their font URLs made absolute. */
function familyCss(store: LibraryStore, pkg: StoredPackage, variants: Variant[]): string {
  const base = `https://cdn.jsdelivr.net/npm/${pkg.entry.name}@${pkg.entry.version}/files/`;
  const styles = [...pkg.files]
    .map((file) => /^(\d+)(-italic)?\.css$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ file: match[0], weight: Number(match[1]), italic: match[2] !== undefined }))
    .sort((a, b) => Number(a.italic) - Number(b.italic) || a.weight - b.weight);
  const chosen = styles.filter((style) =>
    variants.some((v) => v.italic === style.italic && style.weight >= v.weights[0] && style.weight <= v.weights[1]),
  );
  return chosen.map((style) => store.read(pkg, style.file)?.toString("utf8").replaceAll("url(./files/", `url(${base}`) ?? "").join("\n");
}

const REGULAR: Variant = { italic: false, weights: [400, 400] };

/** css2: `family=Name:ital,wght@0,400;1,700` (several `family` parameters), `wght@100..900` for a range. */
function css2Families(url: URL): FamilyRequest[] {
  return url.searchParams.getAll("family").map((value) => {
    const [family = "", spec] = splitOnce(value, ":");
    if (!spec) return { family, variants: [REGULAR] };
    const [axesText = "", tuplesText = ""] = splitOnce(spec, "@");
    const axes = axesText.split(",");
    const ital = axes.indexOf("ital");
    const wght = axes.indexOf("wght");
    const variants = tuplesText.split(";").flatMap((tuple): Variant[] => {
      const values = tuple.split(",");
      const weights = wght < 0 ? ([400, 400] as [number, number]) : weightRange(values[wght] ?? "");
      return weights ? [{ italic: ital >= 0 && values[ital] === "1", weights }] : [];
    });
    return { family, variants: variants.length ? variants : [REGULAR] };
  });
}

/** css (v1) and icon: `family=Name:400,700italic,b|Other+Name`. */
function css1Families(url: URL): FamilyRequest[] {
  const value = url.searchParams.get("family") ?? "";
  return value.split("|").map((part) => {
    const [family = "", spec] = splitOnce(part, ":");
    if (!spec) return { family, variants: [REGULAR] };
    const variants = spec.split(",").flatMap((token): Variant[] => {
      const match = /^(\d+|bold|b|regular|r)?(italic|i)?$/.exec(token.trim().toLowerCase());
      if (!match || (!match[1] && !match[2])) return [];
      const weight = match[1] === "bold" || match[1] === "b" ? 700 : match[1] && /^\d+$/.test(match[1]) ? Number(match[1]) : 400;
      return [{ italic: match[2] !== undefined, weights: [weight, weight] }];
    });
    return { family, variants: variants.length ? variants : [REGULAR] };
  });
}

function weightRange(text: string): [number, number] | null {
  const match = /^(\d+)(?:\.\.(\d+))?$/.exec(text);
  if (!match) return null;
  const low = Number(match[1]);
  return [low, match[2] ? Number(match[2]) : low];
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

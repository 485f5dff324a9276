/**
 * The libraries the store holds: exact npm versions with the registry's integrity hashes, the files
 * kept of each package (globs over the package's own paths), and the other CDNs that publish the
 * same files under another name and layout. One version per major line that models emit; a request
 * for another version of that major is served by the closest one and recorded as a substitution.
 *
 * To pin a new version: `npm view NAME@VERSION dist.integrity`.
 */

/** A CDN that serves a package under its own name: `/NAME/VERSION/PATH` maps to `DIR/PATH` in the npm package. */
export type AliasCdn = "cdnjs" | "bootstrapcdn" | "code.jquery.com" | "use.fontawesome.com";

export interface CdnAlias {
  cdn: AliasCdn;
  name: string;
  /** The package folder that the CDN's paths start in ("" for the package root). */
  dir: string;
}

export interface CatalogEntry {
  name: string;
  version: string;
  integrity: string;
  /** Globs (picomatch) over the package's paths: only these files are stored and served. */
  keep: readonly string[];
  aliases?: readonly CdnAlias[];
}

const BOOTSTRAP: Pick<CatalogEntry, "keep" | "aliases"> = {
  keep: ["package.json", "dist/**"],
  aliases: [
    { cdn: "cdnjs", name: "twitter-bootstrap", dir: "dist" },
    { cdn: "bootstrapcdn", name: "bootstrap", dir: "dist" },
  ],
};

const FONT_AWESOME_FREE: Pick<CatalogEntry, "keep" | "aliases"> = {
  keep: ["package.json", "css/**", "webfonts/**", "js/all.js", "js/all.min.js"],
  aliases: [
    { cdn: "cdnjs", name: "font-awesome", dir: "" },
    { cdn: "use.fontawesome.com", name: "fontawesome-free", dir: "" },
  ],
};

const JQUERY: Pick<CatalogEntry, "keep" | "aliases"> = {
  keep: ["package.json", "dist/*.js"],
  aliases: [
    { cdn: "cdnjs", name: "jquery", dir: "dist" },
    { cdn: "code.jquery.com", name: "jquery", dir: "dist" },
  ],
};

/** Google Fonts' families as Fontsource packages: their CSS (one file per weight and style) and woff2 files. */
const FONTSOURCE_KEEP = ["package.json", "*.css", "files/*.woff2"];

function fontsource(slug: string, version: string, integrity: string): CatalogEntry {
  return { name: `@fontsource/${slug}`, version, integrity, keep: FONTSOURCE_KEEP };
}

export const LIBRARY_CATALOG: readonly CatalogEntry[] = [
  {
    name: "tailwindcss",
    version: "2.2.19",
    integrity: "sha512-6Ui7JSVtXadtTUo2NtkBBacobzWiQYVjYW0ZnKaP9S1ZCKQ0w7KVNz+YSDI/j7O7KCMHbOkz94ZMQhbT9pOqjw==",
    keep: ["package.json", "dist/*.css"],
    aliases: [{ cdn: "cdnjs", name: "tailwindcss", dir: "dist" }],
  },
  {
    // Tailwind v4's own browser build (`<script src=".../@tailwindcss/browser@4">`): it runs in the page as published.
    name: "@tailwindcss/browser",
    version: "4.3.4",
    integrity: "sha512-RQXHqduRVgmZx6yRl2qHl1hXzchnHNELryeeH2UWMrTWBfcVSo1jzuLl+TOdMWwBSSUbzVU1A4S59JeTlLiS4Q==",
    keep: ["package.json", "dist/*.js"],
  },
  {
    name: "bootstrap",
    version: "3.4.1",
    integrity: "sha512-yN5oZVmRCwe5aKwzRj6736nSmKDX7pLYwsXiCj/EYmo16hODaBiT4En5btW/jhBF/seV+XMx3aYwukYC3A49DA==",
    ...BOOTSTRAP,
  },
  {
    name: "bootstrap",
    version: "4.6.2",
    integrity: "sha512-51Bbp/Uxr9aTuy6ca/8FbFloBUJZLHwnhTcnjIeRn2suQWsWzcuJhGjKDB5eppVte/8oCdOL3VuwxvZDUggwGQ==",
    ...BOOTSTRAP,
  },
  {
    name: "bootstrap",
    version: "5.3.9",
    integrity: "sha512-20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w==",
    ...BOOTSTRAP,
  },
  {
    name: "popper.js",
    version: "1.16.1",
    integrity: "sha512-Wb4p1J4zyFTbM+u6WuO4XstYx4Ky9Cewe4DWrel7B0w6VVICvPwdOpotjzcf6eD8TsckVnIMNONQyPIUFOUbCQ==",
    keep: ["package.json", "dist/**/*.js"],
    aliases: [{ cdn: "cdnjs", name: "popper.js", dir: "dist" }],
  },
  {
    name: "@popperjs/core",
    version: "2.11.8",
    integrity: "sha512-P1st0aksCrn9sGZhp8GMYwBnQsbvAWsZAX44oXNNvLHGqAOcoVxmjZiohstwQ7SqKnbR47akdNi+uleWD8+g6A==",
    keep: ["package.json", "dist/**/*.js"],
    aliases: [{ cdn: "cdnjs", name: "popper.js", dir: "dist" }],
  },
  {
    name: "font-awesome",
    version: "4.7.0",
    integrity: "sha512-U6kGnykA/6bFmg1M/oT9EkFeIYv7JlX3bozwQJWiiLz6L0w3F5vBVPxHlwyX/vtNq1ckcpRKOB9f2Qal/VtFpg==",
    keep: ["package.json", "css/*.css", "fonts/**"],
    aliases: [
      { cdn: "cdnjs", name: "font-awesome", dir: "" },
      { cdn: "bootstrapcdn", name: "font-awesome", dir: "" },
    ],
  },
  {
    name: "@fortawesome/fontawesome-free",
    version: "5.15.4",
    integrity: "sha512-eYm8vijH/hpzr/6/1CJ/V/Eb1xQFW2nnUKArb3z+yUWv7HTwj6M7SP957oMjfZjAHU6qpoNc2wQvIxBLWYa/Jg==",
    ...FONT_AWESOME_FREE,
  },
  {
    name: "@fortawesome/fontawesome-free",
    version: "6.7.2",
    integrity: "sha512-JUOtgFW6k9u4Y+xeIaEiLr3+cjoUPiAuLXoyKOJSia6Duzb7pq+A76P9ZdPDoAoxHdHzq6gE9/jKBGXlZT8FbA==",
    ...FONT_AWESOME_FREE,
  },
  {
    name: "jquery",
    version: "1.12.4",
    integrity: "sha512-UEVp7PPK9xXYSk8xqXCJrkXnKZtlgWkd2GsAQbMRFK6S/ePU2JN5G2Zum8hIVjzR3CpdfSqdqAzId/xd4TJHeg==",
    ...JQUERY,
  },
  {
    name: "jquery",
    version: "2.2.4",
    integrity: "sha512-lBHj60ezci2u1v2FqnZIraShGgEXq35qCzMv4lITyHGppTnA13rwR0MgwyNJh9TnDs3aXUvd1xjAotfraMHX/Q==",
    ...JQUERY,
  },
  {
    name: "jquery",
    version: "3.8.0",
    integrity: "sha512-AOYt0viqPysMUTq45O8gF9DuOnBT3Il/8WtM/TT8z/2QeGsZ70ImwSJtNFxznn2R71v8yIgaEunOGo82OY/f0g==",
    ...JQUERY,
  },
  {
    name: "bulma",
    version: "0.9.4",
    integrity: "sha512-86FlT5+1GrsgKbPLRRY7cGDg8fsJiP/jzTqXXVqiUZZ2aZT8uemEOHlU1CDU+TxklPEZ11HZNNWclRBBecP4CQ==",
    keep: ["package.json", "css/*.css"],
    aliases: [{ cdn: "cdnjs", name: "bulma", dir: "" }],
  },
  {
    name: "bulma",
    version: "1.0.4",
    integrity: "sha512-Ffb6YGXDiZYX3cqvSbHWqQ8+LkX6tVoTcZuVB3lm93sbAVXlO0D6QlOTMnV6g18gILpAXqkG2z9hf9z4hCjz2g==",
    keep: ["package.json", "css/*.css"],
    aliases: [{ cdn: "cdnjs", name: "bulma", dir: "" }],
  },
  {
    name: "animate.css",
    version: "3.7.2",
    integrity: "sha512-0bE8zYo7C0KvgOYrSVfrzkbYk6IOTVPNqkiHg2cbyF4Pq/PXzilz4BRWA3hwEUBoMp5VBgrC29lQIZyhRWdBTw==",
    keep: ["package.json", "*.css"],
    aliases: [{ cdn: "cdnjs", name: "animate.css", dir: "" }],
  },
  {
    name: "animate.css",
    version: "4.1.1",
    integrity: "sha512-+mRmCTv6SbCmtYJCN4faJMNFVNN5EuCTTprDTAo7YzIGji2KADmakjVA3+8mVDkZ2Bf09vayB35lSQIex2+QaQ==",
    keep: ["package.json", "*.css"],
    aliases: [{ cdn: "cdnjs", name: "animate.css", dir: "" }],
  },
  {
    name: "normalize.css",
    version: "8.0.1",
    integrity: "sha512-qizSNPO93t1YUuUhP22btGOo3chcvDFqFaj2TRybP0DMxkHOCTYwp3n34fel4a31ORXy4m1Xq0Gyqpb5m33qIg==",
    keep: ["package.json", "normalize.css"],
    aliases: [{ cdn: "cdnjs", name: "normalize", dir: "" }],
  },
  fontsource("roboto", "5.3.0", "sha512-BapRJOWYP+LZ21zp+wBQjfpPYKRoxc4LspJ/RLuI+HSMBD5u/X4O+ESDrSvEqDSy0rAl7GwBJ+09mdc16cVQ1Q=="),
  fontsource("open-sans", "5.3.0", "sha512-V1bdMlGNyZrJwzrdusshMOw2YR0aqYDL7kOo9dkxUEKl8dFv66A9HLckOOXl572sG/7ohhDQrCrTFGSn9LZcSw=="),
  fontsource("inter", "5.3.0", "sha512-RofMylZmjlJEfELXeNHFWBRcSs75rGU/6bV2S2jfnvv/3rPXPGe0LgUJTklcHZ9lM4OZmAVFhcJPnACfb91A3g=="),
  fontsource("lato", "5.3.0", "sha512-0WhF/4rhrw+ErIyneKvhHn2YAl+xf8GDtllgOgOzDmeaSlLQtjpChXaQOpWhG2BchQW0WJy2zLV12Hdg0ndOMw=="),
  fontsource("montserrat", "5.3.0", "sha512-iQPDtZOnmM5ih4JBGaMSXisRap0ixb9bAUw2hDtY7EjVfaqiiNlKtVuJl9XclxUwtwMMHNcWXfQR6zI9x05+Tg=="),
  fontsource("poppins", "5.3.0", "sha512-cms1nM7U6SN8epIV1WMVOV8VsA645aSm3wHfzIQnkk188U341ThbJGSl2Sv54V29gnDbT2arMPfLzvVIIVCceQ=="),
  fontsource("noto-sans", "5.3.0", "sha512-fBCog2PY7DiVVTEEqtI/Qdinx/knobHYfoGpjFXdfBX5RoJaBp1Prw2G75p0OIsdlMZg3cLo0c+YbIUYOxnQJw=="),
  fontsource("raleway", "5.3.0", "sha512-BTWr1I14Ji0DWpS/KCIq/CXcvxXWgMO73gynWpbYv7A5wlPhLevozgRmdPJvZmUf0fhH+Lju+F4nigJ6Ums24A=="),
  fontsource("nunito", "5.3.0", "sha512-vw9TaTQJ/zpEpKrsODuPmOvaVjXgdda6B+xXA4YqjrdeJ62MLgVoDerdRXFQHyBnSCt2yQ2nHKCHPP/Pv7Xq4Q=="),
  fontsource(
    "playfair-display",
    "5.3.0",
    "sha512-uJSABalvdWc10fEPppQjQocamT21LEyRfzzWfRfqbkPz+sRv+kKpYDKyluBUskvJREkJTos9epj1WjQROGu99Q==",
  ),
  fontsource("oswald", "5.3.0", "sha512-16r2aHActe0pH+9FLdk/74/YxXM7HpGak05kAzx3RvSToiJwGvyhv6GvckPz+YuZmvL1nxWbEop2jAXRcXYPRg=="),
  fontsource("merriweather", "5.3.0", "sha512-9LpPsNTYzRALj468Uj1K9Usl5eXk991L/kKmcpdWbTF1na9NfMyAXMgUABlMReViU1MYBz9kJ8jEzEOtX9qGDg=="),
  fontsource("material-icons", "5.3.0", "sha512-nCpzNTsS5KpIqWijK259rPOTaZXNJlRfTiVRDNguKwfSdoZL/O9zIvPs+3K2eeRrNW+fVJWMO+n3JQoi9DN9Tw=="),
];

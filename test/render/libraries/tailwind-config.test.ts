import { describe, expect, it } from "vitest";
import { readTailwindConfig } from "../../../src/render/libraries/tailwind-config.js";

describe("readTailwindConfig", () => {
  it("reads the literal config a page assigns, the last assignment winning", () => {
    const scripts = [
      "tailwind.config = { theme: { colors: { old: '#000' } } }",
      `console.log("x");
       window.tailwind.config = {
         darkMode: 'class',
         important: true,
         theme: { extend: { colors: { brand: "#1d4ed8", 'brand-dark': \`#1e3a8a\` }, spacing: { 128: '32rem' }, zIndex: { under: -1 } } },
         safelist: ['p-4', "m-2"],
       };`,
    ];
    expect(readTailwindConfig(scripts)).toEqual({
      config: {
        darkMode: "class",
        important: true,
        theme: { extend: { colors: { brand: "#1d4ed8", "brand-dark": "#1e3a8a" }, spacing: { "128": "32rem" }, zIndex: { under: -1 } } },
        safelist: ["p-4", "m-2"],
      },
      dropped: [],
    });
  });

  it("never runs the page's code: functions, calls, spreads, variables and prototype keys are left out and named", () => {
    const script = `tailwind.config = {
      theme: { extend: { colors: ({ theme }) => theme('x'), fontFamily: { sans: ['Inter', ...defaults.sans] } } },
      plugins: [require('@tailwindcss/forms')],
      corePlugins: { preflight: process.exit(1) },
      ['computed']: 1,
      __proto__: { polluted: true },
      get later() { return 1 },
      keep: \`a\${b}\`,
    }`;
    const { config, dropped } = readTailwindConfig([script]);
    expect(config).toEqual({ theme: { extend: { fontFamily: { sans: ["Inter"] } } }, plugins: [], corePlugins: {} });
    expect(dropped).toEqual([
      "theme.extend.colors",
      "theme.extend.fontFamily.sans[1]",
      "plugins[0]",
      "corePlugins.preflight",
      "[computed]",
      "__proto__",
      "later",
      "keep",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("ignores scripts that do not parse, other assignments and nested code", () => {
    const scripts = [
      "tailwind.config = {",
      "config = { a: 1 }; other.tailwind.config = { b: 2 }",
      "function later() { tailwind.config = { c: 3 } }",
      "if (x) { tailwind.config = { d: 4 } }",
    ];
    expect(readTailwindConfig(scripts)).toEqual({ config: {}, dropped: [] });
  });
});

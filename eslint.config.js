import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "reports/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The ES-module hooks tests load into a child Node process.
  { files: ["**/*.mjs"], languageOptions: { globals: { URL: "readonly", process: "readonly" } } },
  {
    rules: {
      // Rest siblings leave out what a copy must not carry.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
);

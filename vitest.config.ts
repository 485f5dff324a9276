import { defineConfig } from "vitest/config";
import { BROWSER_TESTS, E2E_TESTS } from "./test/tiers.js";

/**
 * Three tiers, each a vitest project (`npm run test:unit`, `test:browser`, `test:e2e`; `npm test` runs
 * all three, unit first). The rule that places a file: it is unit unless test/tiers.ts lists it under
 * browser (it starts Chromium or another process) or e2e (it runs a model runtime, packs the program
 * or makes a long CLI run); the unit tier's guard fails a unit test that starts a process or runtime.
 */
export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A stray .only would pass CI with the rest of the suite unrun: it fails instead, everywhere
    // (`npx vitest run --allowOnly` for a moment's focus).
    allowOnly: false,
    reporters: ["default", "./test/helpers/skipped-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...BROWSER_TESTS, ...E2E_TESTS],
          setupFiles: ["test/helpers/unit-guard.ts"],
          // In parallel: nothing here holds a browser, a port of its own or a model.
          fileParallelism: true,
          // Files share each worker's module cache instead of loading src/ afresh (a quarter of the CPU
          // time): a unit test must not rely on fresh module state, nor leave an env or global stubbed.
          isolate: false,
          unstubEnvs: true,
          unstubGlobals: true,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // Browser tests are heavy on 2 cores: files one after another, after the unit tier.
        test: { name: "browser", include: [...BROWSER_TESTS], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        // Model runtimes and long runs: one file at a time, last.
        test: { name: "e2e", include: [...E2E_TESTS], fileParallelism: false, sequence: { groupOrder: 2 } },
      },
    ],
  },
});

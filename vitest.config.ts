import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests are heavy on 2 cores: run files one after another.
    fileParallelism: false,
    // A stray .only would pass CI with the rest of the suite unrun: it fails instead, everywhere
    // (`npx vitest run --allowOnly` for a moment's focus).
    allowOnly: false,
    reporters: ["default", "./test/helpers/skipped-reporter.ts"],
  },
});

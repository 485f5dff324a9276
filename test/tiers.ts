/**
 * Which tier each test file runs in (vitest.config.ts reads these lists; docs: /work/notes/test-tiers.md
 * until docs/ takes it over).
 *
 * - unit: every test file not listed below. Code in this process only: pure functions, files in temp
 *   folders, HTTP servers the test starts in-process. No browser, no child process, no model runtime
 *   (llama-server, node-llama-cpp, onnxruntime), no wall-clock assertion. Files run in parallel.
 *   test/helpers/unit-guard.ts enforces the no-process, no-runtime part: a unit test that starts
 *   one fails and names this file.
 * - browser: starts real Chromium (through the Renderer or the CLI) or another process (the CLI in a
 *   child process, a tool stand-in), and needs nothing beyond `scripts/setup.sh` (Node packages,
 *   Chrome). Files run one at a time.
 * - e2e: runs a model runtime (llama-server, real or a stand-in server process; node-llama-cpp;
 *   onnxruntime), builds or packs the shipped program, or makes a long CLI run. Needs what
 *   `npm run test:fresh` sets up (`setup llama-server` too). Files run one at a time, after browser.
 *
 * A new test file is unit unless added here: when it starts a process or a runtime, the unit guard
 * fails it, saying to list it here (browser when it starts Chromium or a process, e2e when it runs a
 * model runtime). Paths are relative to the repository root; `ci-config.test.ts` checks each exists.
 */

export const BROWSER_TESTS: readonly string[] = [
  "test/cli/apt.test.ts",
  "test/cli/bad-input.test.ts",
  "test/cli/cache.test.ts",
  "test/cli/compare.test.ts",
  "test/cli/datasets.test.ts",
  "test/cli/exit-codes.test.ts",
  "test/cli/lazy-load.test.ts",
  "test/cli/leaderboard.test.ts",
  "test/cli/libraries.test.ts",
  "test/cli/merge.test.ts",
  "test/cli/no-browser.test.ts",
  "test/cli/out-path.test.ts",
  "test/cli/progress.test.ts",
  "test/cli/refused.test.ts",
  "test/cli/report.test.ts",
  "test/cli/resume-retry.test.ts",
  "test/cli/resume.test.ts",
  "test/cli/run-judged.test.ts",
  "test/cli/run-interaction.test.ts",
  "test/cli/run-qa.test.ts",
  "test/cli/sample-failures.test.ts",
  "test/cli/stop.test.ts",
  "test/cli/viewports.test.ts",
  "test/cli/width.test.ts",
  "test/cli/withheld.test.ts",
  "test/metrics/gaming.test.ts",
  "test/metrics/interaction/ocr.test.ts",
  "test/render/capture.test.ts",
  "test/render/crash.test.ts",
  "test/render/interact.test.ts",
  "test/render/libraries/fidelity.test.ts",
  "test/render/libraries/hostile.test.ts",
  "test/render/libraries/lazy-tailwind.test.ts",
  "test/render/orphan.test.ts",
  "test/render/renderer.test.ts",
  "test/render/sandbox.test.ts",
  "test/render/text-blocks.test.ts",
  "test/render/tsx-scripts.test.ts",
  "test/results/version-1.test.ts",
  "test/runner/hostile.test.ts",
];

export const E2E_TESTS: readonly string[] = [
  "test/cli/commands.test.ts",
  "test/cli/packed-install.test.ts",
  "test/cli/run-clip.test.ts",
  "test/cli/run-llama-server.test.ts",
  "test/cli/run-llama.test.ts",
  "test/cli/run.test.ts",
  "test/judge/llama-server.test.ts",
  "test/metrics/clip/encoder.test.ts",
  "test/metrics/d2c-clip.test.ts",
  "test/metrics/load-metrics-clip.test.ts",
  "test/model/backends/llama-server-states.test.ts",
  "test/model/backends/llama-server.test.ts",
  "test/model/backends/node-llama.test.ts",
  "test/model/llama-server/process.test.ts",
  "test/model/llama-server/source.test.ts",
  "test/runner/generation-cache.test.ts",
];

import { relative } from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";

/**
 * Lists every skipped test at the end of a run, with its reason: a test that cannot run on this
 * machine (no mount namespace, no terminal program) says why with `ctx.skip(condition, reason)`,
 * and CI prints it rather than passing it silently.
 */
export default class SkippedReporter implements Reporter {
  /** Under -t, every test the name filter leaves out is skipped too: only those with a reason are listed then. */
  private filtered = false;

  onInit(vitest: Vitest): void {
    this.filtered = vitest.config.testNamePattern !== undefined;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests("skipped")) {
        const result = test.result();
        const note = result.state === "skipped" ? result.note : undefined;
        if (!note && this.filtered) continue;
        const reason = note ?? `no reason given (${test.options.mode})`;
        lines.push(`  ${relative(process.cwd(), module.moduleId)} > ${test.fullName}: ${reason}`);
      }
    }
    if (lines.length) process.stdout.write(`\nSkipped tests (${lines.length}):\n${lines.join("\n")}\n`);
  }
}

import type { Command } from "commander";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput } from "../output.js";

export function registerDoctor(program: Command): void {
  withExamples(
    addOutputFlags(program.command("doctor").description("what it found: browser, fonts, GPU, llama-server, node-llama-cpp, cache")),
    "doctor",
    "doctor --json",
  ).action(async (flags: CommonFlags) => {
    const { doctorChecks } = await import("../doctor-checks.js");
    const checks = await doctorChecks();
    const text = checks
      .map(
        (c) => `${c.ok ? "ok     " : "missing"} ${c.name.padEnd(15)} ${c.detail}${c.fix ? `\n        ${"".padEnd(15)} how: ${c.fix}` : ""}`,
      )
      .join("\n");
    createOutput(flags).result(checks, text);
  });
}

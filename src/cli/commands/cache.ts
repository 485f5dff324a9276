import type { Command } from "commander";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput } from "../output.js";

interface ClearFlags extends CommonFlags {
  all?: boolean;
}

export function registerCache(program: Command): void {
  const cache = program.command("cache").description("the user cache: generations, renders, llama-server builds (doctor shows its size)");
  withExamples(
    addOutputFlags(
      cache
        .command("clear")
        .description("remove cached generations and renders (and, with --all, the llama-server builds too)")
        .option("--all", "also remove the llama-server builds"),
    ),
    "cache clear",
    "cache clear --all",
  ).action(async (flags: ClearFlags) => {
    const { cacheDir, clearCache } = await import("../../runner/index.js");
    const root = cacheDir();
    const freed = clearCache(root, flags.all);
    createOutput(flags).result({ dir: root, freedBytes: freed }, `cleared ${root}: ${(freed / 1e6).toFixed(1)} MB freed`);
  });
}

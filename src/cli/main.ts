// Every command file registers its flags and help alone and imports what it runs (the browser,
// image decoding, HTML parsing) only when it runs: --help and --version load none of it.
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { registerCompare } from "./commands/compare.js";
import { registerCache } from "./commands/cache.js";
import { registerDatasets } from "./commands/datasets.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerLeaderboard } from "./commands/leaderboard.js";
import { registerMerge } from "./commands/merge.js";
import { registerRender } from "./commands/render.js";
import { registerReport } from "./commands/report.js";
import { registerRun } from "./commands/run.js";
import { registerScore } from "./commands/score.js";
import { registerSetup } from "./commands/setup.js";
import { DatasetProblems } from "../datasets/errors.js";
import { oneLine, TOOL } from "../shared/index.js";
import { EXIT, exitCodeFor } from "./errors.js";

export function buildProgram(): Command {
  const program = new Command()
    .name("web2code-eval")
    .description("Score how well models turn webpage screenshots into HTML.")
    .version(TOOL.version)
    .exitOverride();
  for (const register of [
    registerRun,
    registerScore,
    registerReport,
    registerDatasets,
    registerRender,
    registerDoctor,
    registerSetup,
    registerCache,
    registerLeaderboard,
    registerCompare,
    registerMerge,
  ]) {
    register(program);
  }
  // Sub-commands inherit exitOverride so every usage error reaches one place.
  program.commands.forEach(function override(command: Command) {
    command.exitOverride();
    refuseOptionsAsValues(command);
    unknownOptionsFirst(command);
    command.commands.forEach(override);
  });
  return program;
}

/**
 * An option that takes a value, followed by another option (`--model --limit 2`): commander would
 * take `--limit` as the value and then call the `2` an excess argument. Refused here, naming both.
 */
function refuseOptionsAsValues(command: Command): void {
  const names = new Set(command.options.flatMap((option) => [option.long, option.short]).concat("--help", "-h"));
  for (const option of command.options) {
    if (!option.required || option.variadic) continue;
    const parse = option.parseArg;
    option.argParser((value: string, previous: unknown) => {
      const name = value.split("=")[0]!;
      if (names.has(name)) throw new InvalidArgumentError(`the value is missing (${name} is an option)`);
      return parse ? parse(value, previous) : value;
    });
  }
}

/**
 * Commander checks required options before it looks for unknown ones, so `score --predictons X`
 * would only hear that `--predictions` is missing. The required ones are checked just before the
 * command runs instead, after an unknown option has been named with commander's "did you mean".
 */
function unknownOptionsFirst(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  if (required.length === 0) return;
  for (const option of required) option.mandatory = false;
  command.hook("preAction", () => {
    const missing = required.find((option) => command.getOptionValue(option.attributeName()) === undefined);
    if (missing)
      command.error(`error: required option '${missing.flags}' not specified`, { code: "commander.missingMandatoryOptionValue" });
  });
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; every other commander error is bad usage (already printed).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // A dataset's problems all at once, one line each, so a hand-written one is fixed in one try.
    const lines = error instanceof DatasetProblems ? error.problems : [oneLine(error)];
    process.stderr.write(lines.map((line) => `web2code-eval: ${line}\n`).join(""));
    return exitCodeFor(error);
  }
}

process.exitCode = await main(process.argv);

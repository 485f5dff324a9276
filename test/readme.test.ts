import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { MODEL_SPEC_FORMS } from "../src/model/index.js";
import { cells, contractTable } from "./helpers/contract.js";
import { DOC_PAGES, pageText, ROOT } from "./helpers/docs.js";

/**
 * The program's commands and flags as src/cli/main.ts registers them: every `register*` function of
 * src/cli/commands/ (main.ts itself runs the program when imported).
 */
async function cliProgram(): Promise<Command> {
  const program = new Command("web2code-eval");
  const dir = join(ROOT, "src/cli/commands");
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
    const module = (await import(join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (name.startsWith("register") && typeof value === "function") (value as (program: Command) => void)(program);
    }
  }
  return program;
}

/**
 * The lines of a page's fenced code blocks, a line ending in `\` joined with the next, and its inline
 * code that is a command line (`npx web2code-eval doctor`).
 */
function codeLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1/gm)].map((match) => match[2]!);
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1/gm, "");
  const inline = [...prose.matchAll(/`((?:npx |node )?(?:bin\/)?web2code-eval(?:\.js)? [^`]+)`/g)].map((match) => match[1]!);
  return [...blocks.flatMap((block) => block.replace(/\\\n\s*/g, " ").split("\n")), ...inline];
}

/** A command line cut into words as a shell would, quotes kept together; up to a comment or a redirection. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const [word] of line.matchAll(/(?:'[^']*'|"[^"]*"|[^\s'"])+/g)) {
    if (word.startsWith("#") || word.startsWith(">") || word.startsWith("2>")) break;
    out.push(word);
  }
  return out;
}

/** Each invocation of the program in a line (`npx web2code-eval ...`, `node bin/web2code-eval.js ...`, `web2code-eval ...`): its arguments. */
function invocations(line: string): string[][] {
  return line.split(/&&|\|\||;|\|/).flatMap((part) => {
    const parts = words(part.replace(/^\s*(-\s+)?(run:\s*)?/, ""));
    const start = parts[0] === "npx" || parts[0] === "node" ? 1 : 0;
    const program = parts[start];
    return program === "web2code-eval" || program === "bin/web2code-eval.js" ? [parts.slice(start + 1)] : [];
  });
}

/** What is wrong with one invocation: a command or a flag the program does not have. */
function problems(program: Command, args: string[]): string[] {
  let command = program;
  let rest = args;
  while (rest.length > 0 && !rest[0]!.startsWith("-")) {
    const sub = command.commands.find((candidate) => candidate.name() === rest[0]);
    if (!sub) break;
    command = sub;
    rest = rest.slice(1);
  }
  if (command === program) return args.every((arg) => ["--help", "--version"].includes(arg)) ? [] : [`no command "${args[0]}"`];
  if (command.commands.length > 0 && !rest.includes("--help")) return [`"${command.name()}" needs one of its commands`];
  const known = new Set([...command.options.map((option) => option.long), "--help"]);
  return rest
    .map((arg) => arg.replace(/^\[|\]$/g, "").split("=")[0]!)
    .filter((arg) => arg.startsWith("--") && !known.has(arg))
    .map((flag) => `${command.name()} has no ${flag}`);
}

describe("the contract's tables", () => {
  it("lists every model spec form in one table (a blank line would split it, and the rows after it would not render)", () => {
    const rows = contractTable("## Model specs");
    expect(rows.slice(0, 2)).toEqual(["| spec | meaning |", "| --- | --- |"]);
    // `reference, blank, boxes, replay:PDIR, openai:MODEL@BASE_URL, llama-server:GGUF, llama:GGUF`
    const forms = MODEL_SPEC_FORMS.split(", each")[0]!.split(", ");
    expect(rows.slice(2).map((row) => /^\| `([^`?]+)/.exec(row)?.[1])).toEqual(forms);
  });

  it("has the exit-code table, with the codes a CI job acts on", () => {
    const rows = contractTable("Exit codes, for a CI job to act on:");
    expect(rows.slice(2).map((row) => cells(row)[0])).toEqual(["0", "1", "2", "100", "130, 143"]);
  });
});

describe("the commands the README and docs/ show", async () => {
  const program = await cliProgram();
  const shown = DOC_PAGES.flatMap((page) =>
    codeLines(pageText(page)).flatMap((line) => invocations(line).map((args) => ({ page, line: line.trim(), args }))),
  );

  it("finds the commands in code blocks, whatever runs the program", () => {
    expect(invocations("npx web2code-eval run --model 'openai:m@http://h/v1?a=1&b=2' --out x   # a comment --nope")).toEqual([
      ["run", "--model", "'openai:m@http://h/v1?a=1&b=2'", "--out", "x"],
    ]);
    expect(invocations("- run: npm ci && npx web2code-eval merge a b --out c")).toEqual([["merge", "a", "b", "--out", "c"]]);
    expect(invocations("npm install --no-save web2code-eval && node bin/web2code-eval.js setup browser")).toEqual([["setup", "browser"]]);
    expect(problems(program, ["run", "--modle", "boxes"])).toEqual(["run has no --modle"]);
    expect(problems(program, ["score", "--predictons", "p"])).toEqual(["score has no --predictons"]);
    expect(problems(program, ["datasets"])).toEqual(['"datasets" needs one of its commands']);
    expect(problems(program, ["frobnicate"])).toEqual(['no command "frobnicate"']);
    expect(shown.length).toBeGreaterThan(20);
    expect(new Set(shown.map(({ page }) => page))).toContain("README.md");
  });

  it("name a command the program has, with flags it takes", () => {
    expect(shown.flatMap(({ page, line, args }) => problems(program, args).map((problem) => `${page}: ${problem}: ${line}`))).toEqual([]);
  });

  it("name npm scripts that package.json has", () => {
    const scripts = Object.keys((JSON.parse(pageText("package.json")) as { scripts: Record<string, string> }).scripts);
    // The contract's paragraph of names the current issues add lists what is promised, not built yet.
    const promised = /^Names the current issues add[\s\S]*?\n\n/m;
    const named = DOC_PAGES.flatMap((page) =>
      [
        ...pageText(page)
          .replace(promised, "")
          .matchAll(/\bnpm run ([a-z][\w:-]*)/g),
      ].map((match) => `${page}: ${match[1]}`),
    );
    expect(named.filter((entry) => !scripts.includes(entry.split(": ")[1]!))).toEqual([]);
  });
});

import type { Command } from "commander";
import { checkWritable, writeFileAtomic } from "../../shared/index.js";
import { UsageError } from "../errors.js";
import { addOutputFlags, withExamples, type CommonFlags } from "../flags.js";
import { createOutput } from "../output.js";

interface ReportFlags extends CommonFlags {
  out: string;
  dataset?: string;
  title: string;
}

export function registerReport(program: Command): void {
  withExamples(
    addOutputFlags(
      program
        .command("report")
        .description("comparative report.html and report.md over one or more runs, with a per-sample gallery; opens offline")
        .argument("<RUN...>", "run folders (or their results.json)")
        .requiredOption("--out <DIR>", "folder for report.html, report.md and report-assets/")
        .option("--dataset <D>", "where the runs' dataset is, if it moved (for its screenshots, what the models saw)")
        .option("--title <text>", "the report's title", "web2code-eval report"),
    ),
    "report reports/reference reports/boxes reports/blank --out reports/report",
    "report nightly/2026-11-26 --out report --dataset ./my-benchmark",
  ).action(async (runPaths: string[], flags: ReportFlags) => {
    const { writeReport } = await import("../../report/index.js");
    const { readRun } = await import("../../results/index.js");
    const { screenshotsFor } = await import("../screenshots.js");
    const output = createOutput(flags);
    // Every run is read, and checked, before anything is written.
    const runs = runPaths.map((path) => readRun(path));
    const outDir = checkWritable(flags.out, UsageError);
    const screenshots = await screenshotsFor(runs, flags.dataset);
    const started = performance.now();
    const written = await writeReport(runs, {
      outDir,
      name: "report",
      title: flags.title,
      screenshot: screenshots.lookup,
      referenceStates: screenshots.states,
      screenshotNote: screenshots.note,
      writeFile: writeFileAtomic,
    });
    if (screenshots.note) output.log(screenshots.note);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    output.result(
      { ...written, seconds: Number(seconds) },
      `report: ${written.html}\nreport: ${written.markdown}\n(${written.samples} samples in ${seconds} s)`,
    );
  });
}

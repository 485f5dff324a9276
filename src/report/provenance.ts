import { Results } from "../results/index.js";

/**
 * What fixes a run's numbers, as name/value lines for a report: model, template, sampling,
 * dataset fingerprint, tool and browser versions, the viewport pages were rendered at. Absent facts are left out.
 */
export function provenanceFacts(results: Results): Array<[string, string]> {
  const model = results.model as Record<string, unknown>;
  const profile = model.profile as { name?: string; templateSha256?: string } | string | undefined;
  const weights = model.weights as { sha256?: string } | undefined;
  const viewport = results.environment.renderer?.viewport;
  const facts: Array<[string, unknown]> = [
    ["spec", model.spec],
    ["profile", typeof profile === "string" ? profile : profile?.name],
    ["template sha256", typeof profile === "object" ? profile.templateSha256 : undefined],
    ["sampling", model.sampling && Object.keys(model.sampling).length ? JSON.stringify(model.sampling) : undefined],
    ["weights sha256", weights?.sha256],
    ["dataset", `${results.dataset.id} ${results.dataset.fingerprint}`],
    ["task", results.task],
    ["samples", `${results.dataset.samples.total} (${results.dataset.samples.scored} scored)`],
    ["run at", results.createdAt],
    ["tool", `${results.tool.name} ${results.tool.version}`],
    ["browser", results.environment.chrome],
    ["rendered at", viewport && `${viewport.width} × ${viewport.height} viewport`],
    ["node", results.environment.node],
  ];
  return facts.filter((fact): fact is [string, string] => typeof fact[1] === "string" && fact[1] !== "");
}

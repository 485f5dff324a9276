/** A model spec that cannot be parsed or built; the CLI maps it to exit 2 (bad usage). */
export class ModelSpecError extends Error {
  override name = "ModelSpecError";
}

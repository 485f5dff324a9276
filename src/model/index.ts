export { boxesHtml } from "./backends/boxes.js";
export { BLANK_HTML } from "./backends/blank.js";
export { ModelSpecError } from "./errors.js";
export { extractHtml } from "./extract.js";
export { createBackend, MODEL_SPEC_FORMS, modelSlug, parseModelSpec } from "./spec.js";
export type { ModelKind, ParsedSpec, SpecTarget } from "./spec.js";
export type * from "./types.js";

export { BadInputError, errorMessage, fsReason, oneLine, singleLine, type BadInputClass } from "./errors.js";
export { lstatOrNull, writeFileAtomic } from "./fs.js";
export { describeIssue, parseJson, parseWith, readJsonFile } from "./json.js";
export { killWhenOrphaned, type OrphanGuardOptions } from "./orphan-guard.js";

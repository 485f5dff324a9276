/**
 * Writes schemas/dataset.schema.json from the loader's own schema of dataset.json (the test
 * test/datasets/manifest-schema.test.ts fails when the shipped file is not what this writes).
 */
import { writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";
import { manifestJsonSchema, MANIFEST_SCHEMA_PATH } from "../src/datasets/index.js";

const config = await resolveConfig(MANIFEST_SCHEMA_PATH);
writeFileSync(MANIFEST_SCHEMA_PATH, await format(JSON.stringify(manifestJsonSchema()), { ...config, parser: "json" }));
console.log(`wrote ${MANIFEST_SCHEMA_PATH}`);

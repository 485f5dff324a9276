// `node --import ./import-log.mjs`: writes every module the process resolves to the file named by
// W2C_IMPORT_LOG, one URL a line, so a test can tell what a command loaded.
import { register } from "node:module";

register(new URL("./import-log-hooks.mjs", import.meta.url), { data: { file: process.env.W2C_IMPORT_LOG } });

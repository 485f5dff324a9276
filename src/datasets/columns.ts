import { DatasetError } from "./errors.js";

/** `image=screenshot,html=code`: the `--columns` flag, as role -> column name. */
export function parseColumns(text: string): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const { role, column } = /^\s*(?<role>[a-z]+)\s*=\s*(?<column>\S(?:.*\S)?)\s*$/.exec(pair)?.groups ?? {};
    if (role === undefined || column === undefined) throw new DatasetError(`--columns: "${pair}" is not ROLE=COLUMN (e.g. image=image,html=text)`);
    if (Object.hasOwn(columns, role)) throw new DatasetError(`--columns: ${role} is given twice`);
    columns[role] = column;
  }
  return columns;
}

/**
 * The column of each role: given with `--columns`, else the first of the role's usual names that
 * the data has, else none. Given roles the form does not know, or columns the data lacks, are
 * bad input naming `file`.
 */
export function resolveColumns<Role extends string>(
  file: string,
  known: Record<Role, readonly string[]>,
  given: Record<string, string> | undefined,
  present: readonly string[],
): Partial<Record<Role, string>> {
  const roles = Object.keys(known) as Role[];
  const unknown = Object.keys(given ?? {}).filter((role) => !roles.includes(role as Role));
  if (unknown.length) throw new DatasetError(`--columns: ${unknown.join(", ")} is no role of ${file} (roles: ${roles.join(", ")})`);
  const resolved: Partial<Record<Role, string>> = {};
  for (const role of roles) {
    const chosen = given?.[role];
    if (chosen !== undefined && !present.includes(chosen)) {
      throw new DatasetError(`${file}: no column "${chosen}" (given as --columns ${role}=${chosen}; columns: ${present.join(", ")})`);
    }
    const column = chosen ?? known[role].find((name) => present.includes(name));
    if (column !== undefined) resolved[role] = column;
  }
  return resolved;
}

/** `image=image,html=text`: the columns read, for the fingerprint and messages. */
export function showColumns(columns: Partial<Record<string, string>>): string {
  return Object.entries(columns)
    .map(([role, column]) => `${role}=${column}`)
    .join(",");
}

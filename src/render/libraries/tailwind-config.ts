import { parse, type Expression, type Node, type Pattern, type Program, type SpreadElement } from "acorn";

export interface PageConfig {
  config: Record<string, unknown>;
  /** Paths (e.g. `theme.extend.colors.brand`) whose values were not literals and were left out. */
  dropped: string[];
}

/** Keys never copied: they would reach an object's prototype. */
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_DEPTH = 32;

/**
 * The page's `tailwind.config = {...}` as data, without running the page's code: each inline script
 * is parsed (acorn) and the object literal assigned to `tailwind.config` (or `window.tailwind.config`)
 * at its top level is read: objects, arrays, strings, numbers, booleans, null and template strings
 * without expressions. Anything else (functions, `require(...)`, spreads, variables) is dropped and
 * named. The last assignment wins, as in the page.
 */
export function readTailwindConfig(scripts: readonly string[]): PageConfig {
  let found: PageConfig = { config: {}, dropped: [] };
  for (const source of scripts) {
    if (!source.includes("tailwind")) continue;
    let program: Program;
    try {
      program = parse(source, { ecmaVersion: "latest", sourceType: "script" });
    } catch {
      continue;
    }
    for (const statement of program.body) {
      if (statement.type !== "ExpressionStatement") continue;
      const expressions = statement.expression.type === "SequenceExpression" ? statement.expression.expressions : [statement.expression];
      for (const expression of expressions) {
        if (expression.type !== "AssignmentExpression" || expression.operator !== "=" || !isConfigTarget(expression.left)) continue;
        const dropped: string[] = [];
        const value = literal(expression.right, "", dropped, 0);
        if (isRecord(value)) found = { config: value, dropped };
      }
    }
  }
  return found;
}

/** `tailwind.config`, `window.tailwind.config` (also `self.` and `globalThis.`). */
function isConfigTarget(node: Pattern | Expression): boolean {
  if (node.type !== "MemberExpression" || node.computed || !isName(node.property, "config")) return false;
  const object = node.object;
  if (isName(object, "tailwind")) return true;
  return (
    object.type === "MemberExpression" &&
    !object.computed &&
    isName(object.property, "tailwind") &&
    ["window", "self", "globalThis"].some((name) => isName(object.object, name))
  );
}

function isName(node: Node, name: string): boolean {
  return node.type === "Identifier" && (node as Node & { name: string }).name === name;
}

const OMITTED = Symbol("omitted");

function literal(node: Expression | SpreadElement, path: string, dropped: string[], depth: number): unknown {
  const omit = () => {
    dropped.push(path || "(the config)");
    return OMITTED;
  };
  if (depth > MAX_DEPTH) return omit();
  switch (node.type) {
    case "Literal":
      return node.value instanceof RegExp || typeof node.value === "bigint" ? omit() : node.value;
    case "TemplateLiteral":
      return node.expressions.length === 0 ? node.quasis.map((q) => q.value.cooked ?? "").join("") : omit();
    case "UnaryExpression":
      if (node.operator === "-" && node.argument.type === "Literal" && typeof node.argument.value === "number") return -node.argument.value;
      return omit();
    case "ArrayExpression": {
      const items: unknown[] = [];
      node.elements.forEach((element, i) => {
        const value = element ? literal(element, `${path}[${i}]`, dropped, depth + 1) : OMITTED;
        if (value !== OMITTED) items.push(value);
      });
      return items;
    }
    case "ObjectExpression": {
      const result: Record<string, unknown> = {};
      for (const property of node.properties) {
        if (property.type === "SpreadElement") {
          dropped.push(`${path || "(the config)"} (a spread)`);
          continue;
        }
        const key = property.computed ? null : keyOf(property.key);
        const childPath = key === null ? `${path}[computed]` : path ? `${path}.${key}` : key;
        if (key === null || UNSAFE_KEYS.has(key) || property.kind !== "init" || property.method) {
          dropped.push(childPath);
          continue;
        }
        const value = literal(property.value as Expression, childPath, dropped, depth + 1);
        if (value !== OMITTED) result[key] = value;
      }
      return result;
    }
    default:
      return omit();
  }
}

function keyOf(node: Node): string | null {
  if (node.type === "Identifier") return (node as Node & { name: string }).name;
  if (node.type === "Literal") {
    const value = (node as Node & { value: unknown }).value;
    return typeof value === "string" || typeof value === "number" ? String(value) : null;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

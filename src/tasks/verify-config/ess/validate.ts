import { getOwn, hasOwn } from "../../../core/own.js";
import type { PathSeg } from "../../../core/yaml.js";
import type { SchemaNode } from "./schema-data.js";

/** One schema violation at a values path. */
export interface SchemaIssue {
  kind: "unknown-key" | "type" | "enum" | "required" | "shape" | "range" | "pattern";
  path: PathSeg[];
  message: string;
  /** Keys allowed where an unknown key was found. */
  allowed?: string[];
}

const MAX_DEPTH = 64;

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(v: unknown, t: string | string[]): boolean {
  const actual = typeOf(v);
  const want = Array.isArray(t) ? t : [t];
  return want.some((w) => w === actual || (w === "number" && actual === "integer"));
}

const patternCache = new Map<string, RegExp | null>();
function regex(p: string): RegExp | null {
  if (!patternCache.has(p)) {
    try {
      patternCache.set(p, new RegExp(p, "u"));
    } catch {
      patternCache.set(p, null);
    }
  }
  return patternCache.get(p) ?? null;
}

/**
 * Validate values against a normalised matrix-stack schema node the way Helm's JSON-Schema check would
 * reject them, collecting every issue with its path. `null` values are skipped: Helm deletes keys set to
 * null before validating. Never throws.
 */
export function validateValues(nodes: readonly SchemaNode[], root: number, value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(nodes, root, value, [], issues, 0);
  return issues;
}

/** True when `value` satisfies node `i` (used for oneOf/anyOf/not branches). */
function valid(nodes: readonly SchemaNode[], i: number, value: unknown, depth: number): boolean {
  const scratch: SchemaIssue[] = [];
  check(nodes, i, value, [], scratch, depth);
  return scratch.length === 0;
}

function check(
  nodes: readonly SchemaNode[],
  i: number,
  value: unknown,
  path: PathSeg[],
  out: SchemaIssue[],
  depth: number,
): void {
  const n = nodes[i];
  if (!n || depth > MAX_DEPTH || value === null || value === undefined) return;
  // A Flux post-build substitution (`${VAR}`) is replaced in the text before YAML parsing, so its final type
  // (bool, number, string) is not known here: nothing to check.
  if (typeof value === "string" && /\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-=][^}]*)?\}/.test(value)) return;
  if (n.never) {
    out.push({ kind: "shape", path, message: "no value is allowed here" });
    return;
  }
  if (n.t !== undefined && !typeMatches(value, n.t)) {
    out.push({
      kind: "type",
      path,
      message: `must be ${Array.isArray(n.t) ? n.t.join(" or ") : n.t}, not ${typeOf(value)}`,
    });
    return;
  }
  if (n.e && !n.e.some((x) => x === value)) {
    out.push({
      kind: "enum",
      path,
      message: `must be one of ${n.e.map((x) => JSON.stringify(x)).join(", ")}, not ${JSON.stringify(value)}`,
    });
  }
  if (typeof value === "number") {
    if (n.min !== undefined && value < n.min) out.push({ kind: "range", path, message: `must be at least ${n.min}` });
    if (n.max !== undefined && value > n.max) out.push({ kind: "range", path, message: `must be at most ${n.max}` });
  }
  if (typeof value === "string") {
    if (n.pat) {
      const re = regex(n.pat);
      if (re && !re.test(value)) out.push({ kind: "pattern", path, message: `does not match the pattern ${n.pat}` });
    }
    if (n.minLen !== undefined && value.length < n.minLen)
      out.push({ kind: "range", path, message: `must have at least ${n.minLen} characters` });
  }
  if (Array.isArray(value)) {
    if (n.minItems !== undefined && value.length < n.minItems)
      out.push({ kind: "range", path, message: `needs at least ${n.minItems} items` });
    if (n.i !== undefined) value.forEach((item, k) => check(nodes, n.i as number, item, [...path, k], out, depth + 1));
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const r of n.r ?? [])
      if (!hasOwn(obj, r) || obj[r] === null) out.push({ kind: "required", path, message: `needs ${r}` });
    for (const [k, v] of Object.entries(obj)) {
      // Own properties only: a value key `constructor` or `__proto__` must not find Object's members.
      const child = getOwn(n.p, k) as number | undefined;
      if (child !== undefined) check(nodes, child, v, [...path, k], out, depth + 1);
      else if (n.a === -1)
        out.push({
          kind: "unknown-key",
          path: [...path, k],
          message: `is not a key the chart accepts here`,
          allowed: Object.keys(n.p ?? {}),
        });
      else if (n.a !== undefined) check(nodes, n.a, v, [...path, k], out, depth + 1);
    }
  }
  if (n.all) for (const b of n.all) check(nodes, b, value, path, out, depth + 1);
  if (n.one) {
    const ok = n.one.filter((b) => valid(nodes, b, value, depth + 1)).length;
    if (ok !== 1) out.push({ kind: "shape", path, message: describeAlternatives(nodes, n.one, ok) });
  }
  if (n.any && !n.any.some((b) => valid(nodes, b, value, depth + 1)))
    out.push({ kind: "shape", path, message: describeAlternatives(nodes, n.any, 0) });
  if (n.not !== undefined && valid(nodes, n.not, value, depth + 1))
    out.push({ kind: "shape", path, message: "has a combination of keys the chart forbids" });
}

/** "needs exactly one of: {value} or {secret + secretKey}" for required-only alternatives. */
function describeAlternatives(nodes: readonly SchemaNode[], branches: readonly number[], matched: number): string {
  const forms = branches.map((b) => nodes[b]?.r).filter((r): r is string[] => Array.isArray(r));
  const alts = forms.length === branches.length ? forms.map((r) => r.join(" + ")).join(" or ") : undefined;
  if (alts) return matched > 1 ? `must use only one of: ${alts} (not both)` : `needs exactly one of: ${alts}`;
  return matched > 1 ? "matches more than one allowed form" : "matches none of the allowed forms";
}

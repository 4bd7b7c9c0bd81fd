import type { PathSeg } from "../../../../core/yaml.js";
import { isRecord } from "../util/where.js";
import { masSchema, type SchemaNode } from "./schema.js";

/** A key the MAS schema does not define at that place (the schema itself lets unknown keys through). */
export interface UnknownMasKey {
  /** Path of the key itself (last segment = the key). */
  path: PathSeg[];
  /** Keys that are valid at that place, for did-you-mean. */
  known: string[];
}

function resolve(node: unknown, defs: Record<string, SchemaNode>, seen = new Set<unknown>()): SchemaNode[] {
  if (!isRecord(node) || seen.has(node)) return [];
  seen.add(node);
  const out: SchemaNode[] = [];
  const ref = node.$ref;
  if (typeof ref === "string" && ref.startsWith("#/definitions/"))
    out.push(...resolve(defs[ref.slice(14)], defs, seen));
  out.push(node);
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    const list = node[k];
    if (Array.isArray(list)) for (const b of list) out.push(...resolve(b, defs, seen));
  }
  return out;
}

function walk(
  nodes: SchemaNode[],
  value: unknown,
  path: PathSeg[],
  defs: Record<string, SchemaNode>,
  out: UnknownMasKey[],
): void {
  if (Array.isArray(value)) {
    const items = nodes.map((n) => n.items).filter((i) => i !== undefined);
    if (items.length === 0) return;
    const resolved = items.flatMap((i) => resolve(i, defs));
    value.forEach((v, i) => walk(resolved, v, [...path, i], defs, out));
    return;
  }
  if (!isRecord(value)) return;
  const props = new Map<string, SchemaNode[]>();
  let open = false;
  const extra: SchemaNode[] = [];
  let sawObjectSchema = false;
  for (const n of nodes) {
    if (isRecord(n.properties)) {
      sawObjectSchema = true;
      for (const [k, v] of Object.entries(n.properties)) props.set(k, [...(props.get(k) ?? []), ...resolve(v, defs)]);
    }
    if (n.additionalProperties === true) open = true;
    else if (isRecord(n.additionalProperties)) extra.push(...resolve(n.additionalProperties, defs));
  }
  // No properties anywhere (e.g. `policy.data`, free maps): nothing to check here.
  if (!sawObjectSchema && extra.length === 0) return;
  for (const [k, v] of Object.entries(value)) {
    const sub = props.get(k);
    if (sub) walk(sub, v, [...path, k], defs, out);
    else if (extra.length) walk(extra, v, [...path, k], defs, out);
    else if (!open) out.push({ path: [...path, k], known: [...props.keys()] });
  }
}

/** Every key in `config` that the MAS schema does not define, at any depth. */
export function unknownMasKeys(config: unknown): UnknownMasKey[] {
  const schema = masSchema().schema;
  const defs = (schema.definitions ?? {}) as Record<string, SchemaNode>;
  const out: UnknownMasKey[] = [];
  walk(resolve(schema, defs), config, [], defs, out);
  return out;
}

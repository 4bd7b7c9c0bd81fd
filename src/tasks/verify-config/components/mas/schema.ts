import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { loadData } from "../../../../core/data.js";
import type { PathSeg } from "../../../../core/yaml.js";
import { MAS_FORMATS } from "./formats.js";

/** A JSON schema node, loosely typed: the MAS schema is data. */
export type SchemaNode = Record<string, unknown>;

interface ShippedSchema {
  source: { repo: string; path: string; version: string };
  schema: SchemaNode;
}

/** One schema violation, at a path inside the MAS config. */
export interface MasSchemaError {
  path: PathSeg[];
  message: string;
}

let shipped: ShippedSchema | undefined;
/** The derived MAS config schema (draft-07) and its source. */
export function masSchema(): ShippedSchema {
  shipped ??= loadData<ShippedSchema>("mas/config-schema.json");
  return shipped;
}

let validator: ValidateFunction | undefined;

/**
 * The partial-config validator: ESS generates `http`, `database`, `matrix` and `secrets` itself, so what the
 * operator writes in `additional` is a fragment. Requirements on the root and on `http.public_base` are dropped;
 * everything else (types, enums, required fields of nested objects, formats) is kept.
 */
function partialValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = structuredClone(masSchema().schema);
  delete schema.required;
  const defs = schema.definitions as Record<string, SchemaNode> | undefined;
  if (defs?.HttpConfig) delete defs.HttpConfig.required;
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, validateFormats: true });
  for (const [name, def] of Object.entries(MAS_FORMATS)) ajv.addFormat(name, def as never);
  validator = ajv.compile(schema);
  return validator;
}

function toPath(instancePath: string): PathSeg[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describeBranches(errs: ErrorObject[]): string {
  const allowed = new Set<string>();
  const required = new Set<string>();
  const types = new Set<string>();
  for (const e of errs) {
    if (e.keyword === "const") allowed.add(JSON.stringify((e.params as { allowedValue: unknown }).allowedValue));
    else if (e.keyword === "enum")
      for (const v of (e.params as { allowedValues: unknown[] }).allowedValues) allowed.add(JSON.stringify(v));
    else if (e.keyword === "required") required.add((e.params as { missingProperty: string }).missingProperty);
    else if (e.keyword === "type") types.add(String((e.params as { type: unknown }).type));
  }
  if (allowed.size) return `must be one of ${[...allowed].join(", ")}`;
  if (required.size) return `matches none of the allowed forms (each needs one of: ${[...required].join(", ")})`;
  if (types.size) return `must be of type ${[...types].filter((t) => t !== "null").join(" or ") || "null"}`;
  return errs[0]?.message ?? "does not match the schema";
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case "required":
      return `is missing the required key "${(e.params as { missingProperty: string }).missingProperty}"`;
    case "format":
      return `is not a valid ${(e.params as { format: string }).format}`;
    case "pattern":
      return `does not match ${(e.params as { pattern: string }).pattern}`;
    default:
      return e.message ?? "does not match the schema";
  }
}

/**
 * Validate a (partial) MAS config. Errors of `anyOf`/`oneOf` alternatives are folded into one message per
 * value, so an enum typo reads "must be one of …" instead of one line per alternative.
 */
export function validateMasConfig(config: unknown): MasSchemaError[] {
  const validate = partialValidator();
  if (validate(config)) return [];
  const errors = validate.errors ?? [];
  // Outermost alternatives first: each swallows the errors of its own branches.
  const alts = errors
    .filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf")
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const consumed = new Set<ErrorObject>();
  const out: MasSchemaError[] = [];
  for (const alt of alts) {
    if (consumed.has(alt)) continue;
    const prefix = alt.schemaPath.replace(/\/(anyOf|oneOf)$/, "");
    const branch = errors.filter((e) => e !== alt && e.schemaPath.startsWith(`${prefix}/${alt.keyword}/`));
    for (const b of branch) consumed.add(b);
    // A branch failing deeper (inside an object) is more precise than the summary when only one branch is an object.
    out.push({
      path: toPath(alt.instancePath),
      message: describeBranches(branch.filter((b) => b.instancePath === alt.instancePath)),
    });
  }
  for (const e of errors) {
    if (consumed.has(e) || e.keyword === "anyOf" || e.keyword === "oneOf" || e.keyword === "if") continue;
    out.push({ path: toPath(e.instancePath), message: describe(e) });
  }
  return out;
}

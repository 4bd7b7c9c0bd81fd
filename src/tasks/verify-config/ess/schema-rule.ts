import { loadData } from "../../../core/data.js";
import type { Finding } from "../../../core/finding.js";
import { formatPath, type PathSeg } from "../../../core/yaml.js";
import type { EssValuesContext } from "../components/types.js";
import { didYouMean } from "./did-you-mean.js";
import { schemaFor, type EssSchema } from "./schema-data.js";
import { validateValues, type SchemaIssue } from "./validate.js";

const CHART_DOCS = "https://github.com/element-hq/ess-helm/blob/main/charts/matrix-stack/values.yaml";

let masTopKeys: Set<string> | undefined;
let synapseKeys: Set<string> | undefined;

/** Top-level MAS config sections (from the shipped MAS config schema). */
function masSections(): Set<string> {
  if (!masTopKeys) {
    const d = loadData<{ schema?: { properties?: Record<string, unknown> } }>("mas/config-schema.json");
    masTopKeys = new Set(Object.keys(d.schema?.properties ?? {}));
  }
  return masTopKeys;
}

/** Synapse config option names (from the shipped Synapse key list). */
function synapseOptions(): Set<string> {
  if (!synapseKeys) synapseKeys = new Set(loadData<{ keys: string[] }>("synapse/config-keys.json").keys);
  return synapseKeys;
}

/** Hint for a key the chart does not know, pointing at where it belongs. */
function unknownKeyHint(issue: SchemaIssue): string | undefined {
  const path = issue.path;
  const key = String(path[path.length - 1]);
  const parent = path.slice(0, -1).map(String).join(".");
  if (parent === "matrixAuthenticationService" && masSections().has(key)) {
    return `${key} is a MAS configuration section, not a chart value: move it into a config string, e.g. matrixAuthenticationService.additional.${key.replace(/_/g, "-")}.config: |\n  ${key}: …`;
  }
  if (parent === "synapse" && synapseOptions().has(key)) {
    return `${key} is a Synapse option, not a chart value: put it in synapse.additional.<name>.config (a homeserver.yaml fragment).`;
  }
  if (parent === "wellKnownDelegation.ingress" && key === "host")
    return "The well-known Ingress always uses serverName as its host; remove this key.";
  const guess = didYouMean(key, issue.allowed ?? []);
  if (guess) return `Did you mean ${[...path.slice(0, -1).map(String), guess].join(".")}?`;
  if (issue.allowed && issue.allowed.length > 0 && issue.allowed.length <= 12)
    return `Allowed here: ${issue.allowed.join(", ")}.`;
  return undefined;
}

function ruleFor(kind: SchemaIssue["kind"]): string {
  switch (kind) {
    case "unknown-key":
      return "ess/unknown-key";
    case "type":
      return "ess/invalid-type";
    case "required":
      return "ess/missing-key";
    case "shape":
      return "ess/invalid-shape";
    default:
      return "ess/invalid-value";
  }
}

function versionNote(s: EssSchema, pinned: string | undefined): string {
  if (s.match === "newer")
    return ` (chart ${pinned} is newer than the newest schema mxops knows, ${s.version}; the key may be new — check the chart's values.yaml)`;
  if (s.match === "unpinned")
    return ` (no pinned chart version: checked against the newest schema mxops knows, ${s.version})`;
  if (s.match === "older")
    return ` (chart ${pinned} is older than any schema mxops knows; checked against ${s.version})`;
  return "";
}

/**
 * Validate the effective matrix-stack values against the chart's values schema for the pinned version,
 * as Helm would before rendering. Each finding points at the line where the key was written (following
 * valuesFrom and block scalars). Keys unknown to the schema are errors, or warnings when the chart is
 * newer than (or not pinned to) a shipped schema, saying so.
 */
export function checkEssSchema(ctx: EssValuesContext): Finding[] {
  const schema = schemaFor(ctx.chartVersion);
  const lenient = schema.match === "newer" || schema.match === "unpinned" || schema.match === "older";
  const issues = [...validateValues(schema.nodes, schema.root, ctx.values), ...additionalEntryKeyIssues(ctx.values)];
  const out: Finding[] = [];
  for (const issue of issues) {
    // Missing-key issues are unreliable when a source could not be read: the key may be in it.
    if (issue.kind === "required" && ctx.incomplete) continue;
    const ruleId = ruleFor(issue.kind);
    const keyPath = formatPath(issue.path);
    const at = ctx.locate(issue.path) ?? nearest(ctx, issue.path);
    const f: Finding = {
      ruleId,
      severity: issue.kind === "unknown-key" && lenient ? "warning" : "error",
      message: `${ctx.subject}: ${keyPath || "values"} ${issue.message}${issue.kind === "unknown-key" ? versionNote(schema, ctx.chartVersion) : ""}`,
      ...(at ?? {}),
      data: { chartVersion: ctx.chartVersion ?? null, schemaVersion: schema.version },
    };
    if (keyPath) f.keyPath = keyPath;
    const hint = issue.kind === "unknown-key" ? unknownKeyHint(issue) : undefined;
    if (hint) f.hint = hint;
    f.url = CHART_DOCS;
    out.push(f);
  }
  return out;
}

/** `additional` maps whose entries the chart schema leaves open (its item schema is nested by mistake). */
const ADDITIONAL_MAPS: string[][] = [
  ["synapse", "additional"],
  ["matrixAuthenticationService", "additional"],
  ["matrixRTC", "sfu", "additional"],
  ["hookshot", "additional"],
];
const ENTRY_KEYS = ["config", "configSecret", "configSecretKey"];

/**
 * Keys beside config/configSecret/configSecretKey in an `additional.<name>` entry: the chart's schema lets them
 * through (its entry schema is nested one level too deep) and the templates ignore them, so a typo such as
 * `configSecretkey` silently drops the setting.
 */
export function additionalEntryKeyIssues(values: Record<string, unknown>): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  for (const p of ADDITIONAL_MAPS) {
    let cur: unknown = values;
    for (const k of p)
      cur =
        typeof cur === "object" && cur !== null && !Array.isArray(cur)
          ? (cur as Record<string, unknown>)[k]
          : undefined;
    if (typeof cur !== "object" || cur === null || Array.isArray(cur)) continue;
    for (const [name, entry] of Object.entries(cur as Record<string, unknown>)) {
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) continue;
      for (const k of Object.keys(entry)) {
        if (!ENTRY_KEYS.includes(k))
          out.push({
            kind: "unknown-key",
            path: [...p, name, k],
            message: "is ignored by the chart (an additional entry has only config, or configSecret + configSecretKey)",
            allowed: ENTRY_KEYS,
          });
      }
    }
  }
  return out;
}

/** Location of the nearest ancestor that was written somewhere. */
function nearest(ctx: EssValuesContext, path: readonly PathSeg[]) {
  for (let n = path.length - 1; n >= 0; n--) {
    const at = ctx.locate(path.slice(0, n));
    if (at) return at;
  }
  return undefined;
}

// Derives mxops's compact matrix-stack values data from the upstream ESS Helm chart schemas
// (element-hq/ess-helm, charts/matrix-stack/values.schema.json, one file per distinct schema) into
// src/data/ess/: a shared pool of normalised schema nodes (identical subtrees stored once across all
// versions) and one small <version>.json per chart version naming its root node and its source.
// Only validation facts are kept (types, enums, properties, additionalProperties, items, required,
// oneOf/anyOf/not, pattern, minimum/maximum); descriptions, defaults and comments are dropped.
// Usage: node src/build/derive-ess.mjs ESS_SPECS_DIR   (the folder with matrix-stack-<version>.values.schema.json)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

const specsDir = process.argv[2];
if (!specsDir) {
  console.error("usage: node src/build/derive-ess.mjs ESS_SPECS_DIR");
  process.exit(2);
}
const outDir = path.join("src", "data", "ess");

// Tags whose schema is byte-identical to an earlier one (per the spec folder's notes).
const SAME_AS = { "26.4.0": ["26.4.1"], "26.5.0": ["26.5.1"], "26.6.0": ["26.6.1"], "26.7.1": ["26.7.2"] };

const pool = [];
const index = new Map();

function intern(node) {
  const key = JSON.stringify(node);
  let i = index.get(key);
  if (i === undefined) {
    i = pool.length;
    pool.push(node);
    index.set(key, i);
  }
  return i;
}

/** Normalise one JSON-Schema node into the compact form, children first (so keys are canonical). */
function norm(s) {
  if (s === true || s === undefined) return intern({});
  if (s === false) return intern({ never: 1 });
  const n = {};
  if (s.type !== undefined) n.t = s.type;
  if (Array.isArray(s.enum)) n.e = s.enum;
  if (s.const !== undefined) n.e = [s.const];
  if (s.properties) {
    n.p = {};
    for (const k of Object.keys(s.properties).sort()) n.p[k] = norm(s.properties[k]);
  }
  if (s.additionalProperties === false) n.a = -1;
  else if (typeof s.additionalProperties === "object") n.a = norm(s.additionalProperties);
  if (s.items !== undefined && typeof s.items === "object" && !Array.isArray(s.items)) n.i = norm(s.items);
  if (Array.isArray(s.required) && s.required.length > 0) n.r = [...s.required].sort();
  if (Array.isArray(s.oneOf)) n.one = s.oneOf.map(norm);
  if (Array.isArray(s.anyOf)) n.any = s.anyOf.map(norm);
  if (Array.isArray(s.allOf)) n.all = s.allOf.map(norm);
  if (s.not !== undefined) n.not = norm(s.not);
  if (typeof s.pattern === "string") n.pat = s.pattern;
  if (typeof s.minimum === "number") n.min = s.minimum;
  if (typeof s.maximum === "number") n.max = s.maximum;
  if (typeof s.minLength === "number") n.minLen = s.minLength;
  if (typeof s.minItems === "number") n.minItems = s.minItems;
  return intern(n);
}

/** `<section>.enabled` defaults from the chart's values.yaml (for rules that need "is this component on"). */
function enabledDefaults(valuesYaml) {
  const v = parse(valuesYaml, { logLevel: "silent" }) ?? {};
  const out = {};
  for (const [k, sec] of Object.entries(v))
    if (sec && typeof sec === "object" && typeof sec.enabled === "boolean") out[k] = sec.enabled;
  return out;
}

const files = readdirSync(specsDir).filter((f) => /^matrix-stack-[\d.]+\.values\.schema\.json$/.test(f));
const versions = files.map((f) => f.replace(/^matrix-stack-|\.values\.schema\.json$/g, "")).sort(cmp);
function cmp(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const manifest = [];
for (const v of versions) {
  const schema = JSON.parse(readFileSync(path.join(specsDir, `matrix-stack-${v}.values.schema.json`), "utf8"));
  const root = norm(schema);
  const doc = {
    source: {
      repo: "element-hq/ess-helm",
      path: "charts/matrix-stack/values.schema.json",
      version: v,
      license: "AGPL-3.0-only",
    },
    alsoFor: SAME_AS[v] ?? [],
    root,
  };
  writeFileSync(path.join(outDir, `${v}.json`), JSON.stringify(doc) + "\n");
  manifest.push(v);
}
const valuesYaml = readdirSync(specsDir).find((f) => /^matrix-stack-[\d.]+\.values\.yaml$/.test(f));
const defaults = valuesYaml ? enabledDefaults(readFileSync(path.join(specsDir, valuesYaml), "utf8")) : {};
writeFileSync(
  path.join(outDir, "pool.json"),
  JSON.stringify({
    note: "Normalised schema nodes shared by every <version>.json (root = index). Derived by src/build/derive-ess.mjs.",
    versions: manifest,
    enabledDefaults: { source: valuesYaml ?? null, sections: defaults },
    nodes: pool,
  }) + "\n",
);
console.log(`derive-ess: ${manifest.length} versions, ${pool.length} shared nodes -> ${outDir}`);

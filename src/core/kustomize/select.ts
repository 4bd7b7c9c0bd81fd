/** The identifying fields of a Kubernetes object, as kustomize's patch selectors see them. */
export interface ObjectId {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A kustomize patch target (`patches[].target`, Flux `spec.patches[].target`). */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === "string") out[k] = x;
  return out;
}

/** The id fields of a plain manifest object. */
export function objectId(obj: Record<string, unknown>): ObjectId {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const id: ObjectId = { labels: stringMap(meta.labels), annotations: stringMap(meta.annotations) };
  if (typeof obj.apiVersion === "string") id.apiVersion = obj.apiVersion;
  if (typeof obj.kind === "string") id.kind = obj.kind;
  if (typeof meta.name === "string") id.name = meta.name;
  if (typeof meta.namespace === "string") id.namespace = meta.namespace;
  return id;
}

/** A selector read from YAML (unknown fields ignored); undefined when the value is not a mapping. */
export function toSelector(v: unknown): Selector | undefined {
  if (!isRecord(v)) return undefined;
  const s: Selector = {};
  for (const k of ["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"] as const) {
    const x = v[k];
    if (typeof x === "string" && x !== "") s[k] = x;
  }
  return s;
}

/** kustomize anchors each selector field as a whole-string regular expression; an empty field matches all. */
function fieldMatches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false; // kustomize fails the build on an invalid pattern: nothing is patched
  }
}

/** True when kustomize's patch target `sel` selects the object. */
export function selectorMatches(sel: Selector, id: ObjectId): boolean {
  const apiVersion = id.apiVersion ?? "";
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return (
    fieldMatches(sel.group, group) &&
    fieldMatches(sel.version, version) &&
    fieldMatches(sel.kind, id.kind ?? "") &&
    fieldMatches(sel.name, id.name ?? "") &&
    // An object without a namespace gets one only when applied; such a selector field cannot exclude it here.
    (id.namespace === undefined || fieldMatches(sel.namespace, id.namespace)) &&
    (sel.labelSelector === undefined || labelSelectorMatches(sel.labelSelector, id.labels)) &&
    (sel.annotationSelector === undefined || labelSelectorMatches(sel.annotationSelector, id.annotations))
  );
}

/**
 * Kubernetes label-selector syntax: comma-separated `key`, `!key`, `key=v`, `key==v`, `key!=v`,
 * `key in (a,b)`, `key notin (a,b)`. `!=` and `notin` also match when the key is absent. An expression that
 * does not parse selects nothing (kustomize fails the build).
 */
export function labelSelectorMatches(expr: string, labels: Readonly<Record<string, string>>): boolean {
  const reqs = splitRequirements(expr);
  if (!reqs) return false;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  for (const r of reqs) {
    const set = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(r);
    const eq = /^([^\s!=(),]+)\s*(!=|==|=)\s*([^\s!=(),]*)$/.exec(r);
    const exists = /^(!?)([^\s!=(),]+)$/.exec(r);
    if (set) {
      const v = has(set[1]) ? labels[set[1]] : undefined;
      const inSet = v !== undefined && set[3].split(",").some((x) => x.trim() === v);
      if (set[2] === "in" ? !inSet : inSet) return false;
    } else if (eq) {
      const v = has(eq[1]) ? labels[eq[1]] : undefined;
      if (eq[2] === "!=" ? v === eq[3] : v !== eq[3]) return false;
    } else if (exists) {
      if (has(exists[2]) === (exists[1] === "!")) return false;
    } else return false;
  }
  return true;
}

/** Requirements split at commas outside parentheses; undefined on unbalanced parentheses. */
function splitRequirements(expr: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of expr) {
    if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return undefined;
    if (c === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  if (depth !== 0) return undefined;
  out.push(cur.trim());
  return out.filter((r) => r !== "");
}

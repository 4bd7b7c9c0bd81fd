import { parseYaml, toJS, type PathSeg } from "./yaml.js";

/** Keys whose values are secrets in any config (Kubernetes Secret data, chart values, Synapse/MAS configs). */
export const SECRET_KEY =
  /(secret|passw|token|private|credential|passphrase|macaroon|signing|api[_-]?key|(^|[_.-])key$|[a-z]Key$|^key$|dsn$|webhook)/i;

/** Keys that name a Kubernetes Secret (or a key in one) rather than hold a secret: `existingSecret`, `secretKey`. */
const REFERENCE_KEY = /(^existing|secret_?name$|secret_?key$|secret_?ref$|^secret$|[a-z]Secret$|config_?secret)/i;

/** A Kubernetes resource or key name: lower-case DNS labels, or an env-style key (`MACAROON_SECRET`). */
const RESOURCE_NAME = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?|[A-Za-z_][A-Za-z0-9_.-]{0,252})$/;

/** Top-level keys of a manifest that are structure (names, kinds), never secret, even when sops encrypted them. */
const STRUCTURAL = new Set(["metadata", "apiVersion", "kind", "type", "sops"]);

/** Shortest value registered because of its key; shorter ones ("true", "1234") would mangle ordinary text. */
const MIN_KEYED = 6;

/** Values that look generated (long, no spaces, letters and digits): secret whatever their key. IDs excepted. */
export function looksGenerated(v: string): boolean {
  const t = v.trim();
  if (t.length < 20 || /\s/.test(t) || /^https?:\/\//i.test(t)) return false;
  if (/^[0-9A-HJKMNP-TV-Z]{26}$/.test(t)) return false; // ULID (MAS provider/client ids)
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(t)) return false; // host names
  return /[A-Za-z]/.test(t) && /\d/.test(t);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

interface Walk {
  add: (s: string) => void;
  depth: number;
}

function keyed(v: string): boolean {
  const t = v.trim();
  return t.length >= MIN_KEYED && !/^(true|false|null|yes|no|on|off)$/i.test(t);
}

/**
 * Text that looks like YAML but does not parse (a decrypted values.yaml with a typo): the structure is unknown,
 * so each line's value is registered when its own key is secret-like, and every generated-looking token is.
 */
function registerUnparsed(text: string, w: Walk): void {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:-\s+)?["']?([^:"'#]+?)["']?\s*:\s*(.*)$/.exec(line);
    if (m && SECRET_KEY.test(m[1])) {
      const value = m[2].replace(/^[|>][-+0-9]*\s*/, "").replace(/^(["'])(.*)\1$/, "$2");
      if (keyed(value)) w.add(value.trim());
    }
    for (const token of line.split(/[\s"'`,{}[\]]+/)) if (looksGenerated(token)) w.add(token);
  }
}

function walk(v: unknown, w: Walk, path: readonly PathSeg[], secretKey: boolean, secretData: boolean): void {
  if (w.depth > 64) return;
  const key = path[path.length - 1];
  if (typeof v === "string") {
    if (v.includes("\n")) {
      const parsed = parseYaml(v);
      const doc = parsed.docs.length === 1 && parsed.problems.length === 0 ? parsed.docs[0] : undefined;
      const js = doc ? toJS(doc) : undefined;
      if (js && "value" in js && typeof js.value === "object" && js.value !== null) {
        // An embedded document (values.yaml, a Synapse or MAS config): judged leaf by leaf, like any other.
        w.depth++;
        walk(js.value, w, [], false, false);
        w.depth--;
        return;
      }
      // A secret by position is masked whole and line by line (a PEM key); a broken YAML document in a Secret's
      // data (a values.yaml with a typo) only by its secret parts, or its `key:` lines would be masked everywhere.
      if (secretKey || (secretData && !/^\s*[\w.-]+:(\s|$)/m.test(v))) w.add(v);
      else registerUnparsed(v, w);
      return;
    }
    const reference = typeof key === "string" && REFERENCE_KEY.test(key) && RESOURCE_NAME.test(v.trim());
    if (((secretKey || secretData) && keyed(v) && !reference) || looksGenerated(v)) w.add(v.trim());
    return;
  }
  if (typeof v === "number" || typeof v === "bigint") {
    if ((secretKey || secretData) && String(v).length >= MIN_KEYED) w.add(String(v));
    return;
  }
  w.depth++;
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, w, [...path, i], secretKey, secretData));
  else if (isRecord(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (path.length === 0 && STRUCTURAL.has(k)) continue;
      walk(x, w, [...path, k], secretKey || SECRET_KEY.test(k), false);
    }
  }
  w.depth--;
}

/**
 * Register the secret values of one decrypted document with `add` (the redactor). The rule, so that secrets are
 * masked and names stay readable:
 * - secret by position: values under a secret-like key (password, token, secret, key, macaroon, …, inherited by
 *   nested values) and, with `secretData` (a Kubernetes Secret), every value directly under `data`/`stringData`;
 *   at least 6 characters and not a YAML literal (`true`, `null`); a value shaped like a resource name under a
 *   key that names a Secret (`existingSecret`, `secretName`, `secret`) is a reference, not a secret;
 * - secret by shape: generated-looking strings (20+ characters, letters and digits, no spaces), whatever the key;
 * - never: a manifest's `metadata`, `apiVersion`, `kind`, `type` (names, even when sops encrypted them);
 * - strings holding a YAML document are followed leaf by leaf; one that does not parse has its `key: value` lines
 *   with secret-like keys and its generated-looking tokens registered.
 * Never throws; never registers anything shorter than 6 characters.
 */
export function registerDecrypted(
  body: unknown,
  add: (s: string) => void,
  options: { secretData?: boolean } = {},
): void {
  const w: Walk = { add, depth: 0 };
  if (!isRecord(body)) return walk(body, w, [], false, false);
  for (const [k, x] of Object.entries(body)) {
    if (STRUCTURAL.has(k)) continue;
    const dataMap = options.secretData === true && (k === "data" || k === "stringData") && isRecord(x);
    if (dataMap) {
      w.depth++;
      for (const [dk, dv] of Object.entries(x)) walk(dv, w, [k, dk], SECRET_KEY.test(dk), true);
      w.depth--;
    } else walk(x, w, [k], SECRET_KEY.test(k), false);
  }
}

import { formatPath, type PathSeg } from "../../../../core/yaml.js";
import type { Location } from "../types.js";
import { parseEmbeddedYaml } from "./embedded.js";
import { normaliseKey } from "./suggest.js";
import { isRecord } from "./where.js";

/** How a value under a credential-named key looks. */
export type SecretValueKind = "literal" | "placeholder" | "none";

const CREDENTIAL_NAME =
  /(^|_)(password|passwd|passphrase|secret|token|api_key|apikey|private_key|secret_key|access_key|client_secret|shared_secret|auth_key|signing_key|encryption_key|bearer_token)$/;
// Names that hold a reference to a secret, never the secret itself.
const REFERENCE_NAME =
  /(^|_)(file|path|name|ref|dir|env|url|uri|endpoint|method|alg|ttl|lifetime|length|type|kind|enabled|required)$/;
// ESS credential objects `{ value }` under these names (values paths from the chart's schema).
const ESS_CREDENTIALS = new Set([
  "macaroon",
  "signing_key",
  "rsa",
  "ecdsa_prime256v1",
  "ecdsa_secp256k1",
  "ecdsa_secp384r1",
  "keys_yaml",
  "passkey",
  "appservice_registration",
  "admin_password",
]);
const PLACEHOLDER =
  /^(change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|todo|fixme|x{3,}|\*{3,}|dummy|placeholder|redacted|secret|password|example)$/i;

/**
 * Classify a value written under a credential key. Not literal: non-strings (booleans, numbers), empty strings,
 * Flux/shell substitutions (`${VAR}`), chart or Go templates (`{{ ... }}`), SOPS inline ciphertext (`ENC[...]`),
 * `<angle-bracket>` placeholders, file paths, and ENV_VAR_STYLE names (values of `!env_var`-style custom tags).
 * Well-known dummy words (`changeme`, `xxx`) are placeholders: not a leak, but not a working secret either.
 */
export function classifySecretValue(v: unknown): SecretValueKind {
  if (typeof v !== "string") return "none";
  const s = v.trim();
  if (s === "") return "none";
  if (s.includes("${") || s.includes("{{") || s.startsWith("ENC[")) return "none";
  if (/^<[^<>]+>$/.test(s)) return "none";
  if (/^(\/|\.\/|file:\/\/)\S*$/.test(s)) return "none";
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(s)) return "none";
  // Other substitution syntaxes apps expand from the environment: `{FRIGATE_MQTT_PASSWORD}`, `$VAR`, `%(VAR)s`.
  if (
    /^\{[A-Z][A-Z0-9_]*\}$/.test(s) ||
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(s) ||
    /^%\([A-Za-z_][A-Za-z0-9_]*\)s$/.test(s)
  )
    return "none";
  if (PLACEHOLDER.test(s)) return "placeholder";
  return "literal";
}

/** A URL with an inline password (`scheme://user:pass@host`) whose password is not a substitution. */
export function urlWithPassword(v: unknown): boolean {
  if (typeof v !== "string") return false;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^@\s/]+)@/i.exec(v.trim());
  return m !== null && classifySecretValue(decodeURIComponent(m[1])) === "literal";
}

// The sibling keys of one object, normalised once: isCredentialKey runs for every key of the object, and
// normalising all siblings each time made a ConfigMap with n keys cost n² (20,000 keys took minutes).
const siblingKeys = new WeakMap<object, Set<string>>();

function normalisedKeys(siblings: Record<string, unknown>): Set<string> {
  let keys = siblingKeys.get(siblings);
  if (!keys) {
    keys = new Set(Object.keys(siblings).map(normaliseKey));
    siblingKeys.set(siblings, keys);
  }
  return keys;
}

/** Whether `key` (in the object `siblings`, reached by `path`) names a credential rather than a reference to one. */
export function isCredentialKey(key: string, siblings: Record<string, unknown>, path: readonly PathSeg[]): boolean {
  const nk = normaliseKey(key);
  const parent = normaliseKey(String(path[path.length - 2] ?? ""));
  // Kubernetes env entries: `{ name: DB_PASSWORD, value: ... }`.
  if (nk === "value" && typeof siblings.name === "string" && CREDENTIAL_NAME.test(normaliseKey(siblings.name)))
    return true;
  if (nk === "value")
    return (
      CREDENTIAL_NAME.test(parent) ||
      ESS_CREDENTIALS.has(parent) ||
      ["ess_passwords", "private_keys"].includes(normaliseKey(String(path[path.length - 3] ?? "")))
    );
  if (nk === "encryption" && parent === "secrets") return true; // MAS secrets.encryption
  if (nk === "key" && path.includes("keys") && path.includes("secrets")) return true; // MAS secrets.keys[].key
  if (
    nk.startsWith("existing_") ||
    nk.startsWith("config_secret") ||
    nk === "tls_secret" ||
    nk.endsWith("secret_key_ref")
  )
    return false;
  if (REFERENCE_NAME.test(nk)) return false;
  // Helm charts name Kubernetes Secrets with camelCase `*Secret` keys (githubConfigSecret, pullSecret):
  // a value shaped like a resource name is such a reference, anything else is still a credential.
  const value = siblings[key];
  if (/[a-z]Secret$/.test(key) && typeof value === "string" && /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(value))
    return false;
  const keys = normalisedKeys(siblings);
  // ESS `{ secret: <Secret name>, secretKey: <key> }` and Kubernetes `{ name, key }` references.
  if (nk === "secret" && keys.has("secret_key")) return false;
  if (nk === "secret_key" && ["secret", "name", "secret_name", "existing_secret"].some((k) => keys.has(k)))
    return false;
  return CREDENTIAL_NAME.test(nk);
}

/** One credential found while scanning. */
export interface CredentialHit {
  kind: "literal" | "placeholder" | "url";
  /** Human key path, embedded levels joined with `#`. */
  keyPath: string;
  location: Location | undefined;
}

/** How to point at keys in the document being scanned. */
export interface Locator {
  key(path: readonly PathSeg[]): Location | undefined;
  inString(path: readonly PathSeg[], line: number, column: number): Location | undefined;
}

// Embedded configs worth opening: files in ConfigMaps (`values.yaml: |`) and ESS `additional.<name>.config`.
// Element Web and well-known JSON are served to every browser, so nothing in them is a secret to leak.
function looksEmbedded(key: string, v: string): boolean {
  return /[\n{:]/.test(v) && (/\.(ya?ml|json)$/i.test(key) || key === "config");
}

/**
 * Walk a plain-JS document for credentials, descending into embedded YAML/JSON config strings
 * (`values.yaml: |` in a ConfigMap, `synapse.additional.x.config`, …) with positions mapped to the outer file.
 * Never reports the value itself.
 */
export function scanCredentials(root: unknown, base: readonly PathSeg[], loc: Locator, prefix = ""): CredentialHit[] {
  const hits: CredentialHit[] = [];
  const label = (p: readonly PathSeg[]) => `${prefix}${formatPath(p)}`;
  const visit = (v: unknown, path: PathSeg[], siblings: Record<string, unknown> | undefined) => {
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, [...path, i], undefined));
    if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) visit(x, [...path, k], v);
      return;
    }
    const key = path[path.length - 1];
    if (typeof v !== "string" || typeof key !== "string") return;
    if (siblings && isCredentialKey(key, siblings, path)) {
      const kind = classifySecretValue(v);
      if (kind !== "none") hits.push({ kind, keyPath: label(path), location: loc.key(path) });
      return;
    }
    if (urlWithPassword(v)) {
      hits.push({ kind: "url", keyPath: label(path), location: loc.key(path) });
      return;
    }
    if (/\.env$/i.test(key)) {
      hits.push(...scanEnvFile(v, path, loc, label(path)));
      return;
    }
    if (looksEmbedded(key, v)) {
      const doc = parseEmbeddedYaml(v);
      if (doc.value === undefined || doc.value === null || typeof doc.value !== "object") return;
      const inner: Locator = {
        key: (p) => {
          const s = doc.span(p);
          return (s && loc.inString(path, s.line, s.column)) || loc.key(path);
        },
        inString: (p, l, c) => {
          const s = doc.locateInString(p, l, c);
          return s ? loc.inString(path, s.line, s.column) : undefined;
        },
      };
      hits.push(...scanCredentials(doc.value, [], inner, `${label(path)}#`));
    }
  };
  visit(root, [...base], undefined);
  return hits;
}

/** `NAME=value` lines of an env file held in a string (`app.env: |` in a ConfigMap). */
function scanEnvFile(text: string, path: PathSeg[], loc: Locator, label: string): CredentialHit[] {
  const hits: CredentialHit[] = [];
  text.split("\n").forEach((line, i) => {
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) return;
    const [, lead, name, raw] = m;
    const value = raw.trim().replace(/^(["'])(.*)\1$/, "$2");
    if (!isCredentialKey(name, { [name]: value }, [name])) return;
    const kind = classifySecretValue(value);
    if (kind === "none") return;
    hits.push({
      kind,
      keyPath: `${label}#${name}`,
      location: loc.inString(path, i + 1, lead.length + 1) ?? loc.key(path),
    });
  });
  return hits;
}

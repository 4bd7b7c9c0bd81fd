import { parseRfc3339 } from "./value.js";
import { re2 } from "../regex.js";

/** The six crypt-rule fields of the metadata; at most one may be set. */
export const CRYPT_RULE_KEYS = [
  "unencrypted_suffix",
  "encrypted_suffix",
  "unencrypted_regex",
  "encrypted_regex",
  "unencrypted_comment_regex",
  "encrypted_comment_regex",
] as const;
export type CryptRuleKey = (typeof CRYPT_RULE_KEYS)[number];

/** Which leaves a file encrypts: one rule (sops' default is `unencrypted_suffix: _unencrypted`). */
export interface CryptRule {
  key: CryptRuleKey;
  value: string;
  /** True when no rule was written and the default applies. */
  isDefault: boolean;
}

/** One master key of a key group, as written in the metadata. */
export type KeySource =
  | { type: "age"; recipient: string; enc: string }
  | { type: "pgp"; fp: string; enc: string }
  | { type: "kms"; id: string }
  | { type: "gcp_kms"; id: string }
  | { type: "azure_kv"; id: string }
  | { type: "hc_vault"; id: string }
  | { type: "hckms"; id: string };

/** Parsed, validated sops metadata. */
export interface SopsMetadata {
  lastModified?: string;
  /** `lastmodified` re-formatted as Go's time.RFC3339: the AAD of the MAC. */
  macAad?: string;
  mac?: string;
  crypt: CryptRule;
  /** Every crypt rule written (more than one is invalid). */
  cryptRules: CryptRule[];
  macOnlyEncrypted: boolean;
  groups: KeySource[][];
  shamirThreshold: number;
  version?: string;
}

/** A metadata problem; `rule` is the sops-check rule id suffix. */
export interface MetadataProblem {
  rule: "metadata-invalid" | "metadata-missing-mac" | "lastmodified-invalid" | "multiple-crypt-rules" | "no-key-groups";
  message: string;
  /** Key below `sops` the problem is about. */
  key?: string;
}

const KEY_TYPES = ["age", "pgp", "kms", "gcp_kms", "azure_kv", "hc_vault", "hckms"] as const;
const KNOWN = new Set<string>([
  ...KEY_TYPES,
  ...CRYPT_RULE_KEYS,
  "key_groups",
  "shamir_threshold",
  "lastmodified",
  "mac",
  "mac_only_encrypted",
  "version",
]);
// Fields whose value identifies the key for drift comparison.
const ID_FIELD: Record<string, string[]> = {
  kms: ["arn"],
  gcp_kms: ["resource_id"],
  azure_kv: ["vault_url", "name", "version"],
  hc_vault: ["vault_address", "engine_path", "key_name"],
  hckms: ["key_id"],
};

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

// mapstructure's weakly typed decoding: numbers and booleans become strings where a string is expected.
function weakString(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "";
  return undefined;
}

function weakBool(v: unknown): boolean | undefined {
  if (v === undefined || v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number" || typeof v === "bigint") return Number(v) !== 0;
  if (typeof v === "string") {
    if (v === "") return false;
    if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
    if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  }
  return undefined;
}

function parseGroup(src: Record<string, unknown>, where: string, problems: MetadataProblem[]): KeySource[] {
  const group: KeySource[] = [];
  for (const type of KEY_TYPES) {
    const list = src[type];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      problems.push({ rule: "metadata-invalid", message: `${where}${type} must be a list`, key: type });
      continue;
    }
    list.forEach((entry, i) => {
      const at = `${where}${type}[${i}]`;
      if (!isMap(entry)) {
        problems.push({ rule: "metadata-invalid", message: `${at} must be a mapping`, key: type });
        return;
      }
      const enc = weakString(entry.enc);
      if (enc === undefined)
        problems.push({ rule: "metadata-invalid", message: `${at}.enc must be a string`, key: type });
      if (type !== "age") {
        const created = weakString(entry.created_at) ?? "";
        if (!parseRfc3339(created))
          problems.push({ rule: "metadata-invalid", message: `${at}.created_at is not an RFC 3339 time`, key: type });
      }
      if (type === "age") {
        const recipient = weakString(entry.recipient);
        if (recipient === undefined)
          problems.push({ rule: "metadata-invalid", message: `${at}.recipient must be a string`, key: type });
        group.push({ type, recipient: (recipient ?? "").trim(), enc: enc ?? "" });
      } else if (type === "pgp") {
        group.push({ type, fp: (weakString(entry.fp) ?? "").replace(/\s+/g, "").toUpperCase(), enc: enc ?? "" });
      } else {
        const id = (ID_FIELD[type] ?? []).map((f) => weakString(entry[f]) ?? "").join("/");
        group.push({ type, id });
      }
    });
  }
  return group;
}

/**
 * Validate and parse a `sops` metadata mapping exactly as strictly as sops does when it loads a file
 * (RFC 3339 lastmodified, at most one crypt rule, at least one key group), plus shape checks sops would
 * fail on later. Returns the metadata (best effort) and every problem found; never throws.
 */
export function parseMetadata(raw: unknown): { metadata: SopsMetadata; problems: MetadataProblem[] } {
  const problems: MetadataProblem[] = [];
  const m = isMap(raw) ? raw : {};
  if (!isMap(raw)) problems.push({ rule: "metadata-invalid", message: "the sops metadata is not a mapping" });
  for (const k of Object.keys(m)) {
    if (!KNOWN.has(k))
      problems.push({ rule: "metadata-invalid", message: `unknown sops metadata key ${JSON.stringify(k)}`, key: k });
  }
  const meta: SopsMetadata = {
    crypt: { key: "unencrypted_suffix", value: "_unencrypted", isDefault: true },
    cryptRules: [],
    macOnlyEncrypted: false,
    groups: [],
    shamirThreshold: 0,
  };
  const lm = weakString(m.lastmodified);
  if (lm === undefined || lm === "") {
    problems.push({ rule: "lastmodified-invalid", message: "sops.lastmodified is missing", key: "lastmodified" });
  } else {
    meta.lastModified = lm;
    const t = parseRfc3339(lm);
    if (!t)
      problems.push({
        rule: "lastmodified-invalid",
        message: "sops.lastmodified is not an RFC 3339 time, so sops refuses the file",
        key: "lastmodified",
      });
    else meta.macAad = t.seconds;
  }
  const mac = weakString(m.mac);
  if (mac === undefined || mac === "")
    problems.push({
      rule: "metadata-missing-mac",
      message: "sops.mac is missing: the file has no integrity protection",
      key: "mac",
    });
  else meta.mac = mac;
  for (const key of CRYPT_RULE_KEYS) {
    const v = weakString(m[key]);
    if (v === undefined) problems.push({ rule: "metadata-invalid", message: `sops.${key} must be a string`, key });
    else if (v !== "") {
      meta.cryptRules.push({ key, value: v, isDefault: false });
      if (key.endsWith("regex") && !re2(v))
        problems.push({ rule: "metadata-invalid", message: `sops.${key} is not a valid RE2 regular expression`, key });
    }
  }
  if (meta.cryptRules.length > 1) {
    problems.push({
      rule: "multiple-crypt-rules",
      message: `more than one crypt rule (${meta.cryptRules.map((r) => r.key).join(", ")}); sops refuses such a file`,
      key: meta.cryptRules[1].key,
    });
  }
  if (meta.cryptRules.length >= 1) meta.crypt = meta.cryptRules[0]!;
  const mo = weakBool(m.mac_only_encrypted);
  if (mo === undefined)
    problems.push({
      rule: "metadata-invalid",
      message: "sops.mac_only_encrypted must be a boolean",
      key: "mac_only_encrypted",
    });
  else meta.macOnlyEncrypted = mo;
  const st = m.shamir_threshold;
  if (st !== undefined && st !== null) {
    const n = Number(st);
    if (!Number.isInteger(n) || n < 0)
      problems.push({
        rule: "metadata-invalid",
        message: "sops.shamir_threshold must be a non-negative integer",
        key: "shamir_threshold",
      });
    else meta.shamirThreshold = n;
  }
  const version = weakString(m.version);
  if (version) meta.version = version;
  const top = parseGroup(m, "sops.", problems);
  if (top.length > 0) meta.groups = [top];
  else if (m.key_groups !== undefined && m.key_groups !== null) {
    if (!Array.isArray(m.key_groups))
      problems.push({ rule: "metadata-invalid", message: "sops.key_groups must be a list", key: "key_groups" });
    else {
      m.key_groups.forEach((g, i) => {
        if (!isMap(g))
          problems.push({
            rule: "metadata-invalid",
            message: `sops.key_groups[${i}] must be a mapping`,
            key: "key_groups",
          });
        else meta.groups.push(parseGroup(g, `sops.key_groups[${i}].`, problems));
      });
    }
  }
  if (meta.groups.length === 0 || meta.groups.every((g) => g.length === 0)) {
    problems.push({ rule: "no-key-groups", message: "the sops metadata has no keys: nobody can decrypt this file" });
  }
  return { metadata: meta, problems };
}

/** A key source as `type:id` for comparisons (age recipient, PGP fingerprint, KMS ARN, …). */
export function keySourceId(k: KeySource): string {
  switch (k.type) {
    case "age":
      return `age:${k.recipient}`;
    case "pgp":
      return `pgp:${k.fp}`;
    default:
      return `${k.type}:${k.id}`;
  }
}

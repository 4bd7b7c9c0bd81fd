import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from "yaml";
import type { Finding } from "../../core/finding.js";
import { re2 } from "../../core/regex.js";
import { CRYPT_RULE_KEYS, type CryptRule } from "../../core/sops/metadata.js";
import { positionIndex } from "../../core/sops/tree.js";

/** One `creation_rules` entry of a .sops.yaml, reduced to what sops-check compares. */
export interface CreationRule {
  /** 0-based position in `creation_rules` (messages say `rule #index+1`). */
  index: number;
  /** Absolute path of the .sops.yaml the rule comes from. */
  config: string;
  /** Undefined: no `path_regex` (sops then matches every file). */
  pathRegex?: string;
  /** Expected keys as `type:id` (age recipients, PGP fingerprints, KMS ARNs, GCP KMS ids). */
  keys: Set<string>;
  /** Key types in the rule that sops-check cannot compare (Azure Key Vault, Vault, HC KMS). */
  uncomparable: boolean;
  crypt: CryptRule;
  macOnlyEncrypted: boolean;
  line: number;
}

/** A loaded .sops.yaml. */
export interface SopsConfig {
  /** Absolute path. */
  file: string;
  dir: string;
  rules: CreationRule[];
  /** Problems found while loading (already in scanned-root-relative form when emitted). */
  problems: Array<{ ruleId: string; severity: "error" | "warning"; message: string; line: number; column: number }>;
}

/** Upper bound on nodes produced by alias expansion in one .sops.yaml (a billion-laughs file stops here). */
const MAX_ALIAS_COUNT = 10_000;

const RULE_KEYS = new Set([
  "path_regex",
  "kms",
  "aws_profile",
  "age",
  "pgp",
  "gcp_kms",
  "hckms",
  "azure_keyvault",
  "hc_vault_transit_uri",
  "key_groups",
  "shamir_threshold",
  ...CRYPT_RULE_KEYS,
  "mac_only_encrypted",
]);

/**
 * A key field as sops reads it: a string is split at commas (each part trimmed, so a folded or literal block
 * with one recipient per line and commas works), a list gives one entry per item. Age entries are split at
 * commas even inside a list (sops passes each item through its comma-separated recipient parser).
 */
function keyList(v: unknown, splitItems = false): string[] {
  const split = (s: string) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x !== "");
  if (typeof v === "string") return split(v);
  if (Array.isArray(v))
    return v.filter((x): x is string => typeof x === "string").flatMap((s) => (splitItems ? split(s) : [s.trim()]));
  return [];
}

function addKeys(keys: Set<string>, src: Record<string, unknown>): boolean {
  for (const r of keyList(src.age, true)) keys.add(`age:${r}`);
  for (const f of keyList(src.pgp)) keys.add(`pgp:${f.replace(/\s+/g, "").toUpperCase()}`);
  const kms = src.kms;
  if (Array.isArray(kms) && kms.some((k) => typeof k === "object")) {
    for (const k of kms)
      if (k && typeof k === "object" && typeof (k as { arn?: unknown }).arn === "string")
        keys.add(`kms:${(k as { arn: string }).arn}`);
  } else for (const a of keyList(kms)) keys.add(`kms:${a}`);
  const gcp = src.gcp_kms;
  if (Array.isArray(gcp) && gcp.some((k) => typeof k === "object")) {
    for (const k of gcp)
      if (k && typeof k === "object" && typeof (k as { resource_id?: unknown }).resource_id === "string")
        keys.add(`gcp_kms:${(k as { resource_id: string }).resource_id}`);
  } else for (const a of keyList(gcp)) keys.add(`gcp_kms:${a}`);
  let uncomparable = ["azure_keyvault", "hc_vault_transit_uri", "hc_vault", "hckms"].some(
    (k) => src[k] !== undefined && src[k] !== null && src[k] !== "",
  );
  if (Array.isArray(src.merge))
    for (const m of src.merge)
      if (m && typeof m === "object") uncomparable = addKeys(keys, m as Record<string, unknown>) || uncomparable;
  return uncomparable;
}

/**
 * Parse a .sops.yaml like sops (yaml.v3, unknown fields ignored). Problems: unparsable file, a `path_regex`
 * that does not compile (sops refuses to work then), more than one crypt rule in a creation rule, unknown
 * fields such as the `path_regexp` typo (sops ignores them silently, which turns the rule into a catch-all).
 */
export function parseSopsConfig(file: string, text: string): SopsConfig {
  const dir = path.dirname(file);
  const cfg: SopsConfig = { file, dir, rules: [], problems: [] };
  const pos = positionIndex(text);
  const doc = parseDocument(text, { uniqueKeys: true, merge: true, logLevel: "silent", prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    cfg.problems.push({
      ruleId: "sops/config-invalid",
      severity: "error",
      message: `.sops.yaml is not valid YAML: ${e.message.split("\n")[0]}`,
      ...pos(e.pos[0]),
    });
    return cfg;
  }
  const rules = doc.get("creation_rules", true) as Node | undefined;
  if (!rules) return cfg;
  // The values as sops sees them (yaml.v3 resolves anchors and aliases anywhere: `age: *me`, `- *me` in a
  // key group, `<<: *defaults`). Alias expansion is bounded; a file that exceeds it is reported, not expanded.
  let resolved: unknown;
  try {
    resolved = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    cfg.problems.push({
      ruleId: "sops/config-invalid",
      severity: "error",
      message: `.sops.yaml expands YAML aliases beyond ${MAX_ALIAS_COUNT} nodes; not evaluated`,
      line: 1,
      column: 1,
    });
    return cfg;
  }
  const resolvedRules = (resolved as { creation_rules?: unknown } | null)?.creation_rules;
  if (!isSeq(rules) || !Array.isArray(resolvedRules)) {
    cfg.problems.push({
      ruleId: "sops/config-invalid",
      severity: "error",
      message: "creation_rules must be a list",
      ...pos(rules.range?.[0] ?? 0),
    });
    return cfg;
  }
  rules.items.forEach((raw, index) => {
    const item = isAlias(raw) ? raw.resolve(doc) : raw;
    const at = pos((item as Node | null)?.range?.[0] ?? 0);
    if (!isMap(item)) {
      cfg.problems.push({
        ruleId: "sops/config-invalid",
        severity: "error",
        message: `creation_rules[${index}] (rule #${index + 1}) must be a mapping`,
        ...at,
      });
      return;
    }
    for (const p of item.items) {
      if (
        isPair(p) &&
        isScalar(p.key) &&
        typeof p.key.value !== "symbol" &&
        p.key.value !== "<<" &&
        !RULE_KEYS.has(String(p.key.value))
      ) {
        const k = String(p.key.value);
        const hint =
          k === "path_regexp"
            ? " (did you mean path_regex? sops ignores this field, so the rule matches every file)"
            : " (sops ignores it)";
        cfg.problems.push({
          ruleId: "sops/config-unknown-key",
          severity: "warning",
          message: `creation_rules[${index}]: unknown field ${JSON.stringify(k)}${hint}`,
          ...pos(p.key.range?.[0] ?? 0),
        });
      }
    }
    const js = (resolvedRules[index] ?? {}) as Record<string, unknown>;
    const rule: CreationRule = {
      index,
      config: file,
      keys: new Set(),
      uncomparable: false,
      crypt: { key: "unencrypted_suffix", value: "_unencrypted", isDefault: true },
      macOnlyEncrypted: js.mac_only_encrypted === true,
      line: at.line,
    };
    if (typeof js.path_regex === "string" && js.path_regex !== "") {
      rule.pathRegex = js.path_regex;
      if (!re2(js.path_regex)) {
        cfg.problems.push({
          ruleId: "sops/config-invalid",
          severity: "error",
          message: `creation_rules[${index}].path_regex does not compile as an RE2 regular expression`,
          ...at,
        });
      }
    }
    rule.uncomparable = addKeys(rule.keys, js);
    if (Array.isArray(js.key_groups)) {
      for (const g of js.key_groups)
        if (g && typeof g === "object")
          rule.uncomparable = addKeys(rule.keys, g as Record<string, unknown>) || rule.uncomparable;
    }
    const crypts = CRYPT_RULE_KEYS.filter((k) => typeof js[k] === "string" && js[k] !== "");
    if (crypts.length > 1) {
      cfg.problems.push({
        ruleId: "sops/config-invalid",
        severity: "error",
        message: `creation_rules[${index}] sets more than one crypt rule (${crypts.join(", ")}); sops refuses it`,
        ...at,
      });
    }
    if (crypts.length >= 1) rule.crypt = { key: crypts[0], value: js[crypts[0]] as string, isDefault: false };
    cfg.rules.push(rule);
  });
  return cfg;
}

/**
 * The creation rule sops would use for `absFile`: the first whose `path_regex` (RE2, unanchored) matches the
 * file path relative to the config's directory (the absolute path when the file is outside it); a rule
 * without `path_regex` matches everything.
 */
export function matchRule(cfg: SopsConfig, absFile: string): CreationRule | undefined {
  const prefix = cfg.dir.endsWith(path.sep) ? cfg.dir : cfg.dir + path.sep;
  const rel = absFile.startsWith(prefix) ? absFile.slice(prefix.length) : absFile;
  const relSlash = rel.split(path.sep).join("/");
  for (const r of cfg.rules) {
    if (r.pathRegex === undefined) return r;
    const re = re2(r.pathRegex);
    if (re?.matcher(relSlash).find()) return r;
  }
  return undefined;
}

/**
 * Finds the .sops.yaml for each directory: the nearest `.sops.yaml` in the directory or its ancestors (up to
 * 100 levels, like sops' LookupConfigFile; `.sops.yml` is not a config name for sops and is reported), cached per
 * directory, or the `--config` file for every file.
 */
export class ConfigLookup {
  private readonly byDir = new Map<string, Promise<SopsConfig | undefined>>();
  readonly loaded = new Map<string, SopsConfig>();
  readonly ignoredNames = new Set<string>();

  constructor(private readonly override?: string) {}

  async forFile(absFile: string): Promise<SopsConfig | undefined> {
    if (this.override) return this.load(this.override);
    return this.forDir(path.dirname(absFile), 0);
  }

  private forDir(dir: string, depth: number): Promise<SopsConfig | undefined> {
    let p = this.byDir.get(dir);
    if (!p) {
      p = (async () => {
        const candidate = path.join(dir, ".sops.yaml");
        if ((await stat(candidate).catch(() => undefined))?.isFile()) return this.load(candidate);
        const alt = path.join(dir, ".sops.yml");
        if ((await stat(alt).catch(() => undefined))?.isFile()) this.ignoredNames.add(alt);
        const parent = path.dirname(dir);
        if (parent === dir || depth >= 100) return undefined;
        return this.forDir(parent, depth + 1);
      })();
      this.byDir.set(dir, p);
    }
    return p;
  }

  private async load(file: string): Promise<SopsConfig> {
    const hit = this.loaded.get(file);
    if (hit) return hit;
    const cfg = parseSopsConfig(file, await readFile(file, "utf8"));
    this.loaded.set(file, cfg);
    return cfg;
  }
}

/** Findings for the loaded configs (only those inside the scanned root get a relative file). */
export function configFindings(lookup: ConfigLookup, root: string): Finding[] {
  const out: Finding[] = [];
  const rel = (f: string) => path.relative(root, f).split(path.sep).join("/");
  for (const cfg of lookup.loaded.values()) {
    for (const p of cfg.problems)
      out.push({
        ruleId: p.ruleId,
        severity: p.severity,
        message: p.message,
        file: rel(cfg.file),
        line: p.line,
        column: p.column,
      });
  }
  for (const f of lookup.ignoredNames) {
    out.push({
      ruleId: "sops/config-wrong-name",
      severity: "warning",
      message: "sops only reads .sops.yaml; this .sops.yml is ignored",
      file: rel(f),
      hint: "rename it to .sops.yaml",
    });
  }
  return out;
}

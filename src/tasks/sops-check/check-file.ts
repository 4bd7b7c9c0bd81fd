import type { Document } from "yaml";
import type { Finding } from "../../core/finding.js";
import type { Redactor } from "../../core/redact.js";
import type { AgeIdentities } from "../../core/sops/age.js";
import { checkLeaves, envelopeMetadata, loadEnvelope, verifyWithKey } from "../../core/sops/engine.js";
import { unwrapDataKey } from "../../core/sops/keys.js";
import { keySourceId, type SopsMetadata } from "../../core/sops/metadata.js";
import { parseSopsYamlDocs } from "../../core/sops/stores/yaml.js";
import { formatForPath, keyPathString, type Envelope, type Leaf } from "../../core/sops/tree.js";
import type { CreationRule } from "./config.js";
import {
  exposedLeaves,
  isPlaceholder,
  isSopsMarkedName,
  looksTemplated,
  ruleEvidence,
  secretLiteral,
} from "./evidence.js";
import { findKustomizations, findSecrets, type FluxKustomization, type SecretDoc } from "./kube.js";
import { SOPS_RULES, sopsRule } from "./rules.js";

/** What checking one file produced. */
export interface FileOutcome {
  findings: Finding[];
  /** The file carries sops metadata (it is a sops file). */
  encrypted: boolean;
  kustomizations: FluxKustomization[];
}

export interface FileContext {
  rel: string;
  text: string;
  /** Matching creation rule (catch-all rules excluded). */
  rule?: CreationRule;
  /** The matching rule including a catch-all one: what recipients and crypt rule the file should have. */
  expected?: CreationRule;
  /** How messages name the matching rule: `<config file relative to the root> rule #<1-based index>`. */
  ruleLabel?: string;
  identities?: AgeIdentities;
  redactor: Redactor;
}

// Cheap pre-filter: a file that mentions none of these cannot be a sops file, a Secret or a Flux Kustomization
// (a backslash covers escaped spellings in quoted scalars), so it is not even parsed.
const INTERESTING = /sops|Secret|Kustomization|\\/;

/** Text that declares a Kubernetes Secret or carries a top-level sops block (YAML or JSON). */
const LOOKS_SECRET = /^kind:[ \t]*["']?Secret["']?[ \t]*(#.*)?$|^sops:|^\s*"sops"\s*:|"kind"\s*:\s*"Secret"/m;

/** True when the text may need a full parse. */
export function mayMatter(text: string): boolean {
  return INTERESTING.test(text);
}

function at(env: Pick<Envelope, "pos">, offset: number): { line: number; column: number } {
  return env.pos(offset);
}

function leafFinding(
  ctx: FileContext,
  env: Envelope,
  leaf: Leaf,
  ruleId: string,
  severity: Finding["severity"],
  message: string,
  hint?: string,
): Finding {
  const doc = leaf.doc > 0 ? ` (YAML document ${leaf.doc + 1})` : "";
  const f: Finding = { ruleId, severity, message: `${message}${doc}`, file: ctx.rel, ...at(env, leaf.offset) };
  const kp = keyPathString(leaf.keyPath);
  if (kp) f.keyPath = kp;
  if (hint) f.hint = hint;
  return f;
}

function metaOffset(env: Envelope): number {
  return env.metadataOffset ?? 0;
}

function compareRule(ctx: FileContext, env: Envelope, meta: SopsMetadata, rule: CreationRule, out: Finding[]): void {
  const where = { file: ctx.rel, ...at(env, metaOffset(env)) };
  const label = ctx.ruleLabel ?? `.sops.yaml rule #${rule.index + 1}`;
  const fileRule = `${meta.crypt.key}: ${meta.crypt.value}`;
  const want = `${rule.crypt.key}: ${rule.crypt.value}`;
  if (fileRule !== want || meta.macOnlyEncrypted !== rule.macOnlyEncrypted) {
    // sops keeps using the file's own crypt rule when it edits the file, so a different rule is drift. It leaks
    // only when a value the creation rule would encrypt is in clear and holds data (not a Kubernetes object's
    // apiVersion/kind/metadata, which no rule can usefully encrypt).
    const exposed =
      fileRule === want ? [] : exposedLeaves(env, rule.crypt, checkLeaves(env, { crypt: rule.crypt }).plaintext);
    const first = exposed[0];
    const f: Finding = {
      ruleId: "sops/rule-mismatch",
      severity: first ? "error" : "warning",
      message:
        `the file was encrypted with ${fileRule}${meta.macOnlyEncrypted ? " (mac_only_encrypted)" : ""}, but ${label} says ${want}${rule.macOnlyEncrypted ? " (mac_only_encrypted)" : ""}` +
        (first
          ? `; ${exposed.length} value(s) that rule would encrypt are in clear, first ${keyPathString(first.keyPath) || "(root)"}`
          : "; every value that rule would encrypt is encrypted"),
      hint: "re-encrypt the file with the current rule: sops decrypt -i FILE && sops encrypt -i FILE",
      data: { config: label, exposed: exposed.length },
      ...where,
    };
    if (first) {
      Object.assign(f, at(env, first.offset));
      const kp = keyPathString(first.keyPath);
      if (kp) f.keyPath = kp;
    }
    out.push(f);
  }
  if (rule.uncomparable) return;
  const have = new Set(meta.groups.flat().map(keySourceId));
  const missing = [...rule.keys].filter((k) => !have.has(k));
  const extra = [...have].filter((k) => !rule.keys.has(k));
  if (missing.length > 0) {
    out.push({
      ruleId: "sops/recipient-drift",
      severity: "error",
      message: `missing recipient(s) from ${label}: ${missing.join(", ")} — holders of these keys cannot decrypt the file`,
      hint: "run sops updatekeys FILE",
      data: { missing, config: label },
      ...where,
    });
  }
  if (extra.length > 0) {
    out.push({
      ruleId: "sops/recipient-drift",
      severity: "error",
      message: `recipient(s) not in ${label}: ${extra.join(", ")} — a removed or stale key can still decrypt the file`,
      hint: "run sops updatekeys FILE, then rotate the data key (sops rotate -i FILE)",
      data: { extra, config: label },
      ...where,
    });
  }
}

/** Where a finding about the whole file points: the evidence leaf when there is one, else line 1. */
function fileAt(env: Envelope, leaf: Leaf | undefined): { line: number; column: number; keyPath?: string } {
  if (!leaf) return { line: 1, column: 1 };
  const kp = keyPathString(leaf.keyPath);
  return { ...at(env, leaf.offset), ...(kp ? { keyPath: kp } : {}) };
}

/**
 * A file without sops metadata: report it only on evidence that it holds secrets (module comment of
 * evidence.ts, table in docs/rules/sops.md). Never quotes a value.
 */
function plaintextFile(ctx: FileContext, format: string, env: Envelope, secrets: SecretDoc[], out: Finding[]): void {
  const label = ctx.ruleLabel ?? `.sops.yaml rule #${(ctx.rule?.index ?? 0) + 1}`;
  if (env.errors.length > 0) {
    // Unparsable: fail closed when it reads like a Secret (and is not a template rendered before use) or its name
    // says it is a sops file that a creation rule covers.
    const e = env.errors[0];
    const parseable = format === "yaml" || format === "json";
    const secretLike = LOOKS_SECRET.test(ctx.text) && !looksTemplated(ctx.text);
    const marked = ctx.rule !== undefined && isSopsMarkedName(ctx.rel);
    if (!secretLike && !marked) return;
    out.push({
      ruleId: parseable ? "sops/yaml-invalid" : "sops/not-encrypted",
      severity: "error",
      message: parseable
        ? `cannot parse the file: ${e.message}`
        : `the file must be encrypted (${label} covers this sops-named file) but is not a sops file`,
      file: ctx.rel,
      ...at(env, e.offset),
    });
    return;
  }
  for (const s of secrets) {
    const leaf = secretLiteral(env, s);
    if (!leaf) continue; // only ${VAR} substitutions, templates or empty values: nothing secret is in Git
    const field = s.fields.find((f) => f.key === leaf.path[0]) ?? s.fields[0];
    out.push({
      ruleId: "sops/plaintext-secret",
      severity: "error",
      message: `Kubernetes Secret${s.name ? ` ${JSON.stringify(s.name)}` : ""} has ${field.key} in plaintext and no sops metadata`,
      file: ctx.rel,
      keyPath: field.key,
      hint: "encrypt it: sops encrypt -i FILE (with a creation rule using encrypted_regex: ^(data|stringData)$)",
      ...at(env, field.offset),
    });
    return;
  }
  if (!ctx.rule) return;
  const ev = ruleEvidence(ctx.rel, ctx.text, env, ctx.rule.crypt);
  if (!ev.must) return;
  const why =
    ev.why === "marked-name"
      ? `its name marks it as a sops file and ${label} covers it`
      : `${label} would encrypt ${keyPathString(ev.leaf.keyPath) || "its content"} (${ctx.rule.crypt.key}: ${ctx.rule.crypt.value}), which holds a value`;
  out.push({
    ruleId: "sops/not-encrypted",
    severity: "error",
    message: `the file has no sops metadata (not encrypted), but ${why}`,
    file: ctx.rel,
    ...fileAt(env, ev.leaf),
    hint: "encrypt it: sops encrypt -i FILE; if it holds no secret, rename it or narrow the rule's path_regex",
    data: { config: label },
  });
}

/**
 * Check one file: whether it must be encrypted ((a) creation rule, (b) Kubernetes Secret with data/stringData,
 * (c) existing sops metadata), its metadata, every leaf against its crypt rule, the creation rule's crypt rule and
 * recipients, and with identities the data key, every value and the MAC. Never throws for file content.
 */
export async function checkFile(ctx: FileContext): Promise<FileOutcome> {
  const out: FileOutcome = { findings: [], encrypted: false, kustomizations: [] };
  const format = formatForPath(ctx.rel);
  if (!ctx.rule && !mayMatter(ctx.text)) return out;
  if (format === "ini") {
    if (ctx.rule || /^\[sops\]/m.test(ctx.text)) {
      out.findings.push({
        ruleId: "sops/unsupported-format",
        severity: "warning",
        message: "sops INI files are not checked by mxops (YAML, JSON, dotenv and binary are)",
        file: ctx.rel,
        line: 1,
      });
    }
    return out;
  }
  if (!ctx.rule && format !== "yaml" && format !== "json" && !ctx.text.includes("sops")) return out;
  let docs: Document.Parsed[] | undefined;
  if (format === "yaml" || format === "json" || format === "binary") {
    if (format === "binary" && !ctx.rule && !ctx.text.trimStart().startsWith("{")) return out;
    docs = parseSopsYamlDocs(ctx.text);
  }
  const env = loadEnvelope(ctx.text, format, docs);
  const secrets = docs ? findSecrets(docs) : [];
  if (docs) out.kustomizations = findKustomizations(ctx.rel, docs);
  const hasMeta = env.metadata !== undefined;
  out.encrypted = hasMeta;
  if (!hasMeta) {
    plaintextFile(ctx, format, env, secrets, out.findings);
    return out;
  }
  for (const e of env.errors)
    out.findings.push({
      ruleId: "sops/yaml-invalid",
      severity: "error",
      message: `cannot parse the file: ${e.message}`,
      file: ctx.rel,
      ...at(env, e.offset),
    });
  if (env.errors.length > 0) return out;
  const { metadata, problems } = envelopeMetadata(env);
  for (const p of problems) {
    out.findings.push({
      ruleId: sopsRule(p.rule),
      severity: SOPS_RULES[sopsRule(p.rule)],
      message: p.message,
      file: ctx.rel,
      ...at(env, metaOffset(env)),
      ...(p.key ? { keyPath: `sops.${p.key}` } : {}),
    });
  }
  if (!metadata) return out;
  const leaves = checkLeaves(env, metadata);
  for (const l of leaves.plaintext) {
    out.findings.push(
      leafFinding(
        ctx,
        env,
        l,
        "sops/plaintext-value",
        "error",
        `value must be encrypted under the file's ${metadata.crypt.key} rule but is in plaintext`,
        "encrypt the file again with sops (sops encrypt -i FILE after decrypting), never edit ciphertext files by hand",
      ),
    );
  }
  for (const l of leaves.malformed) {
    out.findings.push(
      leafFinding(
        ctx,
        env,
        l,
        "sops/value-corrupt",
        "error",
        "value looks encrypted but is not a well-formed sops ENC[AES256_GCM,…] value",
      ),
    );
  }
  for (const l of leaves.plaintextComments) {
    out.findings.push(
      leafFinding(
        ctx,
        env,
        l,
        "sops/plaintext-comment",
        "warning",
        "comment is in plaintext where sops would have encrypted it (comments are not covered by the MAC)",
      ),
    );
  }
  // A Secret's data must be encrypted whatever the file's own crypt rule says.
  const reported = new Set(leaves.plaintext);
  for (const s of secrets) {
    for (const l of env.leaves) {
      if (l.doc !== s.doc || reported.has(l) || l.kind === "null" || l.kind === "comment") continue;
      if (l.path[0] !== "data" && l.path[0] !== "stringData") continue;
      if (typeof l.value === "string" && isPlaceholder(l.value)) continue;
      out.findings.push(
        leafFinding(
          ctx,
          env,
          l,
          "sops/plaintext-value",
          "error",
          `Secret ${l.path[0]} value is in plaintext: the file's crypt rule (${metadata.crypt.key}: ${metadata.crypt.value}) leaves it unencrypted`,
          "use encrypted_regex: ^(data|stringData)$ for Kubernetes Secrets",
        ),
      );
    }
  }
  if (ctx.expected) compareRule(ctx, env, metadata, ctx.expected, out.findings);
  const fatal = problems.some((p) => p.rule !== "metadata-invalid" && p.rule !== "metadata-missing-mac");
  if (!ctx.identities || ctx.identities.list.length === 0 || fatal || metadata.groups.length === 0) return out;
  const unwrapped = await unwrapDataKey(metadata, ctx.identities);
  const metaAt = { file: ctx.rel, ...at(env, metaOffset(env)) };
  if (!unwrapped.ok) {
    const rule = unwrapped.reason === "shamir-failed" ? "no-matching-identity" : unwrapped.reason;
    out.findings.push({ ruleId: sopsRule(rule), severity: "warning", message: unwrapped.message, ...metaAt });
    return out;
  }
  const v = verifyWithKey(env, metadata, unwrapped.key);
  // Single-line values are masked in every output from now on. Multi-line values (embedded config documents) are
  // not registered: the redactor would mask each of their lines, i.e. ordinary YAML keys in every message.
  for (const p of v.plain.values())
    if (typeof p.value === "string" && p.value.length >= 8 && !p.value.includes("\n")) ctx.redactor.add(p.value);
  for (const l of v.corrupt) {
    out.findings.push(
      leafFinding(
        ctx,
        env,
        l,
        "sops/value-corrupt",
        "error",
        "value does not decrypt with the file's data key (edited ciphertext, or moved to another key path)",
      ),
    );
  }
  if (v.status === "mismatch" || v.status === "mac-undecryptable") {
    out.findings.push({
      ruleId: "sops/mac-mismatch",
      severity: "error",
      message:
        v.status === "mismatch"
          ? "MAC mismatch: the file's values were changed after encryption"
          : "the stored MAC does not decrypt with the data key and lastmodified (metadata edited)",
      keyPath: "sops.mac",
      hint: "sops decrypt refuses this file; restore it from a trusted version or re-encrypt from a trusted plaintext",
      ...metaAt,
    });
  }
  v.plain.clear();
  return out;
}

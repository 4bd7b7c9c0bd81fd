import path from "node:path";
import { shouldBeEncrypted } from "../../core/sops/crypt.js";
import type { CryptRule } from "../../core/sops/metadata.js";
import type { Envelope, Leaf } from "../../core/sops/tree.js";
import type { SecretDoc } from "./kube.js";

/**
 * What makes a file without sops metadata one that must be encrypted. A creation rule says how sops encrypts a
 * file when someone runs sops on it; it does not by itself prove that every file its `path_regex` matches holds
 * secrets. The evidence, row by row (the table in docs/rules/sops.md):
 *  - a Kubernetes Secret whose `data`/`stringData` holds at least one literal value;
 *  - a sops-marked name (`*.sops.*`, `*.enc.*`) matched by a creation rule, with any content;
 *  - a creation rule whose crypt rule selects keys (`encrypted_regex`, `encrypted_suffix`,
 *    `encrypted_comment_regex`) and a selected value that holds literal data (not under a reference or switch
 *    key such as `name`, `existingSecret`, `create`);
 *  - a creation rule that encrypts everything not excluded (the default, `unencrypted_*`), a structured file
 *    (YAML, JSON, dotenv) that is not a template, and a selected value that holds literal data.
 * Not evidence: placeholders (`${VAR}`, `${VAR:=default}`, `${VAR:-default}` filled by Flux postBuild
 * substitution, `{{ … }}` templates, `<placeholder>`), empty values, booleans and nulls, and any file sops would
 * read with its binary store (Markdown, scripts, templates) unless its name is sops-marked.
 */

/** `name.sops.yaml`, `secrets.enc.json`, `x.sops.env`, `key.sops`: the name says the file is a sops file. */
export function isSopsMarkedName(rel: string): boolean {
  return /\.(sops|enc)(\.|$)/i.test(path.posix.basename(rel));
}

/** A Flux post-build substitution variable: `${VAR}`, `${VAR:=default}`, `${VAR:-default}`. */
const FLUX_VAR = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=+][^}]*)?\}/;

/**
 * True when a string is not itself secret material: empty, a Flux substitution anywhere in it (Flux fills it at
 * apply time from `postBuild.substitute`/`substituteFrom`), a `{{ … }}` or `{% … %}` template expression, an
 * `<angle-bracket>` placeholder, or sops ciphertext.
 */
export function isPlaceholder(s: string): boolean {
  const t = s.trim();
  if (t === "") return true;
  if (FLUX_VAR.test(t)) return true;
  if (/\{\{.*\}\}|\{%.*%\}/s.test(t)) return true;
  if (/^<[^<>]+>$/.test(t)) return true;
  return t.startsWith("ENC[");
}

/** A leaf that holds data worth protecting: a non-placeholder string or a number. */
export function holdsData(leaf: Leaf): boolean {
  if (leaf.kind === "str") return !isPlaceholder(leaf.value as string);
  return leaf.kind === "int" || leaf.kind === "float";
}

/**
 * Keys that hold a reference to a secret or a switch, not secret material: `secret: {create: false, name: x}`,
 * `existingSecret`, `secretKeyRef.key`, `passwordFile`, `tokenPath`.
 */
const REFERENCE_KEY =
  /^(name|key|create|enabled|type|kind|path|file|ref|.*(Name|_name|File|_file|Path|_path|Ref|_ref)|existing.*|secretKey|secret_key_name)$/;

/** A leaf under a key a creation rule selects that holds data (not a reference, switch or placeholder). */
function selectedData(leaf: Leaf): boolean {
  const own = leaf.path[leaf.path.length - 1] ?? "";
  return holdsData(leaf) && !REFERENCE_KEY.test(own);
}

/** Text that is a template (Go/Helm, Jinja, cookiecutter): rendered before anything reads it as data. */
export function looksTemplated(text: string): boolean {
  return /\{\{[^\n]*\}\}|\{%[^\n]*%\}/.test(text);
}

/** First literal value in a Secret's data/stringData (undefined: only placeholders or empty values). */
export function secretLiteral(env: Envelope, s: SecretDoc): Leaf | undefined {
  return env.leaves.find(
    (l) => l.doc === s.doc && (l.path[0] === "data" || l.path[0] === "stringData") && holdsData(l),
  );
}

/** Crypt rules that name what to encrypt (everything else stays clear). */
const SELECTING = new Set(["encrypted_regex", "encrypted_suffix", "encrypted_comment_regex"]);

/** The outcome for a file that matches a creation rule and has no sops metadata. */
export type RuleEvidence =
  { must: false } | { must: true; why: "marked-name"; leaf?: Leaf } | { must: true; why: "selected-value"; leaf: Leaf };

/**
 * Decide whether a plaintext file matched by a creation rule with crypt rule `crypt` must be encrypted (see the
 * module comment). `env` is the file as its sops store reads it.
 */
export function ruleEvidence(rel: string, text: string, env: Envelope, crypt: CryptRule): RuleEvidence {
  const marked = isSopsMarkedName(rel);
  if (marked) {
    if (env.format === "binary") return text.trim() !== "" ? { must: true, why: "marked-name" } : { must: false };
    const leaf = env.leaves.find((l) => l.kind !== "null" && l.kind !== "comment" && l.value !== "");
    if (leaf) return { must: true, why: "marked-name", leaf };
    // An empty file (or one with only comments or nulls) holds nothing to encrypt yet.
    return { must: false };
  }
  if (env.format !== "yaml" && env.format !== "json" && env.format !== "dotenv") return { must: false };
  if (!SELECTING.has(crypt.key) && looksTemplated(text)) return { must: false };
  const leaf = env.leaves.find(
    (l) => l.kind !== "comment" && selectedData(l) && shouldBeEncrypted({ crypt }, l.path, l.comments, false),
  );
  return leaf ? { must: true, why: "selected-value", leaf } : { must: false };
}

/** Top-level fields that identify a Kubernetes object; kustomize and Flux need them in clear, none is secret. */
const K8S_IDENTITY = new Set(["apiVersion", "kind", "metadata", "type"]);

/**
 * Leaves a creation rule's crypt rule would encrypt that the file holds in clear and that carry data (a
 * non-placeholder string or a number; not a Kubernetes object's apiVersion/kind/metadata/type).
 */
export function exposedLeaves(env: Envelope, crypt: CryptRule, plaintext: readonly Leaf[]): Leaf[] {
  const k8sDocs = new Set<number>();
  for (const l of env.leaves) if (l.path.length === 1 && l.path[0] === "kind" && l.kind === "str") k8sDocs.add(l.doc);
  return plaintext.filter(
    (l) =>
      holdsData(l) &&
      !(k8sDocs.has(l.doc) && K8S_IDENTITY.has(l.path[0] ?? "")) &&
      shouldBeEncrypted({ crypt }, l.path, l.comments, false),
  );
}

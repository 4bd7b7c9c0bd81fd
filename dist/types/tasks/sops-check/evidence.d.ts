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
export declare function isSopsMarkedName(rel: string): boolean;
/**
 * True when a string is not itself secret material: empty, a Flux substitution anywhere in it (Flux fills it at
 * apply time from `postBuild.substitute`/`substituteFrom`), a `{{ … }}` or `{% … %}` template expression, an
 * `<angle-bracket>` placeholder, or sops ciphertext.
 */
export declare function isPlaceholder(s: string): boolean;
/** A leaf that holds data worth protecting: a non-placeholder string or a number. */
export declare function holdsData(leaf: Leaf): boolean;
/** Text that is a template (Go/Helm, Jinja, cookiecutter): rendered before anything reads it as data. */
export declare function looksTemplated(text: string): boolean;
/** First literal value in a Secret's data/stringData (undefined: only placeholders or empty values). */
export declare function secretLiteral(env: Envelope, s: SecretDoc): Leaf | undefined;
/** The outcome for a file that matches a creation rule and has no sops metadata. */
export type RuleEvidence = {
    must: false;
} | {
    must: true;
    why: "marked-name";
    leaf?: Leaf;
} | {
    must: true;
    why: "selected-value";
    leaf: Leaf;
};
/**
 * Decide whether a plaintext file matched by a creation rule with crypt rule `crypt` must be encrypted (see the
 * module comment). `env` is the file as its sops store reads it.
 */
export declare function ruleEvidence(rel: string, text: string, env: Envelope, crypt: CryptRule): RuleEvidence;
/**
 * Leaves a creation rule's crypt rule would encrypt that the file holds in clear and that carry data (a
 * non-placeholder string or a number; not a Kubernetes object's apiVersion/kind/metadata/type).
 */
export declare function exposedLeaves(env: Envelope, crypt: CryptRule, plaintext: readonly Leaf[]): Leaf[];

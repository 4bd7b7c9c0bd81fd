import { type PathSeg } from "../../../../core/yaml.js";
import type { Location } from "../types.js";
/** How a value under a credential-named key looks. */
export type SecretValueKind = "literal" | "placeholder" | "none";
/**
 * Classify a value written under a credential key. Not literal: non-strings (booleans, numbers), empty strings,
 * Flux/shell substitutions (`${VAR}`), chart or Go templates (`{{ ... }}`), SOPS inline ciphertext (`ENC[...]`),
 * `<angle-bracket>` placeholders, file paths, and ENV_VAR_STYLE names (values of `!env_var`-style custom tags).
 * Well-known dummy words (`changeme`, `xxx`) are placeholders: not a leak, but not a working secret either.
 */
export declare function classifySecretValue(v: unknown): SecretValueKind;
/** A URL with an inline password (`scheme://user:pass@host`) whose password is not a substitution. */
export declare function urlWithPassword(v: unknown): boolean;
/** Whether `key` (in the object `siblings`, reached by `path`) names a credential rather than a reference to one. */
export declare function isCredentialKey(key: string, siblings: Record<string, unknown>, path: readonly PathSeg[]): boolean;
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
/**
 * Walk a plain-JS document for credentials, descending into embedded YAML/JSON config strings
 * (`values.yaml: |` in a ConfigMap, `synapse.additional.x.config`, …) with positions mapped to the outer file.
 * Never reports the value itself.
 */
export declare function scanCredentials(root: unknown, base: readonly PathSeg[], loc: Locator, prefix?: string): CredentialHit[];

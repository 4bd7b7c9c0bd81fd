/** The six crypt-rule fields of the metadata; at most one may be set. */
export declare const CRYPT_RULE_KEYS: readonly ["unencrypted_suffix", "encrypted_suffix", "unencrypted_regex", "encrypted_regex", "unencrypted_comment_regex", "encrypted_comment_regex"];
export type CryptRuleKey = (typeof CRYPT_RULE_KEYS)[number];
/** Which leaves a file encrypts: one rule (sops' default is `unencrypted_suffix: _unencrypted`). */
export interface CryptRule {
    key: CryptRuleKey;
    value: string;
    /** True when no rule was written and the default applies. */
    isDefault: boolean;
}
/** One master key of a key group, as written in the metadata. */
export type KeySource = {
    type: "age";
    recipient: string;
    enc: string;
} | {
    type: "pgp";
    fp: string;
    enc: string;
} | {
    type: "kms";
    id: string;
} | {
    type: "gcp_kms";
    id: string;
} | {
    type: "azure_kv";
    id: string;
} | {
    type: "hc_vault";
    id: string;
} | {
    type: "hckms";
    id: string;
};
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
/**
 * Validate and parse a `sops` metadata mapping exactly as strictly as sops does when it loads a file
 * (RFC 3339 lastmodified, at most one crypt rule, at least one key group), plus shape checks sops would
 * fail on later. Returns the metadata (best effort) and every problem found; never throws.
 */
export declare function parseMetadata(raw: unknown): {
    metadata: SopsMetadata;
    problems: MetadataProblem[];
};
/** A key source as `type:id` for comparisons (age recipient, PGP fingerprint, KMS ARN, …). */
export declare function keySourceId(k: KeySource): string;

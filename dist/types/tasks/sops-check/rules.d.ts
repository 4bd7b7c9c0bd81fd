/**
 * Every rule id sops-check reports, with its default severity. Documented in docs/rules/sops.md
 * (what it catches, why it matters, how to fix it).
 */
export declare const SOPS_RULES: {
    readonly "sops/not-encrypted": "error";
    readonly "sops/plaintext-secret": "error";
    readonly "sops/plaintext-value": "error";
    readonly "sops/plaintext-comment": "warning";
    readonly "sops/value-corrupt": "error";
    readonly "sops/metadata-invalid": "error";
    readonly "sops/metadata-missing-mac": "error";
    readonly "sops/lastmodified-invalid": "error";
    readonly "sops/multiple-crypt-rules": "error";
    readonly "sops/no-key-groups": "error";
    readonly "sops/rule-mismatch": "error";
    readonly "sops/recipient-drift": "error";
    readonly "sops/mac-mismatch": "error";
    readonly "sops/no-matching-identity": "warning";
    readonly "sops/unsupported-recipient": "warning";
    readonly "sops/no-usable-key": "warning";
    readonly "sops/flux-no-decryption": "error";
    readonly "sops/file-too-large": "warning";
    readonly "sops/unreadable": "error";
    readonly "sops/yaml-invalid": "error";
    readonly "sops/unsupported-format": "warning";
    readonly "sops/config-invalid": "error";
    readonly "sops/config-unknown-key": "warning";
    readonly "sops/config-wrong-name": "warning";
};
/** A sops-check rule id. */
export type SopsRuleId = keyof typeof SOPS_RULES;
/** The rule id for an engine problem or unwrap failure name (`metadata-invalid` → `sops/metadata-invalid`). */
export declare function sopsRule(name: string): SopsRuleId;

/**
 * Every rule id sops-check reports, with its default severity. Documented in docs/rules/sops.md
 * (what it catches, why it matters, how to fix it).
 */
export const SOPS_RULES = {
  "sops/not-encrypted": "error",
  "sops/plaintext-secret": "error",
  "sops/plaintext-value": "error",
  "sops/plaintext-comment": "warning",
  "sops/value-corrupt": "error",
  "sops/metadata-invalid": "error",
  "sops/metadata-missing-mac": "error",
  "sops/lastmodified-invalid": "error",
  "sops/multiple-crypt-rules": "error",
  "sops/no-key-groups": "error",
  "sops/rule-mismatch": "error",
  "sops/recipient-drift": "error",
  "sops/mac-mismatch": "error",
  "sops/no-matching-identity": "warning",
  "sops/unsupported-recipient": "warning",
  "sops/no-usable-key": "warning",
  "sops/flux-no-decryption": "error",
  "sops/file-too-large": "warning",
  "sops/unreadable": "error",
  "sops/yaml-invalid": "error",
  "sops/unsupported-format": "warning",
  "sops/config-invalid": "error",
  "sops/config-unknown-key": "warning",
  "sops/config-wrong-name": "warning",
} as const;

/** A sops-check rule id. */
export type SopsRuleId = keyof typeof SOPS_RULES;

/** The rule id for an engine problem or unwrap failure name (`metadata-invalid` → `sops/metadata-invalid`). */
export function sopsRule(name: string): SopsRuleId {
  const id = `sops/${name}`;
  if (!(id in SOPS_RULES)) throw new Error(`unknown sops rule ${id}`);
  return id as SopsRuleId;
}

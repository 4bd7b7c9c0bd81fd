/**
 * Combine Shamir parts into the secret, like sops' shamir.Combine. sops uses HashiCorp Vault's scheme: GF(2^8) with
 * the AES polynomial, each part is the share bytes followed by one byte holding its x coordinate. The audited
 * `shamir-secret-sharing` library implements that same field and layout (proved against an independent reference
 * and the field values of sops' own tests in test/core/sops/shamir.test.ts). Returns undefined where sops errors:
 * fewer than two parts, unequal or too short lengths, duplicate x coordinates.
 */
export declare function shamirCombine(parts: readonly Uint8Array[]): Promise<Uint8Array | undefined>;

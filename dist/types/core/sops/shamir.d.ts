/** Split a secret into parts (threshold ≥ 2). Used by tests to make multi-group fixtures. */
export declare function shamirSplit(secret: Uint8Array, parts: number, threshold: number, random: (n: number) => Uint8Array): Uint8Array[];
/**
 * Combine parts into the secret, like sops' shamir.Combine. Returns undefined for fewer than two parts,
 * unequal lengths or duplicate x coordinates (sops errors there too).
 */
export declare function shamirCombine(parts: readonly Uint8Array[]): Uint8Array | undefined;

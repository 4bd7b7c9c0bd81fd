/** Decode a Bech32 string into its human-readable prefix (lower case) and data bytes; undefined if invalid. */
export declare function bech32Decode(s: string): {
    prefix: string;
    bytes: Uint8Array;
} | undefined;
/** Encode bytes as Bech32 (lower case). */
export declare function bech32Encode(prefix: string, bytes: Uint8Array): string;

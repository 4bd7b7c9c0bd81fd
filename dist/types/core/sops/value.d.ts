/** Value types sops writes in the `type:` field of an ENC[...] value. */
export type SopsValueType = "str" | "int" | "float" | "bytes" | "bool" | "time" | "comment";
/** The parts of a well-formed `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]` value. */
export interface EncValue {
    data: Buffer;
    iv: Buffer;
    tag: Buffer;
    type: SopsValueType;
}
/** True when the string starts like an ENC value (so a malformed one is "corrupt", not "plaintext"). */
export declare function looksEncrypted(s: string): boolean;
/** Parse an ENC value; undefined when it is not well-formed (bad shape, empty data/iv, 16-byte tag missing). */
export declare function parseEnc(s: string): EncValue | undefined;
/** A decrypted leaf: the typed value and the bytes sops feeds into the MAC for it. */
export interface Plain {
    value: string | number | bigint | boolean | Date | Buffer;
    type: SopsValueType;
    /** `sops.ToBytes` of the decrypted value. */
    macBytes: Buffer;
}
/** Why a value could not be decrypted (never contains plaintext). */
export type DecryptFailure = "malformed" | "auth" | "type";
/**
 * Decrypt one ENC value with the data key and AAD (`path.join(":") + ":"`, or the RFC 3339 lastmodified for the
 * MAC). Returns the typed value like sops' aes cipher (int → Atoi, float → ParseFloat, bool → ParseBool), or a
 * failure kind. Plaintext stays in the returned object only.
 */
export declare function decryptEnc(s: string, key: Buffer, aad: string): Plain | DecryptFailure;
/** Encrypt like sops (32-byte IV). Used for tests and fixtures; mxops itself never writes sops files. */
export declare function encryptEnc(plain: string | Buffer, key: Buffer, aad: string, type: SopsValueType): string;
/** Go `strconv.FormatFloat(f, 'f', -1, 64)`: shortest round-trip digits, never an exponent. */
export declare function goFormatFloat(f: number): string;
/** A parsed RFC 3339 time: epoch ms, and Go's `Format(time.RFC3339)` / `MarshalText` renderings. */
export interface Rfc3339 {
    ms: number;
    /** `time.RFC3339` (seconds, no fraction; `Z` for a zero offset). */
    seconds: string;
    /** `time.RFC3339Nano` as MarshalText writes it (fraction without trailing zeros). */
    nano: string;
}
/** Parse like Go `time.Parse(time.RFC3339, s)`; undefined when Go would reject it. */
export declare function parseRfc3339(s: string): Rfc3339 | undefined;

import type { Stanza } from "age-encryption";
/**
 * Decode unpadded standard base64 as the age header uses it, only in its canonical form (the form a re-encode gives:
 * no padding, no stray bits in the last character); undefined otherwise. Lenient decoding would let two different
 * header texts carry the same bytes, which the age spec forbids.
 */
export declare function canonicalBase64(text: string): Buffer | undefined;
/**
 * Decode an armored age file (the strict PEM subset of the age spec); undefined when malformed. Whitespace around
 * the armor and CRLF line ends are accepted; inside it, every line but the last holds exactly 64 characters, the last
 * 1 to 64, and the base64 must be canonical (padded, no stray bits).
 */
export declare function dearmor(text: string): Buffer | undefined;
/** Something that can unwrap a file key from stanzas synchronously (the native X25519 identity). */
export interface SyncIdentity {
    unwrapFileKey(stanzas: Stanza[]): Uint8Array | null;
}
/**
 * Decrypt a small single-chunk age file (such as a sops data key) with node:crypto. Returns the plaintext, null
 * when no identity matches or authentication fails, or undefined when the file needs the general decrypter
 * (unknown layout, several chunks).
 */
export declare function ageDecryptNative(file: Buffer, identities: readonly SyncIdentity[]): Uint8Array | null | undefined;

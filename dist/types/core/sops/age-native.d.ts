import type { Stanza } from "age-encryption";
/** Decode an armored age file (strict PEM subset); undefined when malformed. */
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

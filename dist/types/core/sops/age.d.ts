import { type Identity, type Stanza } from "age-encryption";
/**
 * An age X25519 identity that unwraps with Node's native X25519, HKDF and ChaCha20-Poly1305 (OpenSSL), plugged
 * into age-encryption through its `Identity` interface. Same contract as age-encryption's own X25519 identity:
 * returns null for stanzas of other keys, throws only for malformed X25519 stanzas.
 */
export declare class NativeX25519Identity implements Identity {
    readonly recipient: string;
    private readonly priv;
    private readonly pub;
    constructor(scalar: Uint8Array);
    unwrapFileKey(stanzas: Stanza[]): Uint8Array | null;
}
/** One usable identity and the recipient it answers to. */
export interface AgeIdentity {
    recipient: string;
    kind: "x25519" | "pq";
    /** The identity object (or the identity string for post-quantum keys, parsed by age-encryption). */
    identity: Identity | string;
}
/** The identities mxops can decrypt with; never serialised, never logged. */
export interface AgeIdentities {
    list: AgeIdentity[];
}
/** Where identities come from: a label for messages (env var name or file path) and the text. */
export interface AgeKeySource {
    origin: string;
    text: string;
    /** SOPS_AGE_KEY allows several whitespace-separated identities per line; files do not. */
    multiplePerLine?: boolean;
}
/**
 * Parse age identities like sops does: one identity per line (`#` comments and empty lines skipped; several per
 * line only for SOPS_AGE_KEY); X25519 `AGE-SECRET-KEY-1…` and post-quantum `AGE-SECRET-KEY-PQ-1…`. A source that
 * is itself an age file (binary or armored, e.g. a passphrase-protected key file) is decrypted with
 * `options.passphrase` first. Every identity string is passed to `options.onSecret` before anything else.
 * Throws MxopsError MXOPS_INPUT naming the source (never its content) for malformed keys, a missing or wrong
 * passphrase, or an OpenSSH private key (age-encryption has no ssh-ed25519/ssh-rsa support).
 */
export declare function loadAgeIdentities(sources: readonly AgeKeySource[], options?: {
    passphrase?: string;
    onSecret?: (s: string) => void;
}): Promise<AgeIdentities>;
/** Kinds of age recipients as sops reads them. */
export declare function recipientKind(r: string): "x25519" | "pq" | "ssh" | "plugin" | "unknown";
/**
 * Decrypt an age message with the given identities: armored text (a sops `enc`) or binary bytes. Returns the
 * plaintext (the data key or its Shamir part) or undefined when no identity opens it or the message is malformed.
 * With X25519 identities only, the fast reader in age-native.ts goes first; whatever it does not handle (another
 * armor layout, other stanzas, several chunks) goes to age-encryption. Both are held to the C2SP/CCTV age vectors
 * and to a differential test in test/core/sops/age-native.test.ts.
 */
export declare function ageDecrypt(enc: string | Uint8Array, identities: readonly AgeIdentity[]): Promise<Uint8Array | undefined>;

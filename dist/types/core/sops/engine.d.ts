import type { Document } from "yaml";
import { type MetadataProblem, type SopsMetadata } from "./metadata.js";
import type { Envelope, Leaf, SopsFormat } from "./tree.js";
import { type Plain } from "./value.js";
/** sops' MACOnlyEncryptedInitialization: hashed first when `mac_only_encrypted` is set. */
export declare const MAC_ONLY_ENCRYPTED_INIT: Buffer<ArrayBuffer>;
/**
 * Load a file as the sops store for `format` reads it. `docs` lets a caller that already parsed the YAML
 * (with SOPS_YAML_OPTIONS) avoid a second parse. JSON and the binary store are parsed as YAML (a JSON
 * superset) to keep key order and positions. INI is not supported (returns an envelope with an error).
 */
export declare function loadEnvelope(text: string, format: SopsFormat, docs?: readonly Document.Parsed[]): Envelope;
/** Leaves the crypt rule says must be encrypted but are not well-formed ENC values. */
export interface LeafCheck {
    /** Plaintext where sops would have written ENC[…] (strings, numbers, booleans). */
    plaintext: Leaf[];
    /** Starts like ENC[ but is not a well-formed sops value. */
    malformed: Leaf[];
    /** Comments sops would have encrypted but are in clear (sops tolerates these; not covered by the MAC). */
    plaintextComments: Leaf[];
}
/** Check every leaf against the file's crypt rule, without any key. */
export declare function checkLeaves(env: Envelope, meta: Pick<SopsMetadata, "crypt">): LeafCheck;
/** Outcome of decrypting a file with its data key and checking the MAC. */
export interface MacResult {
    /** "ok", "mismatch" (computed ≠ stored), "mac-undecryptable" (stored MAC does not open with the data key
     * and lastmodified as AAD), "incomplete" (a value could not be decrypted, so no MAC could be computed). */
    status: "ok" | "mismatch" | "mac-undecryptable" | "incomplete" | "no-mac";
    /** Leaves whose ENC value does not decrypt (wrong key, edited ciphertext, wrong path, bad type). */
    corrupt: Leaf[];
    /** Decrypted values by leaf (memory only). */
    plain: Map<Leaf, Plain>;
    /** The MAC computed over the content (uppercase hex SHA-512), when every value decrypted. */
    computed?: string;
}
/**
 * Decrypt every encrypted leaf with the data key and recompute the MAC exactly like sops' Tree.Decrypt:
 * SHA-512 over the bytes of every non-comment, non-null leaf in walk order (only encrypted ones with
 * `mac_only_encrypted`, after the fixed prefix), uppercase hex, compared with the stored MAC decrypted with
 * AAD = lastmodified in RFC 3339. Encrypted comments are decrypted too (a failure is tolerated, as in sops).
 */
export declare function verifyWithKey(env: Envelope, meta: SopsMetadata, key: Buffer): MacResult;
/** Parse and validate the metadata of an envelope; problems include "sops metadata not found". */
export declare function envelopeMetadata(env: Envelope): {
    metadata?: SopsMetadata;
    problems: MetadataProblem[];
};

import type { Document } from "yaml";
import type { AgeIdentities } from "./age.js";
import { type UnwrapFailure } from "./keys.js";
import type { SopsFormat } from "./tree.js";
/** Why a file could not be decrypted and verified (never carries plaintext). */
export type DecryptFailureReason = "parse-error" | "not-encrypted" | "metadata-invalid" | UnwrapFailure | "value-corrupt" | "mac-mismatch" | "plaintext-value";
export type DecryptResult = {
    ok: true;
    docs: unknown[];
} | {
    ok: false;
    reason: DecryptFailureReason;
    message: string;
};
/**
 * Decrypt a sops file in memory and verify it exactly as `sops decrypt` would (data key from the age identities
 * or `options.dataKey`, every value, the MAC). On success returns the plaintext documents (YAML: one per
 * document, without the `sops` key). Plaintext is only ever returned to the caller, never logged, never put in
 * `message`. Never throws for bad input.
 */
export declare function decryptSopsFile(text: string, format: SopsFormat, identities: AgeIdentities | undefined, options?: {
    dataKey?: Buffer;
    docs?: readonly Document.Parsed[];
}): Promise<DecryptResult>;
/** {@link decryptSopsFile} for YAML text (multi-document). */
export declare function decryptSopsYaml(text: string, identities: AgeIdentities | undefined, options?: {
    dataKey?: Buffer;
}): Promise<DecryptResult>;

import { type AgeIdentities } from "./age.js";
import type { SopsMetadata } from "./metadata.js";
/** Why no data key could be recovered. */
export type UnwrapFailure = 
/** No key group has an age recipient (PGP/KMS/Vault only): mxops cannot use any of them. */
"no-usable-key"
/** The only age recipients are types age-encryption cannot open (ssh-ed25519, ssh-rsa, plugins). */
 | "unsupported-recipient"
/** Age recipients exist, but none of the given identities opens them. */
 | "no-matching-identity"
/** Key groups decrypted but fewer than the Shamir threshold, or the parts do not combine. */
 | "shamir-failed";
export type UnwrapResult = {
    ok: true;
    key: Buffer;
} | {
    ok: false;
    reason: UnwrapFailure;
    message: string;
};
/**
 * Recover the data key like sops' GetDataKey: one part per key group (any key of the group), and with more
 * than one group a Shamir combination of at least `shamir_threshold` parts. Only age keys are used.
 */
export declare function unwrapDataKey(meta: Pick<SopsMetadata, "groups" | "shamirThreshold">, ids: AgeIdentities): Promise<UnwrapResult>;

import type { BackendName } from "../types.js";
import type { AuditRecord } from "./log.js";
/** One invite's lifecycle folded from its audit records (all records sharing an `attempt`). */
export type AttemptState = Pick<AuditRecord, "recipient" | "status" | "ref" | "id" | "name" | "createdAt" | "expiresAt" | "sentAt" | "messageId" | "revokedAt" | "reason"> & {
    attempt: string;
    backend: BackendName;
    /** Time of the first record (the intent). */
    startedAt: string;
    updatedAt: string;
};
/** Lower-cased address: the identity of a recipient across runs and rows. */
export declare function recipientKey(email: string): string;
/** Fold records into attempts, in first-seen order. Later records override earlier fields. */
export declare function foldAttempts(records: readonly AuditRecord[]): AttemptState[];
/** Attempts grouped by recipient key, each list oldest first. */
export declare function byRecipient(attempts: readonly AttemptState[]): Map<string, AttemptState[]>;
/**
 * Attempts a crash or a failed cleanup left with a possibly usable credential: intent without outcome, created but
 * never mailed, or failed without a confirmed revoke. The next run revokes these before inviting again.
 */
export declare function needsCleanup(a: AttemptState): boolean;
/** Sent, not known to be used/revoked, and not past its expiry (by the audit's own times). */
export declare function isLiveByAudit(a: AttemptState, now: Date): boolean;

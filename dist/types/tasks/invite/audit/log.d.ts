import type { BackendName } from "../types.js";
/** Lifecycle states recorded in the audit trail. `pending` is the intent written right before a create call. */
export type AuditStatus = "pending" | "created" | "sent" | "failed" | "revoked" | "used" | "expired" | "onboarded";
/**
 * One audit line. Holds handles and times only: never the token text, the Authentik invitation uuid or any secret.
 * `attempt` ties the records of one invite together; `ref` is the marker used to find an orphan after a crash
 * (MAS: a truncated SHA-256 of the token text; Authentik: the invitation name).
 */
export interface AuditRecord {
    v: 1;
    ts: string;
    status: AuditStatus;
    recipient: string;
    backend?: BackendName;
    attempt?: string;
    ref?: string;
    id?: string;
    name?: string;
    createdAt?: string;
    expiresAt?: string | null;
    sentAt?: string;
    messageId?: string;
    revokedAt?: string;
    /** Short machine-readable reason for failed/revoked (e.g. `mail-rejected`, `resend`, `interrupted`). */
    reason?: string;
    /** One-line, redacted description of an error. */
    error?: string;
    /** Extra action note: `extended`, `unrevoked`, `room:<id>`. */
    note?: string;
}
/** Audit file reader/writer. Appends are single O_APPEND writes with fsync; the file is created 0600. */
export declare class AuditLog {
    readonly file: string;
    private readonly redact;
    /** Set when the file ends in a torn line: the next append starts a fresh line first. */
    private repair;
    constructor(file: string, redact: (s: string) => string);
    /** Append one record durably. The line passes the redactor as a last line of defence. */
    append(record: Omit<AuditRecord, "v">): Promise<void>;
    /**
     * All records in order. A missing file is empty. A torn last line (a crash mid-write) is ignored and reported
     * through `warn`; a corrupt line elsewhere is an MXOPS_STATE error because the trail can no longer be trusted.
     */
    read(warn?: (msg: string) => void): Promise<AuditRecord[]>;
}

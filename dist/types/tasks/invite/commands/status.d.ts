import type { Deps } from "../../../core/deps.js";
import type { Report } from "../../../core/finding.js";
import { type AttemptState } from "../audit/state.js";
import type { InviteContext } from "../context.js";
import type { InviteOptions } from "../options.js";
/** One recipient's current invite as `list`/`status` show it. */
export interface StatusRow {
    email: string;
    backend: string;
    status: string;
    id?: string;
    expiresAt?: string | null;
    sentAt?: string;
    messageId?: string;
    /** status only: what the backend says. */
    remote?: string;
    timesUsed?: number;
}
/** The attempt that describes a recipient now: the newest one that got past `pending` (else the newest). */
export declare function currentAttempt(list: readonly AttemptState[]): AttemptState | undefined;
/** Audit status with expiry applied (a sent invite past its time reads `expired`). */
export declare function effectiveStatus(a: AttemptState, now: Date): string;
/** `list`: the audit trail folded per recipient (offline), optionally filtered by status. */
export declare function runList(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report>;
/**
 * `status`: reconcile the audit trail with the backend. For each recipient's current invite with an id, ask the
 * backend (MAS: times_used, revoked_at, expires_at; Authentik: existence, expiry) and append `used`, `expired` or
 * `revoked` when it moved on. A sent invite revoked or deleted outside mxops is reported as drift.
 */
export declare function runStatus(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report>;

import { type AttemptState } from "./audit/state.js";
import type { InviteContext } from "./context.js";
import type { BackendName, Lang, Recipient } from "./types.js";
/** What happened to one recipient. */
export type RowAction = "sent" | "resent" | "skipped" | "failed" | "would-send" | "would-resend";
/** Per-row result in the report (`results.rows`). Never holds a token. */
export interface RowResult {
    email: string;
    backend: BackendName;
    action: RowAction;
    /** Why (skipped: `live`, `used`; failed: a reason code). */
    reason?: string;
    message: string;
    id?: string;
    expiresAt?: string | null;
    messageId?: string;
    /** Leftovers of interrupted runs revoked before inviting. */
    cleaned?: number;
    line?: number;
}
/** How `inviteOne` creates invites (resolved from flags and config). */
export interface SendOptions {
    backend: BackendName;
    expiresAt: Date;
    uses: number;
    lang: Lang;
    resend: boolean;
    dryRun: boolean;
}
/**
 * A crash simulated by a hook (tests, bench): propagates through the engine untouched, like a kill would,
 * so nothing gets cleaned up on the way out.
 */
export declare class SimulatedCrash extends Error {
    constructor();
}
/**
 * Invite one recipient, idempotently:
 * 1. leftovers of interrupted runs (pending/created/unrevoked-failed attempts) are revoked first;
 * 2. a live invite (sent, unexpired, and live at the backend) means nothing to do, unless `resend` (then revoke it);
 * 3. intent record → create (retry-safe) → `created` → mail → `sent`; a mail failure revokes the invite → `failed`.
 * Every state change is appended to the audit log before the next step. Never throws for a row-level failure;
 * SimulatedCrash and audit-write failures propagate.
 */
export declare function inviteOne(ctx: InviteContext, r: Recipient, attempts: AttemptState[], o: SendOptions): Promise<RowResult>;

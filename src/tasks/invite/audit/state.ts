import type { BackendName } from "../types.js";
import type { AuditRecord } from "./log.js";

/** One invite's lifecycle folded from its audit records (all records sharing an `attempt`). */
export type AttemptState = Pick<
  AuditRecord,
  | "recipient"
  | "status"
  | "ref"
  | "id"
  | "name"
  | "createdAt"
  | "expiresAt"
  | "sentAt"
  | "messageId"
  | "revokedAt"
  | "reason"
> & {
  attempt: string;
  backend: BackendName;
  /** Time of the first record (the intent). */
  startedAt: string;
  updatedAt: string;
};

/** Lower-cased address: the identity of a recipient across runs and rows. */
export function recipientKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Fold records into attempts, in first-seen order. Later records override earlier fields. */
export function foldAttempts(records: readonly AuditRecord[]): AttemptState[] {
  const byAttempt = new Map<string, AttemptState>();
  for (const r of records) {
    if (!r.attempt || !r.backend) continue;
    let s = byAttempt.get(r.attempt);
    if (!s) {
      s = {
        attempt: r.attempt,
        recipient: recipientKey(r.recipient),
        backend: r.backend,
        status: r.status,
        startedAt: r.ts,
        updatedAt: r.ts,
      };
      byAttempt.set(r.attempt, s);
    }
    // Reconcile records (used/expired) never downgrade a terminal revoke, and onboarding is not an invite state.
    if (r.status !== "onboarded") s.status = r.status;
    s.updatedAt = r.ts;
    for (const k of [
      "ref",
      "id",
      "name",
      "createdAt",
      "expiresAt",
      "sentAt",
      "messageId",
      "revokedAt",
      "reason",
    ] as const) {
      if (r[k] !== undefined) (s as unknown as Record<string, unknown>)[k] = r[k];
    }
  }
  return [...byAttempt.values()];
}

/** Attempts grouped by recipient key, each list oldest first. */
export function byRecipient(attempts: readonly AttemptState[]): Map<string, AttemptState[]> {
  const out = new Map<string, AttemptState[]>();
  for (const a of attempts) {
    const list = out.get(a.recipient) ?? [];
    list.push(a);
    out.set(a.recipient, list);
  }
  return out;
}

/**
 * Attempts a crash or a failed cleanup left with a possibly usable credential: intent without outcome, created but
 * never mailed, or failed without a confirmed revoke. The next run revokes these before inviting again.
 */
export function needsCleanup(a: AttemptState): boolean {
  if (a.status === "pending" || a.status === "created") return true;
  if (a.status !== "failed" || a.revokedAt !== undefined) return false;
  // A failed create whose outcome was unknown may have left an invite behind that we never learnt the id of.
  return a.id !== undefined || a.reason === "create-unknown";
}

/** Sent, not known to be used/revoked, and not past its expiry (by the audit's own times). */
export function isLiveByAudit(a: AttemptState, now: Date): boolean {
  if (a.status !== "sent") return false;
  return a.expiresAt === undefined || a.expiresAt === null || Date.parse(a.expiresAt) > now.getTime();
}

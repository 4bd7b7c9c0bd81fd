/** A held lock; `release` is idempotent. */
export interface Lock {
    release(): Promise<void>;
}
/**
 * Take `<file>.lock` exclusively so two runs never invite from the same audit log at once. The lock is written
 * to a temp file and hard-linked into place, so it never exists half-written. A lock left by a dead process on this
 * host (or garbage) is stale and taken over; a lock held by a live process, or by another host (until
 * `staleAfterMs`, default 12 h, since its pid cannot be checked from here), throws MXOPS_STATE naming the holder.
 */
export declare function acquireLock(file: string, options?: {
    staleAfterMs?: number;
    now?: () => Date;
}): Promise<Lock>;

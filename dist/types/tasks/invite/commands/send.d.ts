import type { Deps } from "../../../core/deps.js";
import type { Report } from "../../../core/finding.js";
import type { InviteContext } from "../context.js";
import type { InviteOptions } from "../options.js";
/** Run tasks with at most `limit` in flight; reports the peak reached (for the bench). */
export declare function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<{
    results: R[];
    peak: number;
}>;
/**
 * `send` (one recipient) and `batch` (a CSV/YAML list): under the audit-log lock, each recipient is invited at most
 * once (see inviteOne). Rows run with bounded concurrency; a failed row never stops the others. Findings: one per
 * row (error for failures), one per unusable list row, a warning per leftover revoked. Exit 1 when any row failed.
 */
export declare function runSend(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report>;

import type { Report } from "../core/finding.js";
import type { HttpClient } from "../core/http.js";
import type { Redactor } from "../core/redact.js";
/** Where to post. The token is a secret: register it with the redactor before calling anything here. */
export interface MatrixTarget {
    /** Client-server API base, e.g. `https://matrix.example.org` (no trailing slash needed). */
    homeserver: string;
    /** Room id (`!abc:example.org`) or alias (`#ops:example.org`, resolved through the room directory). */
    room: string;
    token: string;
}
/** Which run the message is about; every field optional (the CLI outside CI knows little). */
export interface NotifyContext {
    repo?: string;
    /** Commit SHA or tag the run was for. */
    ref?: string;
    /** Link to the workflow run. */
    runUrl?: string;
}
/** Rule id of the warning shown when a notification could not be posted (never a report finding). */
export declare const NOTIFY_FAILED = "notify/failed";
/** Outcome of a notification: never thrown, so callers can only warn. */
export type NotifyResult = {
    ok: true;
    eventId: string;
    txnId: string;
} | {
    ok: false;
    message: string;
};
/** A findings-free report standing for a run that failed with `message` (one redacted error line), to notify about it. */
export declare function failureReport(task: string, message: string): Report;
/** Plain and HTML text of the message: counts and the worst findings, or the release link. */
export declare function notifyMessage(report: Report, ctx: NotifyContext): {
    body: string;
    html: string;
};
/**
 * Deterministic transaction id: the same task, repository, ref and report give the same id, so the
 * homeserver drops a rerun's duplicate (txn ids are scoped to the access token). Timestamps never enter.
 */
export declare function notifyTxnId(report: Report, ctx: NotifyContext): string;
/**
 * Post the summary as an `m.notice` via `PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}`.
 * Never throws: every failure (bad URL, plain http to a non-loopback host, network, deadline, an answer over
 * 64 KiB, 4xx/5xx) comes back as `{ok: false, message}` with the token redacted, for the caller to show as a
 * `notify/failed` warning — a failed notification never changes the run's exit code. The token is sent only
 * over https or to loopback (the HTTP client refuses before connecting).
 */
export declare function notifyMatrix(target: MatrixTarget, report: Report, ctx: NotifyContext, deps: {
    http: HttpClient;
    redactor: Redactor;
}): Promise<NotifyResult>;

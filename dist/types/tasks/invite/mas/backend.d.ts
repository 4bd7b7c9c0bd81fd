import { type HttpClient } from "../../../core/http.js";
import type { Redactor } from "../../../core/redact.js";
import { type RetryPolicy } from "../../../core/retry.js";
import type { CheckResult, CreateIntent, CreatedInvite, InviteBackend, RemoteInvite } from "../types.js";
import { type MasTokenSource } from "./token.js";
/** Settings of the MAS backend: where MAS is, how to get admin tokens, and how to retry. */
export interface MasBackendOptions {
    url: string;
    registrationUrl: string;
    linkTemplate?: string;
    clientId: string;
    tokens: MasTokenSource;
    http: HttpClient;
    retry: RetryPolicy;
    redactor: Redactor;
    now: () => Date;
}
/** Audit marker for a MAS token: a truncated SHA-256 of its text (identifies our token in a list, reveals nothing). */
export declare function tokenRef(text: string): string;
/** The smallest ULID of a millisecond, for `page[after]` scans that start at a point in time. */
export declare function ulidFloor(t: Date): string;
/**
 * MAS registration tokens through the Admin API. The token text is chosen here (MAS accepts a `token` on create
 * and answers 409 for a duplicate), which makes create retry-safe: a lost response is reconciled by looking the
 * text up, and a repeated POST cannot produce a second token. The audit only ever sees `tokenRef(text)`.
 */
export declare class MasBackend implements InviteBackend {
    private readonly o;
    readonly name: "mas";
    constructor(o: MasBackendOptions);
    private url;
    /** One Admin API call with auth; a rejected cached token is refreshed once. Maps 401/403/404-on-collection. */
    private call;
    private fail;
    ready(): Promise<void>;
    prepare(): Promise<{
        ref: string;
        secret: string;
    }>;
    create(_r: unknown, prepared: {
        ref: string;
        secret?: string;
    }, options: {
        expiresAt: Date;
        uses: number;
    }): Promise<CreatedInvite>;
    /** Repeat `fn` after a lost connection (UnknownOutcome) under the retry policy; other errors end it. */
    private retryLost;
    private created;
    /** Scan tokens created since `since` (cursor pagination), returning the first that `match`es. */
    private scan;
    private findByText;
    findOrphan(intent: CreateIntent): Promise<RemoteInvite | undefined>;
    get(id: string): Promise<RemoteInvite>;
    revoke(id: string): Promise<"revoked" | "already" | "missing">;
    unrevoke(id: string): Promise<RemoteInvite>;
    extend(id: string, changes: {
        expiresAt?: Date;
        usageLimit?: number;
    }): Promise<RemoteInvite>;
    /** POSTs whose repetition is harmless (revoke/unrevoke): a lost connection is simply tried again. */
    private callRetryingLost;
    link(secret: string): string;
    preflight(): Promise<CheckResult[]>;
}

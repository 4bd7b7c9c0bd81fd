import type { HttpClient } from "../../../core/http.js";
import type { Redactor } from "../../../core/redact.js";
import { type RetryPolicy } from "../../../core/retry.js";
import type { CheckResult, CreateIntent, CreatedInvite, InviteBackend, Recipient, RemoteInvite } from "../types.js";
import { type Binding } from "./wiring.js";
/** Settings of the Authentik backend; `token` is the API token (already registered with the redactor). */
export interface AuthentikBackendOptions {
    url: string;
    flowSlug: string;
    token: string;
    http: HttpClient;
    retry: RetryPolicy;
    redactor: Redactor;
    now: () => Date;
}
/**
 * Invitation name for a recipient: a stable prefix derived from the address (readable local part + hash, so all
 * of a recipient's invitations are findable) plus a time suffix so a re-invite never collides with an expired one.
 * Matches authentik's `^[-a-zA-Z0-9_]+$`.
 */
export declare function invitationName(email: string, now: Date): string;
/** The recipient-derived part of invitation names (ends with `-`). */
export declare function invitationPrefix(email: string): string;
/**
 * Authentik invitations bound to the enrollment flow (by slug, checked to exist and contain an invitation stage).
 * The invitation uuid is the credential (`?itoken=`), so the audit and reports use the invitation *name* as the id
 * and the uuid is registered with the redactor. Revoke = delete. A single-use invitation disappears when used, so a
 * sent invitation that is gone (and that we did not delete) reads as `used`.
 */
export declare class AuthentikBackend implements InviteBackend {
    private readonly o;
    readonly name: "authentik";
    private flowPk?;
    constructor(o: AuthentikBackendOptions);
    private api;
    private call;
    private fail;
    private listAll;
    /** The enrollment flow's pk, checked to exist and to contain an invitation stage. Throws MXOPS_CONFIG. */
    flow(): Promise<{
        pk: string;
        bindings: Binding[];
        designation: string;
    }>;
    private byName;
    private remote;
    ready(): Promise<void>;
    prepare(r: Recipient): Promise<{
        ref: string;
    }>;
    create(r: Recipient, prepared: {
        ref: string;
    }, options: {
        expiresAt: Date;
        uses: number;
    }): Promise<CreatedInvite>;
    private created;
    findOrphan(intent: CreateIntent): Promise<RemoteInvite | undefined>;
    untracked(r: Recipient, known: ReadonlySet<string>): Promise<RemoteInvite[]>;
    get(id: string): Promise<RemoteInvite>;
    revoke(id: string): Promise<"revoked" | "already" | "missing">;
    unrevoke(): Promise<RemoteInvite>;
    extend(): Promise<RemoteInvite>;
    link(secret: string): string;
    preflight(): Promise<CheckResult[]>;
}

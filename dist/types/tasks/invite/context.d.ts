import type { Deps } from "../../core/deps.js";
import { type HttpClient } from "../../core/http.js";
import { type RetryPolicy } from "../../core/retry.js";
import { AuditLog } from "./audit/log.js";
import type { InviteConfig, InviteSecrets } from "./config.js";
import { type MailSender } from "./mail/mailer.js";
import type { BackendName, InviteBackend, Recipient } from "./types.js";
/** Test and embedding hooks: injected sleep, mail sender, HTTP client, and crash points. */
export interface InviteRuntime {
    sleep?: (ms: number) => Promise<void>;
    mailer?: MailSender;
    http?: HttpClient;
    /** Called right after an invite was created and recorded, before the mail; throwing here simulates a kill. */
    afterCreate?: (recipient: Recipient) => void | Promise<void>;
    /** Per-request timeout for API calls (ms). */
    timeoutMs?: number;
}
/** Everything a command needs, built lazily so e.g. `list` never needs SMTP settings. */
export declare class InviteContext {
    readonly config: InviteConfig;
    readonly secrets: InviteSecrets;
    readonly deps: Deps;
    readonly runtime: InviteRuntime;
    readonly audit: AuditLog;
    readonly retry: RetryPolicy;
    private backends;
    private mailerInstance?;
    /**
     * Set after a mail failure that will hit every recipient (connection, TLS, login, timeout): later rows then fail
     * before creating an invite instead of creating and revoking one each.
     */
    mailDown?: {
        reason: string;
        message: string;
    };
    private httpClient?;
    constructor(config: InviteConfig, secrets: InviteSecrets, deps: Deps, runtime?: InviteRuntime);
    now(): Date;
    http(): Promise<HttpClient>;
    /** The backend by name (default: the configured one). Throws MXOPS_CONFIG when it is not configured. */
    backend(name?: BackendName): Promise<InviteBackend>;
    /** The mail sender (SMTP from config unless injected). Throws MXOPS_CONFIG without SMTP settings. */
    mailer(concurrency?: number): Promise<MailSender>;
    /** Close pooled connections. */
    close(): void;
}

import { MxopsError } from "../../../core/errors.js";
/** An outgoing invite mail. */
export interface OutgoingMail {
    from: string;
    to: {
        name?: string;
        address: string;
    };
    replyTo?: string;
    subject: string;
    text: string;
    html: string;
    lang: string;
}
/** Sends mail; tests may inject their own. Every method throws MailError, never a raw nodemailer error. */
export interface MailSender {
    verify(): Promise<void>;
    send(mail: OutgoingMail): Promise<{
        messageId: string;
    }>;
    close(): void;
}
/** Why a mail failed, as a stable code for the audit trail and findings. */
export type MailErrorCode = "mail-auth" | "mail-rejected" | "mail-connection" | "mail-tls" | "mail-timeout" | "mail-failed";
/** A mail failure with a code and a one-line message that never carries server text, credentials or the body. */
export declare class MailError extends MxopsError {
    readonly reason: MailErrorCode;
    constructor(reason: MailErrorCode, message: string, cause?: unknown);
}
/** SMTP transport settings; `secure`: tls = implicit TLS, starttls = required upgrade, none = loopback relays only. */
export interface SmtpSettings {
    host: string;
    port: number;
    secure: "tls" | "starttls" | "none";
    user?: string;
    password?: string;
    name?: string;
    ca?: string;
    /** Parallel SMTP connections (pooled). */
    maxConnections?: number;
    timeoutMs?: number;
}
/**
 * The one boundary for nodemailer errors: map by `code`/`responseCode` only, never by (or with) their text,
 * which can echo server responses.
 */
export declare function mapMailError(e: unknown, where: string): MailError;
/** A pooled nodemailer SMTP transport. TLS verification is always on; `ca` adds to the system roots. */
export declare function createSmtpSender(s: SmtpSettings): MailSender;

import { rootCertificates } from "node:tls";
import nodemailer from "nodemailer";
import { MxopsError } from "../../../core/errors.js";

/** An outgoing invite mail. */
export interface OutgoingMail {
  from: string;
  to: { name?: string; address: string };
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  lang: string;
}

/** Sends mail; tests may inject their own. Every method throws MailError, never a raw nodemailer error. */
export interface MailSender {
  verify(): Promise<void>;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** Why a mail failed, as a stable code for the audit trail and findings. */
export type MailErrorCode =
  "mail-auth" | "mail-rejected" | "mail-connection" | "mail-tls" | "mail-timeout" | "mail-failed";

/** A mail failure with a code and a one-line message that never carries server text, credentials or the body. */
export class MailError extends MxopsError {
  constructor(
    readonly reason: MailErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(reason === "mail-auth" ? "MXOPS_AUTH" : "MXOPS_HTTP", message, { cause });
  }
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
export function mapMailError(e: unknown, where: string): MailError {
  const err = e as { code?: string; originalCode?: string; responseCode?: number };
  const rc = typeof err.responseCode === "number" ? ` (SMTP ${err.responseCode})` : "";
  // nodemailer keeps the system/TLS error code in `originalCode` (e.g. SELF_SIGNED_CERT_IN_CHAIN under ESOCKET).
  const original = err.originalCode ?? "";
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|ERR_SSL|ERR_TLS/.test(original)) {
    return new MailError("mail-tls", `${where}: TLS failed (${original}); check smtp.secure and ca_file`, e);
  }
  switch (err.code) {
    case "EAUTH":
    case "ENOAUTH":
      return new MailError(
        "mail-auth",
        `${where}: authentication failed${rc}; check smtp.user and MXOPS_SMTP_PASSWORD`,
        e,
      );
    case "EENVELOPE":
      return new MailError("mail-rejected", `${where}: recipient or sender rejected${rc}`, e);
    case "EMESSAGE":
      return new MailError("mail-rejected", `${where}: message rejected${rc}`, e);
    case "ETLS":
      return new MailError(
        "mail-tls",
        `${where}: TLS failed (certificate or STARTTLS); check smtp.secure and ca_file`,
        e,
      );
    case "ETIMEDOUT":
      return new MailError("mail-timeout", `${where}: timed out`, e);
    case "ECONNECTION":
    case "ESOCKET":
    case "EDNS":
    case "ECONNREFUSED":
      return new MailError("mail-connection", `${where}: cannot connect${rc}`, e);
    default:
      if (typeof err.responseCode === "number" && err.responseCode >= 400)
        return new MailError("mail-rejected", `${where}: server refused the message${rc}`, e);
      return new MailError("mail-failed", `${where}: sending failed${err.code ? ` (${err.code})` : ""}`, e);
  }
}

/** A pooled nodemailer SMTP transport. TLS verification is always on; `ca` adds to the system roots. */
export function createSmtpSender(s: SmtpSettings): MailSender {
  const where = `SMTP ${s.host}:${s.port}`;
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure === "tls",
    requireTLS: s.secure === "starttls",
    ignoreTLS: s.secure === "none",
    ...(s.user ? { auth: { user: s.user, pass: s.password ?? "" } } : {}),
    ...(s.name ? { name: s.name } : {}),
    tls: { rejectUnauthorized: true, ...(s.ca ? { ca: [...rootCertificates, s.ca] } : {}) },
    pool: true,
    maxConnections: s.maxConnections ?? 4,
    connectionTimeout: s.timeoutMs ?? 15_000,
    greetingTimeout: s.timeoutMs ?? 15_000,
    socketTimeout: s.timeoutMs ?? 30_000,
    logger: false,
    debug: false,
  });
  return {
    async verify() {
      try {
        await transport.verify();
      } catch (e) {
        throw mapMailError(e, where);
      }
    },
    async send(m) {
      try {
        const info = await transport.sendMail({
          from: m.from,
          to: m.to.name ? { name: m.to.name, address: m.to.address } : m.to.address,
          ...(m.replyTo ? { replyTo: m.replyTo } : {}),
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: { "Content-Language": m.lang },
        });
        const rejected = (info.rejected as unknown[] | undefined) ?? [];
        if (rejected.length > 0) throw Object.assign(new Error("rejected"), { code: "EENVELOPE" });
        return { messageId: String(info.messageId) };
      } catch (e) {
        throw e instanceof MailError ? e : mapMailError(e, where);
      }
    },
    close() {
      transport.close();
    },
  };
}

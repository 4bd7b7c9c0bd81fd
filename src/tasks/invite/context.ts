import { readSmallFile } from "../../core/fsx.js";
import type { Deps } from "../../core/deps.js";
import { MxopsError } from "../../core/errors.js";
import { createHttpClient, type HttpClient } from "../../core/http.js";
import { defaultRetryPolicy, type RetryPolicy } from "../../core/retry.js";
import { AuditLog } from "./audit/log.js";
import { AuthentikBackend } from "./authentik/backend.js";
import type { InviteConfig, InviteSecrets } from "./config.js";
import { createSmtpSender, type MailSender } from "./mail/mailer.js";
import { MasBackend } from "./mas/backend.js";
import { MasTokenSource } from "./mas/token.js";
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
export class InviteContext {
  readonly audit: AuditLog;
  readonly retry: RetryPolicy;
  private backends = new Map<BackendName, InviteBackend>();
  private mailerInstance?: MailSender;
  /**
   * Set after a mail failure that will hit every recipient (connection, TLS, login, timeout): later rows then fail
   * before creating an invite instead of creating and revoking one each.
   */
  mailDown?: { reason: string; message: string };
  private httpClient?: HttpClient;

  constructor(
    readonly config: InviteConfig,
    readonly secrets: InviteSecrets,
    readonly deps: Deps,
    readonly runtime: InviteRuntime = {},
  ) {
    for (const s of Object.values(secrets as Record<string, string | undefined>)) deps.redactor.add(s);
    this.audit = new AuditLog(config.auditLog, (s) => deps.redactor.redact(s));
    this.retry = defaultRetryPolicy({
      ...(runtime.sleep ? { sleep: runtime.sleep } : {}),
      log: (m) => deps.log.debug(m),
    });
  }

  now(): Date {
    return this.deps.now();
  }

  async http(): Promise<HttpClient> {
    if (this.runtime.http) return this.runtime.http;
    if (!this.httpClient) {
      let ca: string | undefined;
      if (this.config.caFile) {
        try {
          ca = await readSmallFile(this.config.caFile);
        } catch (e) {
          throw new MxopsError(
            "MXOPS_INPUT",
            `${this.config.caFile}: cannot read CA file (${(e as NodeJS.ErrnoException).code ?? "error"})`,
          );
        }
      }
      // Each request says whether it may be repeated (the backends know which POSTs are safe); the client bounds
      // every try (15 s) and every call (the policy's deadline) and caps bodies at its 8 MiB default.
      this.httpClient = createHttpClient({
        ...(ca ? { ca } : {}),
        retries: this.retry.attempts - 1,
        backoffMs: this.retry.baseMs,
        maxRetryAfterMs: this.retry.maxRetryAfterMs,
        ...(this.retry.deadlineMs !== undefined ? { deadlineMs: this.retry.deadlineMs } : {}),
        timeoutMs: this.runtime.timeoutMs ?? 15_000,
        sleep: this.retry.sleep,
        ...(this.retry.log ? { log: this.retry.log } : {}),
      });
    }
    return this.httpClient;
  }

  /** The backend by name (default: the configured one). Throws MXOPS_CONFIG when it is not configured. */
  async backend(name: BackendName = this.config.backend): Promise<InviteBackend> {
    const have = this.backends.get(name);
    if (have) return have;
    const http = await this.http();
    let b: InviteBackend;
    if (name === "mas") {
      const mas = this.config.mas;
      if (!mas) throw new MxopsError("MXOPS_CONFIG", "invite.mas (url, client_id) is not configured");
      if (!this.secrets.masClientSecret)
        throw new MxopsError(
          "MXOPS_CONFIG",
          "the MAS client secret is missing: set MXOPS_MAS_CLIENT_SECRET or MXOPS_MAS_CLIENT_SECRET_FILE",
        );
      const tokens = new MasTokenSource({
        issuer: mas.issuer,
        clientId: mas.clientId,
        clientSecret: this.secrets.masClientSecret,
        clientAuthMethod: mas.clientAuthMethod,
        http,
        redactor: this.deps.redactor,
        now: () => this.now(),
      });
      b = new MasBackend({
        url: mas.url,
        registrationUrl: mas.registrationUrl,
        ...(this.config.linkTemplate ? { linkTemplate: this.config.linkTemplate } : {}),
        clientId: mas.clientId,
        tokens,
        http,
        retry: this.retry,
        redactor: this.deps.redactor,
        now: () => this.now(),
      });
    } else {
      const ak = this.config.authentik;
      if (!ak) throw new MxopsError("MXOPS_CONFIG", "invite.authentik (url, flow_slug) is not configured");
      if (!this.secrets.authentikToken)
        throw new MxopsError(
          "MXOPS_CONFIG",
          "the Authentik API token is missing: set AUTHENTIK_TOKEN or AUTHENTIK_TOKEN_FILE",
        );
      b = new AuthentikBackend({
        url: ak.url,
        flowSlug: ak.flowSlug,
        token: this.secrets.authentikToken,
        http,
        retry: this.retry,
        redactor: this.deps.redactor,
        now: () => this.now(),
      });
    }
    this.backends.set(name, b);
    return b;
  }

  /** The mail sender (SMTP from config unless injected). Throws MXOPS_CONFIG without SMTP settings. */
  async mailer(concurrency = 4): Promise<MailSender> {
    if (this.runtime.mailer) return this.runtime.mailer;
    if (this.mailerInstance) return this.mailerInstance;
    const smtp = this.config.smtp;
    if (!smtp) throw new MxopsError("MXOPS_CONFIG", "invite.smtp (host, port, secure) is not configured");
    if (!this.config.mail.from)
      throw new MxopsError("MXOPS_CONFIG", "invite.mail.from (sender address) is not configured");
    let ca: string | undefined;
    if (this.config.caFile) ca = await readSmallFile(this.config.caFile).catch(() => undefined);
    this.mailerInstance = createSmtpSender({
      ...smtp,
      ...(this.secrets.smtpPassword ? { password: this.secrets.smtpPassword } : {}),
      ...(ca ? { ca } : {}),
      maxConnections: Math.max(1, Math.min(concurrency, 8)),
    });
    return this.mailerInstance;
  }

  /** Close pooled connections. */
  close(): void {
    this.mailerInstance?.close();
  }
}

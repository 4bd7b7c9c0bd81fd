// The invite test stack: a real oidc-provider as MAS's authorization server (client_credentials, scope
// urn:mas:admin), the MAS and Authentik fakes (spec-validated), a real SMTP server, a temp dir for the audit log.
import http from "node:http";
import { readdirSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { defaultDeps, type Deps } from "../../../src/core/deps.js";
import { Redactor } from "../../../src/core/redact.js";
import { parseConfig } from "../../../src/tasks/invite/config.js";
import type { StatusRow } from "../../../src/tasks/invite/commands/status.js";
import { runInvite, type InviteOptions, type RowResult } from "../../../src/tasks/invite/index.js";
import { AuthentikFake } from "../../fakes/authentik.js";
import { MasFake } from "../../fakes/mas.js";
import { SmtpCapture } from "./smtp.js";
import { removeTempDir, tempDir } from "../../helpers/tmp.js";

export const CLIENT_ID = "01JV0000000000000000000001";
export const CLIENT_SECRET = "mas-client-secret-Zq8v2KkP3xY7";
export const OTHER_CLIENT_ID = "01JV0000000000000000000002";
export const AUTHENTIK_TOKEN = "ak-test-token-0123456789";
export const SMTP_USER = "mailer";
export const SMTP_PASSWORD = "smtp-password-Hh4nN9wQ";

// oidc-provider ships no types: the few members the stack uses.
interface OidcProvider {
  callback(): http.RequestListener;
  ClientCredentials: { find(token: string): Promise<{ scope?: string } | undefined> };
}
type ProviderClass = new (issuer: string, config: Record<string, unknown>) => OidcProvider;
const OIDC_PROVIDER_MODULE = "oidc-provider";

export interface Stack {
  dir: string;
  oidc: {
    issuer: string;
    provider: OidcProvider;
    server: http.Server;
    counter: { tokenRequests: number; failTokenRequests: number };
  };
  mas: MasFake;
  authentik: AuthentikFake;
  smtp: SmtpCapture;
  clock: { now: Date };
  sleeps: number[];
  logs: string[];
  redactor: Redactor;
  deps: Deps;
  raw: Record<string, unknown>;
  options(command: InviteOptions["command"], extra?: Partial<InviteOptions>): InviteOptions;
  run(command: InviteOptions["command"], extra?: Partial<InviteOptions>): ReturnType<typeof runInvite>;
  auditText(): Promise<string>;
  /** Back to a fresh state (fakes, mail, clock, config, temp dir) without restarting servers: keeps tests fast. */
  reset(): void;
  stop(): Promise<void>;
}

export interface StackOptions {
  authMethod?: "client_secret_basic" | "client_secret_post";
  ttlSeconds?: number;
  backend?: "mas" | "authentik";
  authentikPageSize?: number;
}

async function startOidc(ttl: number, authMethod: string): Promise<Stack["oidc"]> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const Provider = ((await import(OIDC_PROVIDER_MODULE)) as { default: ProviderClass }).default;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: authMethod,
        scope: "urn:mas:admin",
      },
      // Not in policy.data.admin_clients: the admin scope is not granted.
      {
        client_id: OTHER_CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: authMethod,
        scope: "openid",
      },
    ],
    scopes: ["openid", "urn:mas:admin"],
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    ttl: { ClientCredentials: ttl },
  });
  const handler = provider.callback();
  const counter = { tokenRequests: 0, failTokenRequests: 0 };
  server.on("request", (req, res) => {
    if (req.method === "POST" && (req.url ?? "").startsWith("/token")) {
      counter.tokenRequests++;
      // Fault switch: the authorization server is briefly overloaded.
      if (counter.failTokenRequests > 0) {
        counter.failTokenRequests--;
        res
          .writeHead(503, { "retry-after": "2", "content-type": "application/json" })
          .end(JSON.stringify({ error: "server_error" }));
        return;
      }
    }
    handler(req, res);
  });
  return { issuer, provider, server, counter };
}

/** Start everything on 127.0.0.1; `stop()` tears it down and removes the temp dir. */
export async function startStack(o: StackOptions = {}): Promise<Stack> {
  const dir = tempDir("invite");
  const oidc = await startOidc(o.ttlSeconds ?? 300, o.authMethod ?? "client_secret_basic");
  const clock = { now: new Date("2026-11-26T10:00:00Z") };
  const mas = new MasFake({
    now: () => clock.now,
    verifyBearer: async (token) => {
      const t = await oidc.provider.ClientCredentials.find(token);
      return !!t && (t.scope ?? "").split(" ").includes("urn:mas:admin");
    },
  });
  await mas.start();
  const authentik = new AuthentikFake({
    now: () => clock.now,
    tokens: [AUTHENTIK_TOKEN],
    ...(o.authentikPageSize ? { pageSize: o.authentikPageSize } : {}),
  });
  await authentik.start();
  authentik.addEnrollmentFlow("matrix-invitation");
  const smtp = new SmtpCapture({ user: SMTP_USER, password: SMTP_PASSWORD });
  await smtp.start();
  const sleeps: number[] = [];
  const logs: string[] = [];
  const redactor = new Redactor();
  const deps = defaultDeps({
    cwd: dir,
    now: () => clock.now,
    redactor,
    log: {
      debug: (m) => logs.push(redactor.redact(m)),
      info: (m) => logs.push(redactor.redact(m)),
      warn: (m) => logs.push(redactor.redact(`warning: ${m}`)),
    },
  });
  const initialRaw = (): Record<string, unknown> => ({
    backend: o.backend ?? "mas",
    mas: {
      url: mas.url,
      issuer: oidc.issuer,
      client_id: CLIENT_ID,
      client_auth_method: o.authMethod ?? "client_secret_basic",
    },
    authentik: { url: authentik.baseUrl, flow_slug: "matrix-invitation" },
    smtp: { host: "127.0.0.1", port: smtp.port, secure: "none", user: SMTP_USER },
    mail: { from: "Matrix Einladungen <invites@example.org>", reply_to: "admins@example.org" },
    audit_log: "audit.jsonl",
    expires: "7d",
    lang: "de",
  });
  const raw = initialRaw();
  const initialSite = { ...mas.siteConfig };
  const secrets = { masClientSecret: CLIENT_SECRET, authentikToken: AUTHENTIK_TOKEN, smtpPassword: SMTP_PASSWORD };
  const stack: Stack = {
    dir,
    oidc,
    mas,
    authentik,
    smtp,
    clock,
    sleeps,
    logs,
    redactor,
    deps,
    raw,
    options(command, extra = {}) {
      return {
        command,
        config: parseConfig(raw, dir),
        secrets,
        uses: 1,
        concurrency: 4,
        resend: false,
        dryRun: false,
        runtime: { sleep: (ms) => Promise.resolve(void sleeps.push(ms)), timeoutMs: 2000 },
        ...extra,
      };
    },
    run(command, extra) {
      return runInvite(stack.options(command, extra), deps);
    },
    async auditText() {
      const { readFile } = await import("node:fs/promises");
      return readFile(path.join(dir, "audit.jsonl"), "utf8").catch(() => "");
    },
    reset() {
      mas.tokens.clear();
      for (const a of [mas.api, authentik.api]) {
        a.faults.splice(0);
        a.requests.splice(0);
        a.violations.splice(0);
      }
      mas.adminApiEnabled = true;
      mas.siteConfig = { ...initialSite };
      authentik.invitations.clear();
      authentik.flows.clear();
      authentik.stages.clear();
      authentik.bindings.splice(0);
      authentik.sentEmails.splice(0);
      authentik.addEnrollmentFlow("matrix-invitation");
      smtp.mails.splice(0);
      smtp.reject.clear();
      smtp.failData = 0;
      smtp.authAttempts = 0;
      sleeps.splice(0);
      logs.splice(0);
      oidc.counter.tokenRequests = 0;
      oidc.counter.failTokenRequests = 0;
      clock.now = new Date("2026-11-26T10:00:00Z");
      for (const k of Object.keys(raw)) delete raw[k];
      Object.assign(raw, initialRaw());
      for (const f of readdirSync(dir)) rmSync(path.join(dir, f), { recursive: true, force: true });
    },
    async stop() {
      await mas.stop();
      await authentik.stop();
      await smtp.stop();
      oidc.server.closeAllConnections();
      await new Promise<void>((r) => oidc.server.close(() => r()));
      removeTempDir(dir);
    },
  };
  return stack;
}

/** Rows of a report's results (send/batch rows or list/status rows; a test reads the fields its command writes). */
export function rows(report: { results?: unknown }): Array<RowResult & StatusRow> {
  return ((report.results as { rows?: unknown[] } | undefined)?.rows ?? []) as Array<RowResult & StatusRow>;
}

// A local stand-in for a running ESS stack: one HTTPS server (test CA, SNI names below) routing by Host to
// the well-knowns, Synapse, MAS, the MatrixRTC services, and "Authentik" (real oidc-provider issuers plus an
// OpenAPI-validating fake of its API). Tests switch single endpoints to broken variants with `override`.
// With `synapse` set (the http URL of a real Synapse, test/helpers/synapse.ts) the stack is also the TLS
// front of that Synapse: the server name's /.well-known/matrix/* and everything on the Synapse host go to it,
// except what MAS answers in ESS (auth_metadata, the legacy login API), which stays canned.
import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { OpenApiFake, type FakeRequest, type FakeResponse } from "../../../fakes/openapi.js";
import { makeTestPki, type TestPki } from "../../../helpers/tls.js";

export const HOSTS = {
  server: "example.org",
  synapse: "matrix.example.org",
  mas: "account.example.org",
  rtc: "mrtc.example.org",
  auth: "auth.example.org",
} as const;

export const PROVIDER_ID = "01JQ3M9ZK4V8W2X7Y5T6R1N0PA";
export const CLIENT_ID = "mas-client-id";
/** Authentik-shaped issuers served by real oidc-provider instances: with and without the trailing slash. */
export const ISSUER_SLASH = `https://${HOSTS.auth}/application/o/mas/`;
export const ISSUER_NOSLASH = `https://${HOSTS.auth}/application/o/noslash`;
export const MAS_ISSUER = `https://${HOSTS.mas}/`;
export const AUTHENTIK_SPEC = new URL("../../../fixtures/specs/authentik/api-subset.yaml", import.meta.url).pathname;

// oidc-provider ships no types; this is the little of it the stack uses.
interface OidcProvider {
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => unknown;
}
type OidcProviderClass = new (issuer: string, config: Record<string, unknown>) => OidcProvider;
const OIDC_PROVIDER_MODULE = "oidc-provider";

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;
export type UpgradeRoute = (req: http.IncomingMessage, socket: Socket) => void;

/** Answer JSON with a status and extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Route {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
}

/** Never answer (for timeout tests). */
export const hang: Route = () => {};

/** Switch protocols like a WebSocket server. */
export const upgrade101: UpgradeRoute = (req, socket) => {
  const accept = createHash("sha1")
    .update(`${String(req.headers["sec-websocket-key"])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest("base64");
  socket.end(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
};

/** Refuse an upgrade with a plain HTTP status. */
export const upgradeStatus =
  (status: number): UpgradeRoute =>
  (_req, socket) => {
    socket.end(`HTTP/1.1 ${status} Nope\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  };

export const CLIENT_WELL_KNOWN = {
  "m.homeserver": { base_url: `https://${HOSTS.synapse}` },
  "org.matrix.msc2965.authentication": { issuer: MAS_ISSUER, account: `${MAS_ISSUER}account` },
  "org.matrix.msc4143.rtc_foci": [{ type: "livekit", livekit_service_url: `https://${HOSTS.rtc}` }],
};

/** Canned answers of Synapse itself, dropped when a real Synapse sits behind the stack. */
const SYNAPSE_OWN = new Set([
  `${HOSTS.server}/.well-known/matrix/client`,
  `${HOSTS.server}/.well-known/matrix/server`,
  `${HOSTS.synapse}/_matrix/client/versions`,
  `${HOSTS.synapse}/_matrix/client/v3/account/whoami`,
]);

function defaultRoutes(realSynapse: boolean): Map<string, Route> {
  const cors = { "access-control-allow-origin": "*" };
  const routes = new Map<string, Route>([
    [`${HOSTS.server}/.well-known/matrix/client`, json(200, CLIENT_WELL_KNOWN, cors)],
    [`${HOSTS.server}/.well-known/matrix/server`, json(200, { "m.server": `${HOSTS.synapse}:443` }, cors)],
    [`${HOSTS.synapse}/_matrix/client/versions`, json(200, { versions: ["v1.11", "v1.12"], unstable_features: {} })],
    [
      `${HOSTS.synapse}/_matrix/client/v1/auth_metadata`,
      json(200, { issuer: MAS_ISSUER, authorization_endpoint: `${MAS_ISSUER}authorize` }),
    ],
    [
      `${HOSTS.synapse}/_matrix/client/v3/account/whoami`,
      json(401, { errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token" }),
    ],
    [
      `${HOSTS.synapse}/_matrix/client/v3/login`,
      json(200, { flows: [{ type: "m.login.sso", oauth_aware_preferred: true }] }),
    ],
    [
      `${HOSTS.mas}/.well-known/openid-configuration`,
      json(200, { issuer: MAS_ISSUER, authorization_endpoint: `${MAS_ISSUER}authorize` }),
    ],
    [`${HOSTS.rtc}/healthz`, json(200, "OK")],
    [`${HOSTS.rtc}/sfu/get`, (req, res) => json(req.method === "POST" ? 400 : 405, { error: "method" })(req, res)],
  ]);
  if (realSynapse) for (const key of SYNAPSE_OWN) routes.delete(key);
  return routes;
}

/** The running stack. */
export class TestStack {
  readonly pki: TestPki;
  readonly authentik: OpenApiFake;
  private server?: https.Server;
  /** http URL of the real Synapse behind the stack (with `realSynapse`); tests may switch it to another one. */
  synapse?: string;
  private routes: Map<string, Route>;
  private upgrades = new Map<string, UpgradeRoute>([[`${HOSTS.rtc}/rtc`, upgrade101]]);
  private readonly issuers: Array<{ prefix: string; handler: ReturnType<OidcProvider["callback"]> }> = [];
  readonly hits: string[] = [];
  /** The hits that went on to the real Synapse. */
  readonly proxied: string[] = [];
  port = 0;

  /**
   * `authentik`: an API fake to serve under https://auth.example.org/api/v3 instead of the inline one.
   * `realSynapse`: a real Synapse sits behind the stack (set `synapse` to its URL before probing); Synapse's
   * own canned answers are dropped.
   */
  constructor(
    readonly token: string,
    authentik?: OpenApiFake,
    private readonly options: { realSynapse?: boolean } = {},
  ) {
    this.routes = defaultRoutes(options.realSynapse === true);
    this.pki = makeTestPki(Object.values(HOSTS));
    this.authentik =
      authentik ??
      new OpenApiFake({
        specPath: AUTHENTIK_SPEC,
        basePath: "/api/v3",
        authorize: (r: FakeRequest) => r.headers.authorization === `Bearer ${token}`,
        authStatus: 403,
        authBody: { detail: "Token invalid/expired" },
      });
  }

  /** Replace one endpoint (host + path) until `reset`. */
  override(host: string, path: string, route: Route): void {
    this.routes.set(`${host}${path}`, route);
  }

  overrideUpgrade(host: string, path: string, route: UpgradeRoute): void {
    this.upgrades.set(`${host}${path}`, route);
  }

  reset(): void {
    this.routes = defaultRoutes(this.options.realSynapse === true);
    this.proxied.length = 0;
    this.upgrades = new Map([[`${HOSTS.rtc}/rtc`, upgrade101]]);
    this.hits.length = 0;
    this.authentik.violations.length = 0;
  }

  /** `--resolve` entries sending every stack host's :443 to this server. */
  resolve(): Record<string, string> {
    return Object.fromEntries(Object.values(HOSTS).map((h) => [`${h}:443`, `127.0.0.1:${this.port}`]));
  }

  async start(): Promise<void> {
    // oidc-provider warns about its development defaults on the console; they are what a test wants.
    const warn = console.warn;
    console.warn = () => {};
    try {
      const { default: Provider } = (await import(OIDC_PROVIDER_MODULE)) as { default: OidcProviderClass };
      for (const issuer of [ISSUER_SLASH, ISSUER_NOSLASH]) {
        const provider = new Provider(issuer, {
          clients: [
            {
              client_id: CLIENT_ID,
              client_secret: "unused-secret",
              redirect_uris: [`https://${HOSTS.mas}/upstream/callback/${PROVIDER_ID}`],
            },
          ],
        });
        this.issuers.push({ prefix: new URL(issuer).pathname.replace(/\/$/, ""), handler: provider.callback() });
      }
    } finally {
      console.warn = warn;
    }
    await this.authentik.start();
    const server = https.createServer({ cert: this.pki.cert, key: this.pki.key }, (req, res) => this.handle(req, res));
    server.on("upgrade", (req: http.IncomingMessage, socket: Socket) => {
      const host = String(req.headers.host ?? "").replace(/:\d+$/, "");
      const path = new URL(req.url ?? "/", "https://x").pathname;
      this.hits.push(`UPGRADE ${host}${path}`);
      const route = this.upgrades.get(`${host}${path}`);
      if (route) route(req, socket);
      else upgradeStatus(404)(req, socket);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await this.authentik.stop();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((r) => this.server!.close(r));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const host = String(req.headers.host ?? "").replace(/:\d+$/, "");
    const url = new URL(req.url ?? "/", "https://x");
    this.hits.push(`${req.method} ${host}${url.pathname}`);
    const route = this.routes.get(`${host}${url.pathname}`);
    if (route) return route(req, res);
    if (host === HOSTS.auth && url.pathname.startsWith("/api/v3/")) return this.proxyToAuthentik(req, res);
    const toSynapse =
      host === HOSTS.synapse || (host === HOSTS.server && url.pathname.startsWith("/.well-known/matrix/"));
    if (toSynapse && this.synapse) {
      this.proxied.push(`${req.method} ${host}${url.pathname}`);
      return this.proxyTo(this.synapse, req, res);
    }
    if (host === HOSTS.auth) {
      const issuer = this.issuers.find((i) => url.pathname === i.prefix || url.pathname.startsWith(`${i.prefix}/`));
      if (issuer) {
        req.url = req.url!.slice(issuer.prefix.length) || "/";
        void issuer.handler(req, res);
        return;
      }
    }
    json(404, { errcode: "M_UNRECOGNIZED", error: "not here" })(req, res);
  }

  private proxyToAuthentik(req: http.IncomingMessage, res: http.ServerResponse): void {
    const target = new URL(req.url ?? "/", this.authentik.url);
    const out = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    out.on("error", () => json(502, { detail: "proxy" })(req, res));
    req.pipe(out);
  }

  /** Forward to a plain-http backend as a TLS-terminating ingress would (Host kept, X-Forwarded-Proto https). */
  private proxyTo(base: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const target = new URL(req.url ?? "/", base);
    const headers = { ...req.headers, "x-forwarded-proto": "https", "x-forwarded-for": "127.0.0.1" };
    const out = http.request(target, { method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    out.on("error", () => json(502, { errcode: "M_UNKNOWN", error: "proxy" })(req, res));
    req.pipe(out);
  }
}

// ---- Authentik API objects that validate against the OpenAPI subset ----

const page = (results: unknown[]) => ({
  pagination: {
    next: 0,
    previous: 0,
    count: results.length,
    current: 1,
    total_pages: 1,
    start_index: results.length ? 1 : 0,
    end_index: results.length,
  },
  results,
  autocomplete: {},
});

export const FLOW_PK = "5f0c6a1e-2b1c-4d8e-9a77-1c2d3e4f5a6b";
const flowSet = {
  pk: FLOW_PK,
  policybindingmodel_ptr_id: FLOW_PK,
  name: "Invite enrollment",
  slug: "invite-enrollment",
  title: "Welcome",
  designation: "enrollment",
  background_url: "/static/bg.jpg",
  export_url: "/api/v3/flows/instances/invite-enrollment/export/",
};

export function oauth2Provider(redirectUris: unknown, clientId = CLIENT_ID): Record<string, unknown> {
  return {
    pk: 7,
    name: "MAS",
    authorization_flow: "0b4d6c2e-0000-4000-8000-000000000001",
    invalidation_flow: "0b4d6c2e-0000-4000-8000-000000000002",
    component: "ak-provider-oauth2-form",
    assigned_application_slug: "mas",
    assigned_application_name: "MAS",
    assigned_backchannel_application_slug: null,
    assigned_backchannel_application_name: null,
    verbose_name: "OAuth2/OpenID Provider",
    verbose_name_plural: "OAuth2/OpenID Providers",
    meta_model_name: "authentik_providers_oauth2.oauth2provider",
    client_type: "confidential",
    client_id: clientId,
    redirect_uris: redirectUris,
  };
}

export type StageName = "invitation" | "identification" | "prompt" | "user_write" | "user_login";
const STAGE_META: Record<StageName, [string, string]> = {
  invitation: ["authentik_stages_invitation.invitationstage", "ak-stage-invitation-form"],
  identification: ["authentik_stages_identification.identificationstage", "ak-stage-identification-form"],
  prompt: ["authentik_stages_prompt.promptstage", "ak-stage-prompt-form"],
  user_write: ["authentik_stages_user_write.userwritestage", "ak-stage-user-write-form"],
  user_login: ["authentik_stages_user_login.userloginstage", "ak-stage-user-login-form"],
};

function stage(name: StageName, i: number) {
  const [meta, component] = STAGE_META[name];
  return {
    pk: `9a9a9a9a-0000-4000-8000-00000000000${i}`,
    name: `mx-${name}`,
    component,
    verbose_name: name,
    verbose_name_plural: `${name}s`,
    meta_model_name: meta,
    flow_set: [flowSet],
  };
}

export interface AuthentikState {
  redirectUris: unknown;
  stages: StageName[];
  /** Attach the flow to the invitation stage (false: no enrollment flow uses an invitation stage). */
  invitationInFlow: boolean;
}

export const HEALTHY_AUTHENTIK: AuthentikState = {
  redirectUris: [{ matching_mode: "strict", url: `https://${HOSTS.mas}/upstream/callback/${PROVIDER_ID}` }],
  stages: ["invitation", "identification", "prompt", "user_write", "user_login"],
  invitationInFlow: true,
};

/** Register the probe's Authentik operations on the fake, answering from `state` (read on every call). */
export function serveAuthentik(fake: OpenApiFake, state: () => AuthentikState): void {
  fake.on("providers_oauth2_list", (r): FakeResponse => {
    const p = oauth2Provider(state().redirectUris);
    return { status: 200, body: page(r.query.get("client_id") === CLIENT_ID ? [p] : []) };
  });
  fake.on("stages_invitation_stages_list", (): FakeResponse => {
    const s = {
      ...stage("invitation", 0),
      flow_set: state().invitationInFlow ? [flowSet] : [],
      continue_flow_without_invitation: false,
    };
    return { status: 200, body: page([s]) };
  });
  fake.on("flows_bindings_list", (r): FakeResponse => {
    const bindings =
      r.query.get("target") === FLOW_PK
        ? state().stages.map((name, i) => {
            const st = stage(name, i);
            return {
              pk: `7b7b7b7b-0000-4000-8000-00000000000${i}`,
              policybindingmodel_ptr_id: `7b7b7b7b-0000-4000-8000-00000000001${i}`,
              target: FLOW_PK,
              stage: st.pk,
              stage_obj: st,
              order: (i + 1) * 10,
            };
          })
        : [];
    return { status: 200, body: page(bindings) };
  });
}

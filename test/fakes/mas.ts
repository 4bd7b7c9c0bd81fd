// A stateful fake of MAS's Admin API for user registration tokens (plus version and site-config), built on
// OpenApiFake so every request and response is validated against test/fixtures/specs/mas/admin-api.json (derived from MAS docs/api/spec.json by npm run derive).
// State follows MAS: ULID ids, cursor pagination (default 10), filters, 409 on a duplicate token text,
// 400 on revoking a revoked token, `valid` derived from expiry/revocation/usage. `redeem()` simulates a sign-up.
import { randomBytes } from "node:crypto";
import { OpenApiFake, type FakeRequest, type FakeResponse } from "./openapi.js";

export const MAS_SPEC = "test/fixtures/specs/mas/admin-api.json";
const BASE = "/api/admin/v1/user-registration-tokens";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export interface MasToken {
  id: string;
  token: string;
  usage_limit: number | null;
  times_used: number;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface MasFakeOptions {
  /** Bearer tokens accepted; ignored when `verifyBearer` is given. */
  bearerTokens?: string[];
  /** Async check of the bearer (e.g. against a real oidc-provider's token store and the urn:mas:admin scope). */
  verifyBearer?: (token: string) => boolean | Promise<boolean>;
  now?: () => Date;
  /** Default page size (MAS: 10). */
  pageSize?: number;
}

/** Monotonic ULIDs (time + counter) so ids sort by creation like MAS's. */
function ulidFactory(now: () => Date): () => string {
  let lastTime = -1;
  let counter = 0n;
  const rnd = BigInt(`0x${randomBytes(8).toString("hex")}`) & ((1n << 60n) - 1n);
  return () => {
    const t = now().getTime();
    if (t === lastTime) counter += 1n;
    else {
      lastTime = t;
      counter = 0n;
    }
    let value = (BigInt(t) << 80n) | (rnd << 20n) | (counter & 0xfffffn);
    let out = "";
    for (let i = 0; i < 26; i++) {
      out = CROCKFORD[Number(value & 31n)] + out;
      value >>= 5n;
    }
    return out;
  };
}

/** Stateful MAS Admin API fake on 127.0.0.1. */
export class MasFake {
  readonly api: OpenApiFake;
  readonly tokens = new Map<string, MasToken>();
  private readonly now: () => Date;
  private readonly ulid: () => string;
  private readonly pageSize: number;
  /** Simulate a listener without the adminapi resource: every admin call answers 404. */
  adminApiEnabled = true;
  siteConfig: Record<string, unknown> = {
    server_name: "example.org",
    password_login_enabled: true,
    password_registration_enabled: true,
    password_registration_email_required: true,
    password_registration_token_required: true,
    registration_token_required: false,
    email_change_allowed: true,
    displayname_change_allowed: true,
    password_change_allowed: true,
    account_recovery_allowed: true,
    account_deactivation_allowed: false,
    captcha_enabled: false,
    minimum_password_complexity: 3,
  };

  constructor(options: MasFakeOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.ulid = ulidFactory(this.now);
    this.pageSize = options.pageSize ?? 10;
    const accepted = new Set(options.bearerTokens ?? ["mas-admin-access-token"]);
    this.api = new OpenApiFake({
      specPath: MAS_SPEC,
      authStatus: 401,
      authBody: { errors: [{ title: "Invalid access token" }] },
      authorize: async (req) => {
        const m = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""));
        if (!m) return false;
        return options.verifyBearer ? options.verifyBearer(m[1]) : accepted.has(m[1]);
      },
    });
    this.routes();
  }

  get violations(): string[] {
    return this.api.violations;
  }
  get faults() {
    return this.api.faults;
  }
  get requests() {
    return this.api.requests;
  }
  get url(): string {
    return this.api.url;
  }
  async start(): Promise<string> {
    return this.api.start();
  }
  async stop(): Promise<void> {
    await this.api.stop();
  }

  /** Whether MAS would accept the token for a registration now. */
  isValid(t: MasToken): boolean {
    const now = this.now().getTime();
    if (t.revoked_at !== null) return false;
    if (t.expires_at !== null && Date.parse(t.expires_at) <= now) return false;
    if (t.usage_limit !== null && t.times_used >= t.usage_limit) return false;
    return true;
  }

  /** Simulate a registration with this token text; false when MAS would refuse it. */
  redeem(text: string): boolean {
    const t = [...this.tokens.values()].find((x) => x.token === text);
    if (!t || !this.isValid(t)) return false;
    t.times_used += 1;
    t.last_used_at = this.now().toISOString();
    return true;
  }

  /** Tokens MAS would accept right now. */
  validTokens(): MasToken[] {
    return [...this.tokens.values()].filter((t) => this.isValid(t));
  }

  private resource(t: MasToken, withCursor = false) {
    const out: Record<string, unknown> = {
      type: "user-registration_token",
      id: t.id,
      attributes: {
        token: t.token,
        valid: this.isValid(t),
        usage_limit: t.usage_limit,
        times_used: t.times_used,
        created_at: t.created_at,
        last_used_at: t.last_used_at,
        expires_at: t.expires_at,
        revoked_at: t.revoked_at,
      },
      links: { self: `${BASE}/${t.id}` },
    };
    if (withCursor) out.meta = { page: { cursor: t.id } };
    return out;
  }

  private single(t: MasToken, self = `${BASE}/${t.id}`): FakeResponse {
    return { status: 200, body: { data: this.resource(t), links: { self } } };
  }

  private error(status: number, title: string): FakeResponse {
    return { status, body: { errors: [{ title }] } };
  }

  private list(req: FakeRequest): FakeResponse {
    const q = req.query;
    const first = q.get("page[first]");
    const last = q.get("page[last]");
    if (first !== null && last !== null) return this.error(400, "Cannot specify both first and last");
    const flag = (k: string) => (q.get(`filter[${k}]`) === null ? undefined : q.get(`filter[${k}]`) === "true");
    const now = this.now().getTime();
    let items = [...this.tokens.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const used = flag("used");
    if (used !== undefined) items = items.filter((t) => t.times_used > 0 === used);
    const revoked = flag("revoked");
    if (revoked !== undefined) items = items.filter((t) => (t.revoked_at !== null) === revoked);
    const expired = flag("expired");
    if (expired !== undefined)
      items = items.filter((t) => (t.expires_at !== null && Date.parse(t.expires_at) <= now) === expired);
    const valid = flag("valid");
    if (valid !== undefined) items = items.filter((t) => this.isValid(t) === valid);
    const count = items.length;
    const after = q.get("page[after]");
    const before = q.get("page[before]");
    if (after !== null) items = items.filter((t) => t.id > after);
    if (before !== null) items = items.filter((t) => t.id < before);
    let page: MasToken[];
    let more: boolean;
    if (last !== null) {
      const n = Number(last);
      page = items.slice(Math.max(0, items.length - n));
      more = items.length > n;
    } else {
      const n = first !== null ? Number(first) : this.pageSize;
      page = items.slice(0, n);
      more = items.length > n;
    }
    const includeCount = q.get("count") ?? "true";
    const size = first ?? last ?? String(this.pageSize);
    const links: Record<string, string> = {
      self: `${BASE}?page[first]=${size}`,
      first: `${BASE}?page[first]=${size}`,
      last: `${BASE}?page[last]=${size}`,
    };
    if (last === null && more && page.length > 0)
      links.next = `${BASE}?page[after]=${page[page.length - 1].id}&page[first]=${size}`;
    if (last !== null && more && page.length > 0) links.prev = `${BASE}?page[before]=${page[0].id}&page[last]=${size}`;
    const body: Record<string, unknown> = { links };
    if (includeCount !== "false") body.meta = { count };
    if (includeCount !== "only") body.data = page.map((t) => this.resource(t, true));
    return { status: 200, body };
  }

  private routes(): void {
    const a = this.api;
    const gate = (fn: (req: FakeRequest) => FakeResponse) => (req: FakeRequest) =>
      this.adminApiEnabled ? fn(req) : this.error(404, "Not Found");
    const byId = (req: FakeRequest) => this.tokens.get(req.params.id ?? "");
    const notFound = (req: FakeRequest) => this.error(404, `Registration token with ID ${req.params.id} not found`);

    a.on(
      "version",
      gate(() => ({ status: 200, body: { version: "1.22.0" } })),
    );
    a.on(
      "siteConfig",
      gate(() => ({ status: 200, body: this.siteConfig })),
    );
    a.on(
      "listUserRegistrationTokens",
      gate((req) => this.list(req)),
    );
    a.on(
      "addUserRegistrationToken",
      gate((req) => {
        const b = (req.body ?? {}) as {
          token?: string | null;
          usage_limit?: number | null;
          expires_at?: string | null;
        };
        const text = b.token ?? randomBytes(9).toString("base64url").replace(/[-_]/g, "x").slice(0, 12);
        if ([...this.tokens.values()].some((t) => t.token === text))
          return this.error(409, "A registration token with the same token already exists");
        const t: MasToken = {
          id: this.ulid(),
          token: text,
          usage_limit: b.usage_limit ?? null,
          times_used: 0,
          created_at: this.now().toISOString(),
          last_used_at: null,
          expires_at: b.expires_at ?? null,
          revoked_at: null,
        };
        this.tokens.set(t.id, t);
        return { ...this.single(t, BASE), status: 201 };
      }),
    );
    a.on(
      "getUserRegistrationToken",
      gate((req) => {
        const t = byId(req);
        return t ? this.single(t) : notFound(req);
      }),
    );
    a.on(
      "updateUserRegistrationToken",
      gate((req) => {
        const t = byId(req);
        if (!t) return notFound(req);
        const b = (req.body ?? {}) as Record<string, unknown>;
        // Omitted = unchanged, explicit null = remove the limit/expiry.
        if ("expires_at" in b) t.expires_at = (b.expires_at as string | null) ?? null;
        if ("usage_limit" in b) t.usage_limit = (b.usage_limit as number | null) ?? null;
        return this.single(t);
      }),
    );
    a.on(
      "revokeUserRegistrationToken",
      gate((req) => {
        const t = byId(req);
        if (!t) return notFound(req);
        if (t.revoked_at !== null) return this.error(400, `Registration token with ID ${t.id} is already revoked`);
        t.revoked_at = this.now().toISOString();
        return this.single(t, `${BASE}/${t.id}/revoke`);
      }),
    );
    a.on(
      "unrevokeUserRegistrationToken",
      gate((req) => {
        const t = byId(req);
        if (!t) return notFound(req);
        if (t.revoked_at === null) return this.error(400, `Registration token with ID ${t.id} is not revoked`);
        t.revoked_at = null;
        return this.single(t, `${BASE}/${t.id}/unrevoke`);
      }),
    );
  }
}

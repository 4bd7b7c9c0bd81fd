import { createHash, randomInt } from "node:crypto";
import { MxopsError } from "../../../core/errors.js";
import { redactUrl, type HttpClient, type HttpResponse } from "../../../core/http.js";
import type { Redactor } from "../../../core/redact.js";
import { UnknownOutcome, withRetry, type RetryPolicy } from "../../../core/retry.js";
import type { CheckResult, CreateIntent, CreatedInvite, InviteBackend, RemoteInvite } from "../types.js";
import { MAS_ADMIN_SCOPE, type MasTokenSource } from "./token.js";

const API = "api/admin/v1";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// Unambiguous when read aloud or typed from a printed mail (no 0/O, 1/l/I).
const TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const TOKEN_LENGTH = 20; // ≈ 115 bits

interface TokenResource {
  id: string;
  attributes: {
    token: string;
    valid: boolean;
    usage_limit: number | null;
    times_used: number;
    created_at: string;
    expires_at: string | null;
    revoked_at: string | null;
  };
}

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
export function tokenRef(text: string): string {
  return `sha256:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
}

/** The smallest ULID of a millisecond, for `page[after]` scans that start at a point in time. */
export function ulidFloor(t: Date): string {
  let ms = Math.max(0, t.getTime());
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return `${out}${"0".repeat(16)}`;
}

function toRemote(r: TokenResource, now: Date): RemoteInvite {
  const a = r.attributes;
  let state: RemoteInvite["state"] = "live";
  if (a.revoked_at !== null) state = "revoked";
  else if (a.times_used > 0) state = "used";
  else if (a.expires_at !== null && Date.parse(a.expires_at) <= now.getTime()) state = "expired";
  else if (!a.valid) state = "used";
  return { id: r.id, state, expiresAt: a.expires_at, timesUsed: a.times_used, createdAt: a.created_at };
}

/**
 * MAS registration tokens through the Admin API. The token text is chosen here (MAS accepts a `token` on create
 * and answers 409 for a duplicate), which makes create retry-safe: a lost response is reconciled by looking the
 * text up, and a repeated POST cannot produce a second token. The audit only ever sees `tokenRef(text)`.
 */
export class MasBackend implements InviteBackend {
  readonly name = "mas" as const;

  constructor(private readonly o: MasBackendOptions) {}

  private url(path: string): string {
    return new URL(`${API}${path}`, this.o.url.endsWith("/") ? this.o.url : `${this.o.url}/`).href;
  }

  /** One Admin API call with auth; a rejected cached token is refreshed once. Maps 401/403/404-on-collection. */
  private async call(
    method: string,
    path: string,
    body: unknown,
    idempotent: boolean,
    collection = false,
  ): Promise<HttpResponse> {
    for (let round = 0; ; round++) {
      const token = await this.o.tokens.token();
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
      if (body !== undefined) headers["content-type"] = "application/json";
      const req = {
        method,
        url: this.url(path),
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      };
      // A POST is repeated after a 429/5xx answer only: MAS refuses a duplicate token text with 409, so a
      // repeat cannot mint a second token; a lost connection comes back as UnknownOutcome for reconciling.
      const res = await this.o.http.request({ ...req, retry: idempotent ? "safe" : "answered" });
      if ((res.status === 401 || res.status === 403) && round === 0) {
        this.o.tokens.invalidate();
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        throw new MxopsError(
          "MXOPS_AUTH",
          `MAS Admin API answered ${res.status} for ${method} /${API}${path.split("?")[0]}: client ${this.o.clientId} not in policy.data.admin_clients or scope ${MAS_ADMIN_SCOPE} not granted`,
        );
      }
      if (res.status === 404 && collection) {
        throw new MxopsError(
          "MXOPS_CONFIG",
          `MAS answered 404 for /${API}${path.split("?")[0]}: the http listener lacks the adminapi resource`,
        );
      }
      return res;
    }
  }

  private fail(res: HttpResponse, what: string): MxopsError {
    let title = "";
    try {
      title = (res.json<{ errors?: Array<{ title?: string }> }>().errors?.[0]?.title ?? "").slice(0, 200);
    } catch {
      title = "";
    }
    return new MxopsError(
      "MXOPS_HTTP",
      `MAS ${what} failed: HTTP ${res.status}${title ? ` (${this.o.redactor.redact(title)})` : ""}`,
    );
  }

  async ready(): Promise<void> {
    const res = await this.call("GET", "/version", undefined, true, true);
    if (res.status !== 200) throw this.fail(res, "version check");
  }

  prepare(): Promise<{ ref: string; secret: string }> {
    let text = "";
    for (let i = 0; i < TOKEN_LENGTH; i++) text += TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)];
    this.o.redactor.add(text);
    return Promise.resolve({ ref: tokenRef(text), secret: text });
  }

  async create(
    _r: unknown,
    prepared: { ref: string; secret?: string },
    options: { expiresAt: Date; uses: number },
  ): Promise<CreatedInvite> {
    const text = prepared.secret;
    if (!text) throw new MxopsError("MXOPS_INTERNAL", "MAS create without a prepared token");
    const since = new Date(this.o.now().getTime() - 10 * 60_000);
    const body = { token: text, usage_limit: options.uses, expires_at: options.expiresAt.toISOString() };
    const once = async (): Promise<CreatedInvite> => {
      let res: HttpResponse;
      try {
        res = await this.call("POST", "/user-registration-tokens", body, false, true);
      } catch (e) {
        if (!(e instanceof UnknownOutcome)) throw e;
        // The POST may have been processed: look for our text before sending it again.
        const found = await this.findByText(text, since);
        if (found) return this.created(found);
        throw e;
      }
      if (res.status === 201) return this.created(res.json<{ data: TokenResource }>().data);
      if (res.status === 409) {
        // Our random text already exists: an earlier attempt of this very call went through.
        const found = await this.findByText(text, since);
        if (found) return this.created(found);
        throw new MxopsError(
          "MXOPS_HTTP",
          "MAS create answered 409 (token text exists) but no such token is listed; retry later",
        );
      }
      throw this.fail(res, "create registration token");
    };
    return this.retryLost(once, "MAS create");
  }

  /** Repeat `fn` after a lost connection (UnknownOutcome) under the retry policy; other errors end it. */
  private async retryLost<T>(fn: () => Promise<T>, what: string): Promise<T> {
    try {
      return await withRetry(this.o.retry, fn, (o) =>
        !o.ok && o.error instanceof UnknownOutcome ? { why: what } : false,
      );
    } catch (e) {
      if (e instanceof UnknownOutcome) throw new MxopsError("MXOPS_HTTP", `${what}: ${e.message}`, { cause: e });
      throw e;
    }
  }

  private created(r: TokenResource): CreatedInvite {
    this.o.redactor.add(r.attributes.token);
    return {
      id: r.id,
      secret: r.attributes.token,
      createdAt: r.attributes.created_at,
      expiresAt: r.attributes.expires_at,
    };
  }

  /** Scan tokens created since `since` (cursor pagination), returning the first that `match`es. */
  private async scan(since: Date, match: (r: TokenResource) => boolean): Promise<TokenResource | undefined> {
    let after = ulidFloor(since);
    for (let page = 0; page < 10_000; page++) {
      // Our invites are never revoked before they are found, so revoked tokens need not be scanned.
      const q = `?filter[revoked]=false&page[first]=100&page[after]=${after}&count=false`;
      const res = await this.call("GET", `/user-registration-tokens${q}`, undefined, true, true);
      if (res.status !== 200) throw this.fail(res, "list registration tokens");
      const body = res.json<{ data?: TokenResource[] | null; links?: { next?: string | null } }>();
      const data = body.data ?? [];
      for (const r of data) {
        this.o.redactor.add(r.attributes.token);
        if (match(r)) return r;
      }
      if (!body.links?.next || data.length === 0) return undefined;
      after = data[data.length - 1].id;
    }
    return undefined;
  }

  private findByText(text: string, since: Date): Promise<TokenResource | undefined> {
    return this.scan(since, (r) => r.attributes.token === text);
  }

  async findOrphan(intent: CreateIntent): Promise<RemoteInvite | undefined> {
    const since = new Date(Date.parse(intent.after) - 10 * 60_000);
    const r = await this.scan(since, (x) => tokenRef(x.attributes.token) === intent.ref);
    return r ? toRemote(r, this.o.now()) : undefined;
  }

  async get(id: string): Promise<RemoteInvite> {
    const res = await this.call("GET", `/user-registration-tokens/${encodeURIComponent(id)}`, undefined, true);
    if (res.status === 404) return { id, state: "missing", expiresAt: null };
    if (res.status !== 200) throw this.fail(res, `get token ${id}`);
    const data = res.json<{ data: TokenResource }>().data;
    this.o.redactor.add(data.attributes.token);
    return toRemote(data, this.o.now());
  }

  async revoke(id: string): Promise<"revoked" | "already" | "missing"> {
    // Revoking twice is harmless (400 "already revoked"), so a retry after a lost answer is safe.
    const res = await this.callRetryingLost("POST", `/user-registration-tokens/${encodeURIComponent(id)}/revoke`);
    if (res.status === 200) return "revoked";
    if (res.status === 400) return "already";
    if (res.status === 404) return "missing";
    throw this.fail(res, `revoke token ${id}`);
  }

  async unrevoke(id: string): Promise<RemoteInvite> {
    const res = await this.callRetryingLost("POST", `/user-registration-tokens/${encodeURIComponent(id)}/unrevoke`);
    if (res.status === 404) throw new MxopsError("MXOPS_INPUT", `MAS has no registration token ${id}`);
    if (res.status === 200 || res.status === 400) return this.get(id);
    throw this.fail(res, `unrevoke token ${id}`);
  }

  async extend(id: string, changes: { expiresAt?: Date; usageLimit?: number }): Promise<RemoteInvite> {
    // Omitted fields stay unchanged in MAS (explicit null would remove the limit, which mxops never asks for).
    const body: Record<string, unknown> = {};
    if (changes.expiresAt) body.expires_at = changes.expiresAt.toISOString();
    if (changes.usageLimit !== undefined) body.usage_limit = changes.usageLimit;
    const res = await this.call("PUT", `/user-registration-tokens/${encodeURIComponent(id)}`, body, true);
    if (res.status === 404) throw new MxopsError("MXOPS_INPUT", `MAS has no registration token ${id}`);
    if (res.status !== 200) throw this.fail(res, `update token ${id}`);
    const data = res.json<{ data: TokenResource }>().data;
    this.o.redactor.add(data.attributes.token);
    return toRemote(data, this.o.now());
  }

  /** POSTs whose repetition is harmless (revoke/unrevoke): a lost connection is simply tried again. */
  private callRetryingLost(method: string, path: string): Promise<HttpResponse> {
    return this.retryLost(() => this.call(method, path, undefined, false), "MAS");
  }

  link(secret: string): string {
    if (!this.o.linkTemplate) return this.o.registrationUrl;
    return this.o.linkTemplate.replace(/\{token\}/g, encodeURIComponent(secret));
  }

  async preflight(): Promise<CheckResult[]> {
    const out: CheckResult[] = [];
    const step = async (check: string, fn: () => Promise<string>): Promise<boolean> => {
      try {
        out.push({ check, ok: true, detail: await fn() });
        return true;
      } catch (e) {
        out.push({ check, ok: false, detail: this.o.redactor.redact((e as Error).message) });
        return false;
      }
    };
    if (!(await step("mas-discovery", async () => `token endpoint ${redactUrl(await this.o.tokens.tokenEndpoint())}`)))
      return out;
    const ok = await step("mas-admin-token", async () => {
      await this.o.tokens.token();
      return `client ${this.o.clientId} got a ${MAS_ADMIN_SCOPE} token`;
    });
    if (!ok) return out;
    await step("mas-admin-api", async () => {
      const res = await this.call("GET", "/version", undefined, true, true);
      if (res.status !== 200) throw this.fail(res, "version");
      const list = await this.call("GET", "/user-registration-tokens?count=only", undefined, true, true);
      if (list.status !== 200) throw this.fail(list, "list registration tokens");
      return `MAS ${res.json<{ version: string }>().version}, registration tokens readable`;
    });
    await step("mas-registration-token-required", async () => {
      const res = await this.call("GET", "/site-config", undefined, true, true);
      if (res.status !== 200) throw this.fail(res, "site-config");
      const sc = res.json<{
        password_registration_enabled?: boolean;
        password_registration_token_required?: boolean;
        registration_token_required?: boolean;
      }>();
      if (!sc.password_registration_enabled)
        throw new Error(
          "password registration is disabled (account.password_registration_enabled): tokens cannot be used to sign up",
        );
      if (!sc.password_registration_token_required && !sc.registration_token_required) {
        throw new Error(
          "registration tokens are not required (account.password_registration_token_required): anyone can sign up without an invite",
        );
      }
      return "password registration enabled and requires a token";
    });
    return out;
  }
}

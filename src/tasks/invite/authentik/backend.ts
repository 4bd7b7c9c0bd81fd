import { createHash } from "node:crypto";
import { MxopsError } from "../../../core/errors.js";
import type { HttpClient, HttpResponse } from "../../../core/http.js";
import type { Redactor } from "../../../core/redact.js";
import { UnknownOutcome, withRetry, type RetryPolicy } from "../../../core/retry.js";
import type { CheckResult, CreateIntent, CreatedInvite, InviteBackend, Recipient, RemoteInvite } from "../types.js";
import { checkFlowWiring, type Binding } from "./wiring.js";

interface Invitation {
  pk: string;
  name: string;
  expires?: string | null;
  single_use?: boolean;
  flow?: string | null;
}

interface Page<T> {
  pagination: { next: number };
  results: T[];
}

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
export function invitationName(email: string, now: Date): string {
  return `${invitationPrefix(email)}${now.getTime().toString(36)}`;
}

/** The recipient-derived part of invitation names (ends with `-`). */
export function invitationPrefix(email: string): string {
  const key = email.trim().toLowerCase();
  const local =
    (key.split("@")[0] ?? "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 24) || "user";
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 10);
  return `mxops-${local}-${hash}-`;
}

/**
 * Authentik invitations bound to the enrollment flow (by slug, checked to exist and contain an invitation stage).
 * The invitation uuid is the credential (`?itoken=`), so the audit and reports use the invitation *name* as the id
 * and the uuid is registered with the redactor. Revoke = delete. A single-use invitation disappears when used, so a
 * sent invitation that is gone (and that we did not delete) reads as `used`.
 */
export class AuthentikBackend implements InviteBackend {
  readonly name = "authentik" as const;
  private flowPk?: string;

  constructor(private readonly o: AuthentikBackendOptions) {}

  private api(path: string): string {
    return new URL(`api/v3${path}`, this.o.url.endsWith("/") ? this.o.url : `${this.o.url}/`).href;
  }

  private async call(method: string, path: string, body: unknown, idempotent: boolean): Promise<HttpResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.o.token}`, accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    // The create POST is repeated after a 429/5xx answer only (names are unique, a duplicate is refused); a lost
    // connection comes back as UnknownOutcome for the caller to reconcile by name.
    const res = await this.o.http.request({
      method,
      url: this.api(path),
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      retry: idempotent ? "safe" : "answered",
    });
    if (res.status === 401 || res.status === 403) {
      throw new MxopsError(
        "MXOPS_AUTH",
        `Authentik answered ${res.status} for ${method} /api/v3${path.split("?")[0]}: the API token (AUTHENTIK_TOKEN) is invalid, expired or lacks permission for invitations and flows`,
      );
    }
    return res;
  }

  private fail(res: HttpResponse, what: string): MxopsError {
    let detail = "";
    try {
      const b = res.json<Record<string, unknown>>();
      detail = JSON.stringify(b).slice(0, 200);
    } catch {
      detail = "";
    }
    return new MxopsError(
      "MXOPS_HTTP",
      `Authentik ${what} failed: HTTP ${res.status}${detail ? ` ${this.o.redactor.redact(detail)}` : ""}`,
    );
  }

  private async listAll<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    const sep = path.includes("?") ? "&" : "?";
    for (let page = 1; page > 0 && page < 10_000;) {
      const res = await this.call("GET", `${path}${sep}page=${page}&page_size=100`, undefined, true);
      if (res.status !== 200) throw this.fail(res, `GET ${path.split("?")[0]}`);
      const body = res.json<Page<T>>();
      out.push(...body.results);
      page = body.pagination.next;
    }
    return out;
  }

  /** The enrollment flow's pk, checked to exist and to contain an invitation stage. Throws MXOPS_CONFIG. */
  async flow(): Promise<{ pk: string; bindings: Binding[]; designation: string }> {
    const res = await this.call("GET", `/flows/instances/${encodeURIComponent(this.o.flowSlug)}/`, undefined, true);
    if (res.status === 404)
      throw new MxopsError(
        "MXOPS_CONFIG",
        `Authentik has no flow with slug ${this.o.flowSlug} (invite.authentik.flow_slug)`,
      );
    if (res.status !== 200) throw this.fail(res, "flow lookup");
    const flow = res.json<{ pk: string; designation: string }>();
    const bindings = await this.listAll<Binding>(`/flows/bindings/?target=${flow.pk}&ordering=order`);
    if (!bindings.some((b) => b.stage_obj.meta_model_name.endsWith(".invitationstage"))) {
      throw new MxopsError(
        "MXOPS_CONFIG",
        `Authentik flow ${this.o.flowSlug} has no invitation stage bound; invitations would not be checked`,
      );
    }
    this.flowPk = flow.pk;
    return { pk: flow.pk, bindings, designation: flow.designation };
  }

  private async byName(name: string): Promise<Invitation | undefined> {
    const res = await this.call(
      "GET",
      `/stages/invitation/invitations/?name=${encodeURIComponent(name)}`,
      undefined,
      true,
    );
    if (res.status !== 200) throw this.fail(res, "invitation lookup");
    const inv = res.json<Page<Invitation>>().results.find((i) => i.name === name);
    if (inv) this.o.redactor.add(inv.pk);
    return inv;
  }

  private remote(name: string, inv: Invitation | undefined): RemoteInvite {
    if (!inv) return { id: name, state: "used", expiresAt: null };
    const exp = inv.expires ?? null;
    const expired = exp !== null && Date.parse(exp) <= this.o.now().getTime();
    return { id: name, state: expired ? "expired" : "live", expiresAt: exp };
  }

  async ready(): Promise<void> {
    await this.flow();
  }

  prepare(r: Recipient): Promise<{ ref: string }> {
    return Promise.resolve({ ref: invitationName(r.email, this.o.now()) });
  }

  async create(
    r: Recipient,
    prepared: { ref: string },
    options: { expiresAt: Date; uses: number },
  ): Promise<CreatedInvite> {
    const flowPk = this.flowPk ?? (await this.flow()).pk;
    const fixed: Record<string, string> = { email: r.email };
    if (r.name) fixed.name = r.name;
    if (r.username) fixed.username = r.username;
    const body = {
      name: prepared.ref,
      flow: flowPk,
      single_use: options.uses <= 1,
      expires: options.expiresAt.toISOString(),
      fixed_data: fixed,
    };
    const once = async (): Promise<CreatedInvite> => {
      let res: HttpResponse;
      try {
        res = await this.call("POST", "/stages/invitation/invitations/", body, false);
      } catch (e) {
        if (!(e instanceof UnknownOutcome)) throw e;
        // Names are unique: if the lost POST went through, the invitation is findable by name.
        const found = await this.byName(prepared.ref);
        if (found) return this.created(found);
        throw e;
      }
      if (res.status === 201) return this.created(res.json<Invitation>());
      if (res.status === 400) {
        const found = await this.byName(prepared.ref);
        if (found) return this.created(found);
      }
      throw this.fail(res, "create invitation");
    };
    try {
      return await withRetry(this.o.retry, once, (o) =>
        !o.ok && o.error instanceof UnknownOutcome ? { why: "Authentik create" } : false,
      );
    } catch (e) {
      if (e instanceof UnknownOutcome)
        throw new MxopsError("MXOPS_HTTP", `Authentik create: ${e.message}`, { cause: e });
      throw e;
    }
  }

  private created(inv: Invitation): CreatedInvite {
    this.o.redactor.add(inv.pk);
    return { id: inv.name, secret: inv.pk, createdAt: this.o.now().toISOString(), expiresAt: inv.expires ?? null };
  }

  async findOrphan(intent: CreateIntent): Promise<RemoteInvite | undefined> {
    const inv = await this.byName(intent.ref);
    return inv ? this.remote(intent.ref, inv) : undefined;
  }

  async untracked(r: Recipient, known: ReadonlySet<string>): Promise<RemoteInvite[]> {
    const prefix = invitationPrefix(r.email);
    const found = await this.listAll<Invitation>(
      `/stages/invitation/invitations/?search=${encodeURIComponent(prefix)}`,
    );
    return found
      .filter((i) => i.name.startsWith(prefix) && !known.has(i.name))
      .map((i) => {
        this.o.redactor.add(i.pk);
        return this.remote(i.name, i);
      })
      .filter((x) => x.state === "live");
  }

  async get(id: string): Promise<RemoteInvite> {
    return this.remote(id, await this.byName(id));
  }

  async revoke(id: string): Promise<"revoked" | "already" | "missing"> {
    const inv = await this.byName(id);
    if (!inv) return "missing";
    // DELETE is idempotent (a repeat answers 404), so transport retries are safe.
    const res = await this.call("DELETE", `/stages/invitation/invitations/${inv.pk}/`, undefined, true);
    if (res.status === 204) return "revoked";
    if (res.status === 404) return "missing";
    throw this.fail(res, `delete invitation ${id}`);
  }

  unrevoke(): Promise<RemoteInvite> {
    return Promise.reject(
      new MxopsError(
        "MXOPS_USAGE",
        "Authentik invitations are deleted on revoke and cannot be restored; send a new invite instead",
      ),
    );
  }

  extend(): Promise<RemoteInvite> {
    return Promise.reject(
      new MxopsError(
        "MXOPS_USAGE",
        "extending Authentik invitations is not supported; use --resend with a new --expires",
      ),
    );
  }

  link(secret: string): string {
    return new URL(
      `if/flow/${encodeURIComponent(this.o.flowSlug)}/?itoken=${encodeURIComponent(secret)}`,
      this.o.url.endsWith("/") ? this.o.url : `${this.o.url}/`,
    ).href;
  }

  async preflight(): Promise<CheckResult[]> {
    const out: CheckResult[] = [];
    try {
      const me = await this.call("GET", "/core/users/me/", undefined, true);
      if (me.status !== 200) throw this.fail(me, "users/me");
      const v = await this.call("GET", "/admin/version/", undefined, true);
      const version =
        v.status === 200 ? v.json<{ version_current: string }>().version_current : "unknown (no admin rights)";
      out.push({
        check: "authentik-token",
        ok: true,
        detail: `token valid for ${me.json<{ user: { username: string } }>().user.username}, authentik ${version}`,
      });
    } catch (e) {
      out.push({ check: "authentik-token", ok: false, detail: this.o.redactor.redact((e as Error).message) });
      return out;
    }
    try {
      const flow = await this.flow();
      const stages = await this.listAll<{ pk: string; continue_flow_without_invitation?: boolean }>(
        "/stages/invitation/stages/",
      );
      out.push(...checkFlowWiring(this.o.flowSlug, flow.designation, flow.bindings, stages));
    } catch (e) {
      out.push({ check: "authentik-flow", ok: false, detail: this.o.redactor.redact((e as Error).message) });
    }
    return out;
  }
}

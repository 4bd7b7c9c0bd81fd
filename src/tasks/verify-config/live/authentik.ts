import { RE2JS } from "re2js";
import type { HttpResponse } from "../../../core/http.js";
import { isObject, parseJson, type ProbeContext } from "./context.js";
import { PROBE } from "./rules.js";

/** An upstream provider whose issuer is an Authentik application (`/application/o/<slug>/`). */
export interface AuthentikTarget {
  providerId: string;
  issuer: string;
  clientId?: string;
}

/** True when the issuer has Authentik's `/application/o/<slug>/` shape; only those ever see the token. */
export function isAuthentikIssuer(issuer: string): boolean {
  try {
    return /^\/application\/o\/[^/]+\/?$/.test(new URL(issuer).pathname);
  } catch {
    return false;
  }
}

/** One redirect URI rule as Authentik stores it, whatever the API version. */
export interface RedirectRule {
  mode: "strict" | "regex";
  url: string;
}

/**
 * Normalise `redirect_uris`: an array of `{matching_mode, url, redirect_uri_type?}` (2024.10+; logout entries
 * dropped) or the legacy newline-separated string, whose lines Authentik matched as regular expressions.
 */
export function redirectRules(value: unknown): RedirectRule[] {
  if (typeof value === "string") {
    return value
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== "")
      .map((url) => ({ mode: "regex" as const, url }));
  }
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (r): r is Record<string, unknown> => isObject(r) && typeof r.url === "string" && r.redirect_uri_type !== "logout",
    )
    .map((r) => ({ mode: r.matching_mode === "regex" ? ("regex" as const) : ("strict" as const), url: String(r.url) }));
}

/** Authentik's matching: strict is string equality, regex is Python `re.fullmatch` (legacy `*` allows all). */
export function redirectAllowed(rules: readonly RedirectRule[], uri: string): boolean {
  return rules.some((r) => {
    if (r.mode === "strict") return r.url === uri;
    if (r.url === "*") return true;
    return fullMatch(r.url, uri);
  });
}

/**
 * Python `re.fullmatch` as closely as JS allows: RE2 (linear time, safe on patterns from a remote server) first,
 * a JS RegExp only for constructs RE2 lacks (lookarounds, backreferences). A pattern neither compiles never
 * matches — Authentik logs and skips such an entry too.
 */
function fullMatch(pattern: string, input: string): boolean {
  try {
    return RE2JS.compile(pattern).matcher(input).matches();
  } catch {
    try {
      return new RegExp(`^(?:${pattern})$`).test(input);
    } catch {
      return false;
    }
  }
}

type StageKind = "invitation" | "identification" | "prompt" | "user_write" | "user_login";
const STAGES: ReadonlyArray<{ kind: StageKind; model: string; component: string; severity: "error" | "warning" }> = [
  { kind: "invitation", model: "invitationstage", component: "ak-stage-invitation-form", severity: "error" },
  // Invite-only enrollment flows often start without one; it matters when users should also reach login from there.
  {
    kind: "identification",
    model: "identificationstage",
    component: "ak-stage-identification-form",
    severity: "warning",
  },
  { kind: "prompt", model: "promptstage", component: "ak-stage-prompt-form", severity: "error" },
  { kind: "user_write", model: "userwritestage", component: "ak-stage-user-write-form", severity: "error" },
  { kind: "user_login", model: "userloginstage", component: "ak-stage-user-login-form", severity: "error" },
];

function stageKind(stage: unknown): StageKind | undefined {
  if (!isObject(stage)) return undefined;
  const model = typeof stage.meta_model_name === "string" ? (stage.meta_model_name.split(".").pop() ?? "") : "";
  const component = typeof stage.component === "string" ? stage.component : "";
  return STAGES.find((s) => s.model === model || s.component === component)?.kind;
}

class AuthentikApi {
  constructor(
    private readonly ctx: ProbeContext,
    readonly origin: string,
    private readonly token: string,
  ) {}

  /** Set once the API is unreachable or refuses the token: one finding for that, no repeats. */
  private down = false;

  /** GET a JSON document; undefined (after one finding) when unreachable, rejected or not JSON. */
  async get(path: string, query: Record<string, string>): Promise<Record<string, unknown> | undefined> {
    if (this.down) return undefined;
    const url = `${this.origin}/api/v3${path}?${new URLSearchParams(query).toString()}`;
    const res: HttpResponse | undefined = await this.ctx.request(
      PROBE.authentikApi,
      { url, headers: { authorization: `Bearer ${this.token}`, accept: "application/json" } },
      "Authentik API",
    );
    if (!res) {
      this.down = true;
      return undefined;
    }
    const body = parseJson(res.body);
    if (res.status === 401 || res.status === 403) {
      this.down = true;
      this.ctx.fail(
        PROBE.authentikApi,
        "error",
        `Authentik API refused AUTHENTIK_TOKEN (HTTP ${res.status}) on ${path}`,
        {
          url: `${this.origin}/api/v3${path}`,
          hint: "Use an API token (intent API) of a user or service account allowed to view providers, flows and stages.",
        },
      );
      return undefined;
    }
    if (res.status !== 200 || !isObject(body)) {
      this.down = true;
      this.ctx.fail(PROBE.authentikApi, "error", `Authentik API answered HTTP ${res.status} on ${path}`, {
        url: `${this.origin}/api/v3${path}`,
      });
      return undefined;
    }
    return body;
  }

  /** All results of a paginated list (bounded to 20 pages). */
  async list(path: string, query: Record<string, string>): Promise<unknown[] | undefined> {
    const out: unknown[] = [];
    let page = 1;
    for (let i = 0; i < 20; i++) {
      const body = await this.get(path, { ...query, page: String(page), page_size: "100" });
      if (!body) return undefined;
      if (Array.isArray(body.results)) out.push(...(body.results as unknown[]));
      const next = isObject(body.pagination) ? Number(body.pagination.next) : 0;
      if (!next || next <= page) break;
      page = next;
    }
    return out;
  }
}

/**
 * With AUTHENTIK_TOKEN: check that each Authentik provider lists MAS's callback
 * `https://<masHost>/upstream/callback/<provider id>` and that an enrollment flow with an invitation stage binds
 * the stages invitation-based sign-up needs, in a working order. Only issuers of Authentik's shape get the token.
 */
export async function probeAuthentik(
  ctx: ProbeContext,
  targets: readonly AuthentikTarget[],
  token: string,
  masHost: string | undefined,
): Promise<void> {
  const origins = new Map<string, AuthentikApi>();
  for (const t of targets) {
    if (!isAuthentikIssuer(t.issuer)) continue;
    const origin = new URL(t.issuer).origin;
    let api = origins.get(origin);
    if (!api) origins.set(origin, (api = new AuthentikApi(ctx, origin, token)));
    await checkRedirect(ctx, api, t, masHost);
  }
  for (const api of origins.values()) await checkEnrollment(ctx, api);
}

async function checkRedirect(
  ctx: ProbeContext,
  api: AuthentikApi,
  t: AuthentikTarget,
  masHost: string | undefined,
): Promise<void> {
  if (!t.clientId || !masHost) return;
  const expected = `https://${masHost}/upstream/callback/${t.providerId}`;
  const providers = await api.list("/providers/oauth2/", { client_id: t.clientId });
  if (!providers) return;
  const provider = providers.find((p) => isObject(p) && p.client_id === t.clientId);
  if (!isObject(provider)) {
    ctx.fail(
      PROBE.authentikRedirectUri,
      "error",
      `upstream provider ${t.providerId}: Authentik has no OAuth2 provider with client id ${t.clientId}`,
      {
        url: `${api.origin}/api/v3/providers/oauth2/`,
        hint: "MAS upstream_oauth2.providers[].client_id must be the Client ID shown on the Authentik OAuth2 provider.",
      },
    );
    return;
  }
  const rules = redirectRules(provider.redirect_uris);
  if (!redirectAllowed(rules, expected)) {
    ctx.fail(
      PROBE.authentikRedirectUri,
      "error",
      `upstream provider ${t.providerId}: Authentik provider ${String(provider.name ?? provider.pk)} does not allow the redirect URI ${expected}`,
      {
        url: `${api.origin}/api/v3/providers/oauth2/${String(provider.pk)}/`,
        hint: `Add ${expected} (strict) to the provider's redirect URIs; sign-in through MAS fails with a redirect_uri error until then.`,
        data: { expected, configured: rules.map((r) => `${r.mode}:${r.url}`) },
      },
    );
  } else ctx.ok(PROBE.authentikRedirectUri, `upstream provider ${t.providerId}: Authentik allows ${expected}`);
}

async function checkEnrollment(ctx: ProbeContext, api: AuthentikApi): Promise<void> {
  const stages = await api.list("/stages/invitation/stages/", {});
  if (!stages) return;
  const flows = new Map<string, string>();
  for (const s of stages) {
    if (!isObject(s) || !Array.isArray(s.flow_set)) continue;
    for (const f of s.flow_set)
      if (isObject(f) && f.designation === "enrollment" && typeof f.pk === "string") flows.set(f.pk, String(f.slug));
  }
  const url = `${api.origin}/api/v3/flows/bindings/`;
  if (flows.size === 0) {
    ctx.fail(
      PROBE.authentikEnrollmentFlow,
      "error",
      "Authentik has no enrollment flow with an invitation stage bound",
      {
        url: `${api.origin}/api/v3/stages/invitation/stages/`,
        hint: "Invitation links need an enrollment flow: invitation → prompt (username, email, name) → user write → user login.",
      },
    );
    return;
  }
  const reports: Array<{ slug: string; problems: Array<{ severity: "error" | "warning"; text: string }> }> = [];
  for (const [pk, slug] of flows) {
    const bindings = await api.list("/flows/bindings/", { target: pk, ordering: "order" });
    if (!bindings) return;
    const order = new Map<StageKind, number>();
    for (const b of bindings) {
      if (!isObject(b)) continue;
      const kind = stageKind(b.stage_obj);
      if (kind && !order.has(kind)) order.set(kind, Number(b.order));
    }
    const problems: Array<{ severity: "error" | "warning"; text: string }> = [];
    for (const s of STAGES)
      if (!order.has(s.kind)) problems.push({ severity: s.severity, text: `no ${s.kind.replace("_", " ")} stage` });
    const before = (a: StageKind, b: StageKind) => {
      const x = order.get(a);
      const y = order.get(b);
      if (x !== undefined && y !== undefined && !(x < y))
        problems.push({ severity: "error", text: `${a.replace("_", " ")} stage is not before ${b.replace("_", " ")}` });
    };
    before("invitation", "user_write");
    before("prompt", "user_write");
    before("user_write", "user_login");
    reports.push({ slug, problems });
  }
  const good = reports.find((r) => !r.problems.some((p) => p.severity === "error"));
  if (good) {
    for (const p of good.problems)
      ctx.fail(PROBE.authentikEnrollmentFlow, "warning", `Authentik enrollment flow ${good.slug}: ${p.text}`, { url });
    ctx.ok(PROBE.authentikEnrollmentFlow, `Authentik enrollment flow ${good.slug} binds the invitation stages`, {
      url,
    });
    return;
  }
  for (const r of reports) {
    const errors = r.problems.filter((p) => p.severity === "error").map((p) => p.text);
    ctx.fail(PROBE.authentikEnrollmentFlow, "error", `Authentik enrollment flow ${r.slug}: ${errors.join("; ")}`, {
      url,
      hint: "Bind, in order: invitation, (identification,) prompt with username/email/name fields, user write (create users), user login.",
    });
  }
}

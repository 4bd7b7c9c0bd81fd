// A stateful fake of the Authentik API subset mxops uses (invitations, invitation stages, flows, flow bindings,
// OAuth2 providers, applications, users/me, admin/version), built on OpenApiFake so every request and response is
// validated against test/fixtures/specs/authentik/api-subset.yaml. Seed it with addFlow/addStage/bindStage/addProvider/
// addApplication (or addEnrollmentFlow for the usual invitation → identification → prompt → user_write → user_login).
import { randomUUID } from "node:crypto";
import {
  applicationJson,
  flowByPk,
  flowJson,
  invitationJson,
  OWNER,
  providerJson,
  stageJson,
} from "./authentik-json.js";
import { OpenApiFake, type FakeRequest, type FakeResponse } from "./openapi.js";

type Json = Record<string, unknown>;

export const AUTHENTIK_SPEC = "test/fixtures/specs/authentik/api-subset.yaml";

/** Stage kinds the fake knows, with authentik's model/component names. */
export type StageKind = "invitation" | "identification" | "prompt" | "user_write" | "user_login" | "email" | "password";

export interface FakeFlow {
  pk: string;
  slug: string;
  name: string;
  title: string;
  designation: string;
}

export interface FakeStage {
  pk: string;
  name: string;
  kind: StageKind;
  continueWithoutInvitation: boolean;
}

export interface FakeBinding {
  pk: string;
  target: string;
  stage: string;
  order: number;
}

export interface FakeInvitation {
  pk: string;
  name: string;
  expires: string | null;
  fixed_data: Json;
  single_use: boolean;
  flow: string | null;
}

export interface FakeProvider {
  pk: number;
  name: string;
  client_id: string;
  client_type: "confidential" | "public";
  authorization_flow: string;
  invalidation_flow: string;
  redirect_uris: Array<{
    matching_mode: "strict" | "regex";
    url: string;
    redirect_uri_type?: "authorization" | "logout";
  }>;
  grant_types?: string[];
  application?: string;
}

export interface FakeApplication {
  pk: string;
  name: string;
  slug: string;
  provider: number | null;
}

export interface AuthentikFakeOptions {
  /** API tokens accepted (Bearer); anything else gets 403 like authentik. */
  tokens?: string[];
  /** Page size when the client sends none (authentik's default is 100; smaller values exercise paging). */
  pageSize?: number;
  version?: string;
  /** Clock for `expires` checks. */
  now?: () => Date;
  /** Answer send_email with 404 like authentik < 2026.5. */
  noSendEmail?: boolean;
}

/** Stateful Authentik fake on 127.0.0.1; `baseUrl` is the server origin (the API lives under /api/v3). */
export class AuthentikFake {
  readonly api: OpenApiFake;
  readonly flows = new Map<string, FakeFlow>();
  readonly stages = new Map<string, FakeStage>();
  readonly bindings: FakeBinding[] = [];
  readonly invitations = new Map<string, FakeInvitation>();
  readonly providers = new Map<number, FakeProvider>();
  readonly applications = new Map<string, FakeApplication>();
  /** Bodies of send_email calls. */
  readonly sentEmails: Array<{ invitation: string; to: string[] }> = [];
  readonly tokens: Set<string>;
  private readonly pageSize: number;
  private readonly now: () => Date;
  private nextProvider = 1;
  version: string;

  constructor(private readonly options: AuthentikFakeOptions = {}) {
    this.tokens = new Set(options.tokens ?? ["ak-test-token-0123456789"]);
    this.pageSize = options.pageSize ?? 100;
    this.now = options.now ?? (() => new Date());
    this.version = options.version ?? "2026.5.6";
    this.api = new OpenApiFake({
      specPath: AUTHENTIK_SPEC,
      basePath: "/api/v3",
      authStatus: 403,
      authBody: { detail: "Token invalid/expired" },
      authorize: (req) => {
        const m = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""));
        return m !== null && this.tokens.has(m[1]);
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

  /** Server origin, e.g. http://127.0.0.1:1234 (set by start). */
  get baseUrl(): string {
    return this.api.url;
  }

  async start(): Promise<string> {
    return this.api.start();
  }

  async stop(): Promise<void> {
    await this.api.stop();
  }

  // ---- seed data ------------------------------------------------------------------------------------------

  addFlow(f: { slug: string; name?: string; title?: string; designation?: string; pk?: string }): FakeFlow {
    const flow: FakeFlow = {
      pk: f.pk ?? randomUUID(),
      slug: f.slug,
      name: f.name ?? f.slug,
      title: f.title ?? f.name ?? f.slug,
      designation: f.designation ?? "enrollment",
    };
    this.flows.set(flow.slug, flow);
    return flow;
  }

  addStage(s: { name: string; kind: StageKind; continueWithoutInvitation?: boolean; pk?: string }): FakeStage {
    const stage: FakeStage = {
      pk: s.pk ?? randomUUID(),
      name: s.name,
      kind: s.kind,
      continueWithoutInvitation: s.continueWithoutInvitation ?? false,
    };
    this.stages.set(stage.pk, stage);
    return stage;
  }

  bindStage(flowSlug: string, stage: FakeStage, order: number): FakeBinding {
    const flow = this.flows.get(flowSlug);
    if (!flow) throw new Error(`no flow ${flowSlug}`);
    const b: FakeBinding = { pk: randomUUID(), target: flow.pk, stage: stage.pk, order };
    this.bindings.push(b);
    return b;
  }

  /** A wired invitation enrollment flow; `kinds` overrides the stage sequence (to seed broken flows). */
  addEnrollmentFlow(
    slug: string,
    kinds: StageKind[] = ["invitation", "identification", "prompt", "user_write", "user_login"],
  ): FakeFlow {
    const flow = this.addFlow({ slug, name: `Enrollment ${slug}`, designation: "enrollment" });
    kinds.forEach((k, i) => this.bindStage(slug, this.addStage({ name: `${slug}-${k}`, kind: k }), (i + 1) * 10));
    return flow;
  }

  addProvider(
    p: Partial<FakeProvider> & { name: string; authorization_flow: string; invalidation_flow: string },
  ): FakeProvider {
    const provider: FakeProvider = {
      pk: this.nextProvider++,
      client_id: randomUUID().replace(/-/g, ""),
      client_type: "confidential",
      redirect_uris: [],
      ...p,
    };
    this.providers.set(provider.pk, provider);
    return provider;
  }

  addApplication(a: { name: string; slug: string; provider?: number | null }): FakeApplication {
    const app: FakeApplication = { pk: randomUUID(), name: a.name, slug: a.slug, provider: a.provider ?? null };
    this.applications.set(app.slug, app);
    if (app.provider !== null) {
      const p = this.providers.get(app.provider);
      if (p) p.application = app.slug;
    }
    return app;
  }

  /** Simulate a recipient completing enrollment with an invitation (single_use ones disappear, like authentik). */
  useInvitation(pk: string): boolean {
    const inv = this.invitations.get(pk);
    if (!inv) return false;
    if (inv.expires && Date.parse(inv.expires) <= this.now().getTime()) return false;
    if (inv.single_use) this.invitations.delete(pk);
    return true;
  }

  // ---- pagination ----------------------------------------------------------------------------------------

  /** Authentik's page-number pagination; next/previous are page numbers, 0 when there is none. */
  private page(req: FakeRequest, items: Json[]): FakeResponse {
    const size = Math.max(1, Number(req.query.get("page_size") ?? this.pageSize) || this.pageSize);
    const total = Math.max(1, Math.ceil(items.length / size));
    const current = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
    if (current > total && items.length > 0) return { status: 404, body: { detail: "Invalid page." } };
    const start = (current - 1) * size;
    const results = items.slice(start, start + size);
    return {
      status: 200,
      body: {
        pagination: {
          next: current < total ? current + 1 : 0,
          previous: current > 1 ? current - 1 : 0,
          count: items.length,
          current,
          total_pages: total,
          start_index: results.length > 0 ? start + 1 : 0,
          end_index: start + results.length,
        },
        results,
        autocomplete: {},
      },
    };
  }

  // ---- routes --------------------------------------------------------------------------------------------

  private routes(): void {
    const notFound = (what: string): FakeResponse => ({
      status: 404,
      body: { detail: `No ${what} matches the given query.` },
    });
    const a = this.api;

    a.on("core_users_me_retrieve", () => ({
      status: 200,
      body: {
        user: {
          pk: OWNER.pk,
          username: OWNER.username,
          name: OWNER.name,
          is_active: true,
          is_superuser: true,
          groups: [],
          roles: [],
          email: OWNER.email,
          avatar: "",
          uid: OWNER.uid,
          settings: {},
          type: "internal",
          system_permissions: [],
        },
      },
    }));
    a.on("admin_version_retrieve", () => ({
      status: 200,
      body: {
        version_current: this.version,
        version_latest: this.version,
        version_latest_valid: true,
        build_hash: "0000000",
        outdated: false,
        outpost_outdated: false,
      },
    }));

    a.on("flows_instances_list", (req) => {
      let flows = [...this.flows.values()];
      for (const key of ["slug", "designation", "name"] as const) {
        const v = req.query.get(key);
        if (v !== null) flows = flows.filter((f) => f[key] === v);
      }
      const uuid = req.query.get("flow_uuid");
      if (uuid !== null) flows = flows.filter((f) => f.pk === uuid);
      return this.page(
        req,
        flows.sort((x, y) => x.slug.localeCompare(y.slug)).map((f) => flowJson(this, f)),
      );
    });
    a.on("flows_instances_retrieve", (req) => {
      const f = this.flows.get(req.params.slug ?? "");
      return f ? { status: 200, body: flowJson(this, f) } : notFound("Flow");
    });
    a.on("flows_bindings_list", (req) => {
      let bs = [...this.bindings];
      const target = req.query.get("target");
      if (target !== null) bs = bs.filter((b) => b.target === target);
      const stage = req.query.get("stage");
      if (stage !== null) bs = bs.filter((b) => b.stage === stage);
      bs.sort((x, y) => x.order - y.order);
      return this.page(
        req,
        bs.map((b) => ({
          pk: b.pk,
          policybindingmodel_ptr_id: b.pk,
          target: b.target,
          stage: b.stage,
          stage_obj: stageJson(this, this.stages.get(b.stage)!),
          evaluate_on_plan: false,
          re_evaluate_policies: true,
          order: b.order,
          policy_engine_mode: "any",
          invalid_response_action: "retry",
        })),
      );
    });
    a.on("stages_invitation_stages_list", (req) => {
      let st = [...this.stages.values()].filter((s) => s.kind === "invitation");
      const name = req.query.get("name");
      if (name !== null) st = st.filter((s) => s.name === name);
      const uuid = req.query.get("stage_uuid");
      if (uuid !== null) st = st.filter((s) => s.pk === uuid);
      if (req.query.get("no_flows") === "true") st = st.filter((s) => !this.bindings.some((b) => b.stage === s.pk));
      return this.page(
        req,
        st.map((s) => stageJson(this, s)),
      );
    });

    a.on("stages_invitation_invitations_list", (req) => {
      let inv = [...this.invitations.values()];
      const name = req.query.get("name");
      if (name !== null) inv = inv.filter((i) => i.name === name);
      const slug = req.query.get("flow__slug");
      if (slug !== null) inv = inv.filter((i) => flowByPk(this, i.flow)?.slug === slug);
      const search = req.query.get("search");
      if (search !== null) inv = inv.filter((i) => i.name.includes(search));
      // Default ordering -expires (nulls last); ties by name so pages are stable.
      inv.sort((x, y) => (y.expires ?? "").localeCompare(x.expires ?? "") || x.name.localeCompare(y.name));
      return this.page(
        req,
        inv.map((i) => invitationJson(this, i)),
      );
    });
    a.on("stages_invitation_invitations_create", (req) => {
      const b = req.body as Json;
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever the client sent; a non-string fails the name check below
      const name = String(b.name ?? "");
      if (!/^[-a-zA-Z0-9_]+$/.test(name))
        return {
          status: 400,
          body: { name: ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'] },
        };
      if ([...this.invitations.values()].some((i) => i.name === name))
        return { status: 400, body: { name: ["invitation with this name already exists."] } };
      const flow = (b.flow as string | null | undefined) ?? null;
      if (flow !== null && !flowByPk(this, flow))
        return { status: 400, body: { flow: [`Invalid pk "${flow}" - object does not exist.`] } };
      const inv: FakeInvitation = {
        pk: randomUUID(),
        name,
        expires:
          (b.expires as string | null | undefined) ?? new Date(this.now().getTime() + 48 * 3600_000).toISOString(),
        fixed_data: (b.fixed_data as Json | undefined) ?? {},
        single_use: (b.single_use as boolean | undefined) ?? false,
        flow,
      };
      this.invitations.set(inv.pk, inv);
      return { status: 201, body: invitationJson(this, inv) };
    });
    a.on("stages_invitation_invitations_retrieve", (req) => {
      const i = this.invitations.get(req.params.invite_uuid ?? "");
      return i ? { status: 200, body: invitationJson(this, i) } : notFound("Invitation");
    });
    a.on("stages_invitation_invitations_destroy", (req) => {
      const id = req.params.invite_uuid ?? "";
      if (!this.invitations.has(id)) return notFound("Invitation");
      this.invitations.delete(id);
      return { status: 204 };
    });
    a.on("stages_invitation_invitations_send_email_create", (req) => {
      if (this.options.noSendEmail) return { status: 404, body: { detail: "Not found." } };
      const i = this.invitations.get(req.params.invite_uuid ?? "");
      if (!i) return notFound("Invitation");
      const to = ((req.body as Json).email_addresses as unknown[]).map(String);
      this.sentEmails.push({ invitation: i.pk, to });
      return { status: 204 };
    });

    a.on("providers_oauth2_list", (req) => {
      let ps = [...this.providers.values()];
      const cid = req.query.get("client_id");
      if (cid !== null) ps = ps.filter((p) => p.client_id === cid);
      const name = req.query.get("name");
      if (name !== null) ps = ps.filter((p) => p.name === name);
      const app = req.query.get("application");
      if (app !== null)
        ps = ps.filter((p) => p.application !== undefined && this.applications.get(p.application)?.pk === app);
      return this.page(
        req,
        ps.map((p) => providerJson(this, p)),
      );
    });
    a.on("providers_oauth2_retrieve", (req) => {
      const p = this.providers.get(Number(req.params.id));
      return p ? { status: 200, body: providerJson(this, p) } : notFound("OAuth2/OpenID Provider");
    });
    a.on("core_applications_list", (req) => {
      let apps = [...this.applications.values()];
      const slug = req.query.get("slug");
      if (slug !== null) apps = apps.filter((x) => x.slug === slug);
      const name = req.query.get("name");
      if (name !== null) apps = apps.filter((x) => x.name === name);
      return this.page(
        req,
        apps.map((x) => applicationJson(this, x)),
      );
    });
  }
}

// JSON shapes of the Authentik fake's objects, as authentik 2026.5 serialises them (schema-valid for the subset).
import { randomUUID } from "node:crypto";
import type {
  FakeApplication,
  FakeBinding,
  FakeFlow,
  FakeInvitation,
  FakeProvider,
  FakeStage,
  StageKind,
} from "./authentik.js";

type Json = Record<string, unknown>;

/** The parts of the fake's state the serialisers read. */
export interface AuthentikState {
  flows: Map<string, FakeFlow>;
  stages: Map<string, FakeStage>;
  bindings: FakeBinding[];
  providers: Map<number, FakeProvider>;
  applications: Map<string, FakeApplication>;
}

export const STAGE_META: Record<StageKind, { model: string; component: string; verbose: string }> = {
  invitation: {
    model: "authentik_stages_invitation.invitationstage",
    component: "ak-stage-invitation-form",
    verbose: "Invitation Stage",
  },
  identification: {
    model: "authentik_stages_identification.identificationstage",
    component: "ak-stage-identification-form",
    verbose: "Identification Stage",
  },
  prompt: { model: "authentik_stages_prompt.promptstage", component: "ak-stage-prompt-form", verbose: "Prompt Stage" },
  user_write: {
    model: "authentik_stages_user_write.userwritestage",
    component: "ak-stage-user-write-form",
    verbose: "User Write Stage",
  },
  user_login: {
    model: "authentik_stages_user_login.userloginstage",
    component: "ak-stage-user-login-form",
    verbose: "User Login Stage",
  },
  email: { model: "authentik_stages_email.emailstage", component: "ak-stage-email-form", verbose: "Email Stage" },
  password: {
    model: "authentik_stages_password.passwordstage",
    component: "ak-stage-password-form",
    verbose: "Password Stage",
  },
};

export const OWNER = {
  pk: 1,
  username: "akadmin",
  name: "authentik Default Admin",
  uid: "0f8b5c1d2e",
  is_active: true,
  email: "admin@example.org",
};

// ---- serialisers ---------------------------------------------------------------------------------------

export function flowJson(st: AuthentikState, f: FakeFlow): Json {
  const stages = st.bindings.filter((b) => b.target === f.pk).map((b) => b.stage);
  return {
    pk: f.pk,
    policybindingmodel_ptr_id: f.pk,
    name: f.name,
    slug: f.slug,
    title: f.title,
    designation: f.designation,
    background: "",
    background_url: "/static/dist/assets/images/flow_background.jpg",
    background_themed_urls: null,
    stages,
    policies: [],
    cache_count: 0,
    policy_engine_mode: "any",
    compatibility_mode: false,
    export_url: `/api/v3/flows/instances/${f.slug}/export/`,
    layout: "stacked",
    denied_action: "message_continue",
    authentication: "none",
  };
}

export function flowSetJson(st: AuthentikState, f: FakeFlow): Json {
  return {
    pk: f.pk,
    policybindingmodel_ptr_id: f.pk,
    name: f.name,
    slug: f.slug,
    title: f.title,
    designation: f.designation,
    background_url: "/static/dist/assets/images/flow_background.jpg",
    policy_engine_mode: "any",
    compatibility_mode: false,
    export_url: `/api/v3/flows/instances/${f.slug}/export/`,
    layout: "stacked",
    denied_action: "message_continue",
  };
}

export function stageJson(st: AuthentikState, s: FakeStage): Json {
  const meta = STAGE_META[s.kind];
  const flowSet = st.bindings
    .filter((b) => b.stage === s.pk)
    .map((b) => [...st.flows.values()].find((f) => f.pk === b.target))
    .filter((f): f is FakeFlow => f !== undefined)
    .map((f) => flowSetJson(st, f));
  const out: Json = {
    pk: s.pk,
    name: s.name,
    component: meta.component,
    verbose_name: meta.verbose,
    verbose_name_plural: `${meta.verbose}s`,
    meta_model_name: meta.model,
    flow_set: flowSet,
  };
  if (s.kind === "invitation") out.continue_flow_without_invitation = s.continueWithoutInvitation;
  return out;
}

export function flowByPk(st: AuthentikState, pk: string | null): FakeFlow | undefined {
  return pk === null ? undefined : [...st.flows.values()].find((f) => f.pk === pk);
}

export function invitationJson(st: AuthentikState, i: FakeInvitation): Json {
  const flow = flowByPk(st, i.flow);
  return {
    pk: i.pk,
    name: i.name,
    expires: i.expires,
    fixed_data: i.fixed_data,
    created_by: OWNER,
    single_use: i.single_use,
    flow: i.flow,
    // authentik serialises a missing flow as null here although the schema has no nullable; keep it schema-valid.
    flow_obj: flow
      ? flowJson(st, flow)
      : flowJson(st, { pk: randomUUID(), slug: "none", name: "none", title: "none", designation: "enrollment" }),
  };
}

export function providerJson(st: AuthentikState, p: FakeProvider): Json {
  const app = p.application ? st.applications.get(p.application) : undefined;
  const out: Json = {
    pk: p.pk,
    name: p.name,
    authentication_flow: null,
    authorization_flow: p.authorization_flow,
    invalidation_flow: p.invalidation_flow,
    property_mappings: [],
    component: "ak-provider-oauth2-form",
    assigned_application_slug: app?.slug ?? null,
    assigned_application_name: app?.name ?? null,
    assigned_backchannel_application_slug: null,
    assigned_backchannel_application_name: null,
    verbose_name: "OAuth2/OpenID Provider",
    verbose_name_plural: "OAuth2/OpenID Providers",
    meta_model_name: "authentik_providers_oauth2.oauth2provider",
    client_type: p.client_type,
    client_id: p.client_id,
    redirect_uris: p.redirect_uris,
    sub_mode: "hashed_user_id",
    issuer_mode: "per_provider",
  };
  if (p.grant_types) out.grant_types = p.grant_types;
  return out;
}

export function applicationJson(st: AuthentikState, a: FakeApplication): Json {
  const p = a.provider === null ? undefined : st.providers.get(a.provider);
  let providerObj: Json | null = null;
  if (p) {
    const full = providerJson(st, p);
    providerObj = Object.fromEntries(
      [
        "pk",
        "name",
        "authentication_flow",
        "authorization_flow",
        "invalidation_flow",
        "property_mappings",
        "component",
        "assigned_application_slug",
        "assigned_application_name",
        "assigned_backchannel_application_slug",
        "assigned_backchannel_application_name",
        "verbose_name",
        "verbose_name_plural",
        "meta_model_name",
      ].map((k) => [k, full[k]]),
    );
  }
  return {
    pk: a.pk,
    name: a.name,
    slug: a.slug,
    provider: a.provider,
    provider_obj: providerObj,
    backchannel_providers: [],
    backchannel_providers_obj: [],
    launch_url: null,
    open_in_new_tab: false,
    meta_icon: "",
    meta_icon_url: null,
    meta_icon_themed_urls: null,
    meta_description: "",
    meta_publisher: "",
    policy_engine_mode: "any",
    group: "",
    meta_hide: false,
  };
}

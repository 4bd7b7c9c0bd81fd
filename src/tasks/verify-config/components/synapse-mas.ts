import type { Finding } from "../../../core/finding.js";
import type { PathSeg } from "../../../core/yaml.js";
import type { EssValuesContext } from "./types.js";
import type { AdditionalEntry } from "./util/additional.js";
import { at, embeddedKeyPath, getPath, isRecord, locateEmbedded } from "./util/where.js";

/** True when ESS wires Synapse to MAS (MAS enabled and not in the pre-migration mode where Synapse still authenticates). */
export function masHandlesAuth(values: Record<string, unknown>): boolean {
  const mas = values.matrixAuthenticationService;
  if (isRecord(mas) && (mas.enabled === false || mas.preMigrationSynapseHandlesAuth === true)) return false;
  return true;
}

const nonEmptyList = (v: unknown) => Array.isArray(v) && v.length > 0;
const isOn = (v: unknown) => v === true;
const isSet = (v: unknown) => v !== undefined && v !== null && v !== false && v !== 0 && v !== "";

// Options Synapse refuses while MAS handles authentication (synapse/config/mas.py, check_config_conflicts),
// with what to do instead.
const CONFLICTS: Array<{ path: PathSeg[]; test: (v: unknown) => boolean; what: string; hint: string }> = [
  {
    path: ["enable_registration"],
    test: isOn,
    what: "registration",
    hint: "Registration is MAS's job: account.password_registration_enabled or upstream providers.",
  },
  {
    path: ["oidc_providers"],
    test: nonEmptyList,
    what: "SSO (oidc_providers)",
    hint: "Configure the identity provider in MAS: upstream_oauth2.providers in matrixAuthenticationService.additional.",
  },
  {
    path: ["oidc_config"],
    test: (v) => isRecord(v) && v.enabled !== false,
    what: "SSO (oidc_config)",
    hint: "Configure the identity provider in MAS: upstream_oauth2.providers.",
  },
  {
    path: ["saml2_config"],
    test: (v) => isRecord(v) && v.enabled !== false && v.sp_config !== undefined,
    what: "SSO (saml2_config)",
    hint: "Remove it; MAS handles sign-in.",
  },
  { path: ["cas_config", "enabled"], test: isOn, what: "SSO (cas_config)", hint: "Remove it; MAS handles sign-in." },
  {
    path: ["jwt_config", "enabled"],
    test: isOn,
    what: "JWT login (jwt_config)",
    hint: "Remove it; MAS handles sign-in.",
  },
  {
    path: ["password_providers"],
    test: nonEmptyList,
    what: "password auth providers",
    hint: "Remove them; use an upstream provider in MAS (e.g. LDAP through Authentik).",
  },
  {
    path: ["enable_registration_captcha"],
    test: isOn,
    what: "registration CAPTCHA",
    hint: "Configure captcha in MAS instead.",
  },
  {
    path: ["login_via_existing_session", "enabled"],
    test: isOn,
    what: "login via existing session",
    hint: "Remove it; MAS handles QR/linked-device login.",
  },
  {
    path: ["refresh_token_lifetime"],
    test: isSet,
    what: "refresh_token_lifetime",
    hint: "Token lifetimes are MAS's: remove it.",
  },
  {
    path: ["nonrefreshable_access_token_lifetime"],
    test: isSet,
    what: "nonrefreshable_access_token_lifetime",
    hint: "Token lifetimes are MAS's: remove it.",
  },
  { path: ["session_lifetime"], test: isSet, what: "session_lifetime", hint: "Sessions are MAS's: remove it." },
  {
    path: ["enable_3pid_changes"],
    test: isOn,
    what: "3PID changes",
    hint: "Email changes are MAS's (account.email_change_allowed).",
  },
  {
    path: ["user_consent", "version"],
    test: isSet,
    what: "user consent",
    hint: "Remove it; MAS handles terms acceptance (branding.tos_uri).",
  },
  {
    path: ["experimental_features", "msc3861", "enabled"],
    test: isOn,
    what: "experimental MSC3861 delegation",
    hint: "Remove it; ESS configures the stable MAS integration.",
  },
];

/** Synapse options that stop Synapse from starting when MAS handles authentication (error). */
export function masConflicts(ctx: EssValuesContext, e: AdditionalEntry, cfg: Record<string, unknown>): Finding[] {
  if (!masHandlesAuth(ctx.values)) return [];
  const out: Finding[] = [];
  for (const c of CONFLICTS) {
    if (!c.test(getPath(cfg, c.path))) continue;
    out.push({
      ruleId: "synapse/conflicts-with-mas",
      severity: "error",
      message: `${c.what} cannot be enabled while Matrix Authentication Service handles authentication: Synapse refuses to start`,
      ...at(locateEmbedded(ctx, e.outer, e.doc, c.path)),
      keyPath: embeddedKeyPath(e.outer, c.path),
      hint: c.hint,
    });
  }
  return out;
}

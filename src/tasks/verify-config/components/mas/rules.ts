import type { PathSeg } from "../../../../core/yaml.js";
import { formatPath } from "../../../../core/yaml.js";
import { compareVersions, type ShippedVersions } from "../util/versions.js";
import { getPath, isRecord } from "../util/where.js";

/** A MAS problem found on the merged config, before it is positioned. */
export interface MasIssue {
  ruleId: string;
  severity: "error" | "warning" | "info";
  path: PathSeg[];
  message: string;
  hint?: string;
}

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** True for a canonical ULID: 26 Crockford base32 characters, first one 0-7 (128 bits). */
export function isUlid(s: unknown): boolean {
  return typeof s === "string" && ULID.test(s);
}

function ulidProblem(s: unknown): string {
  if (typeof s !== "string") return "is not a string";
  if (s.length !== 26) return `has ${s.length} characters, a ULID has 26`;
  if (/[a-z]/.test(s) && ULID.test(s.toUpperCase())) return "uses lower-case letters";
  if (/[ILOU]/i.test(s)) return "contains I, L, O or U, which Crockford base32 leaves out";
  if (!/^[0-7]/.test(s)) return "starts above 7, which overflows 128 bits";
  return "contains characters outside Crockford base32";
}

/** ULID checks for `upstream_oauth2.providers[].id` and `clients[].client_id` of one config. */
export function ulidIssues(cfg: Record<string, unknown>): MasIssue[] {
  const out: MasIssue[] = [];
  const providers = getPath(cfg, ["upstream_oauth2", "providers"]);
  if (Array.isArray(providers)) {
    providers.forEach((p, i) => {
      if (isRecord(p) && p.id !== undefined && !isUlid(p.id)) {
        out.push({
          ruleId: "mas/provider-id-not-ulid",
          severity: "error",
          path: ["upstream_oauth2", "providers", i, "id"],
          message: `upstream provider id ${JSON.stringify(p.id)} is not a ULID: it ${ulidProblem(p.id)}`,
          hint: "Generate one (e.g. `mas-cli` or any ULID generator) and keep it stable: it is part of the callback URL https://<mas host>/upstream/callback/<id> registered at the provider.",
        });
      }
    });
  }
  const clients = cfg.clients;
  if (Array.isArray(clients)) {
    clients.forEach((c, i) => {
      if (isRecord(c) && c.client_id !== undefined && !isUlid(c.client_id)) {
        out.push({
          ruleId: "mas/client-id-not-ulid",
          severity: "error",
          path: ["clients", i, "client_id"],
          message: `client_id ${JSON.stringify(c.client_id)} is not a ULID: it ${ulidProblem(c.client_id)}`,
          hint: "Static MAS clients are identified by ULIDs; generate one and use it in policy.data.admin_clients too.",
        });
      }
    });
  }
  return out;
}

const TOKEN_SPLIT = "1.19.0";

/**
 * Deprecated keys that MAS still reads (warnings), judged by the MAS version the chart ships when known:
 * before 1.19 `account.registration_token_required` is the only token switch, and the newer per-flow
 * switches do not exist, so MAS ignores them and sign-up is not gated at all (error).
 */
export function deprecationIssues(cfg: Record<string, unknown>, shipped?: ShippedVersions, chart?: string): MasIssue[] {
  const out: MasIssue[] = [];
  const beforeSplit = shipped?.mas !== undefined && !shipped.atLeast && compareVersions(shipped.mas, TOKEN_SPLIT) < 0;
  if (beforeSplit) {
    const newer: PathSeg[][] = [];
    if (isRecord(cfg.account) && cfg.account.password_registration_token_required !== undefined)
      newer.push(["account", "password_registration_token_required"]);
    const ps = getPath(cfg, ["upstream_oauth2", "providers"]);
    if (Array.isArray(ps))
      ps.forEach(
        (p, i) =>
          isRecord(p) &&
          p.registration_token_required !== undefined &&
          newer.push(["upstream_oauth2", "providers", i, "registration_token_required"]),
      );
    for (const path of newer) {
      out.push({
        ruleId: "mas/key-needs-newer-mas",
        severity: "error",
        path,
        message: `${formatPath(path)} exists since MAS ${TOKEN_SPLIT}, but ESS ${chart} ships MAS ${shipped.mas}, which ignores it: sign-up is not gated by registration tokens`,
        hint: "On this MAS use account.registration_token_required: true, or upgrade the chart.",
      });
    }
  }
  if (isRecord(cfg.account) && cfg.account.registration_token_required !== undefined && !beforeSplit) {
    out.push({
      ruleId: "mas/deprecated-registration-token-required",
      severity: "warning",
      path: ["account", "registration_token_required"],
      message:
        "account.registration_token_required is deprecated since MAS 1.19 and now also forces tokens for upstream (SSO) sign-ups",
      hint: "Use account.password_registration_token_required for password sign-up and upstream_oauth2.providers[].registration_token_required per provider.",
    });
  }
  const providers = getPath(cfg, ["upstream_oauth2", "providers"]);
  if (Array.isArray(providers)) {
    providers.forEach((p, i) => {
      if (isRecord(p) && p.forward_login_hint !== undefined) {
        out.push({
          ruleId: "mas/deprecated-key",
          severity: "warning",
          path: ["upstream_oauth2", "providers", i, "forward_login_hint"],
          message: "forward_login_hint is deprecated",
          hint: 'Add `login_hint: "{{ params.login_hint }}"` to additional_authorization_parameters instead.',
        });
      }
    });
  }
  return out;
}

const SECRET_METHODS = ["client_secret_basic", "client_secret_post", "client_secret_jwt"];
const JWT_METHODS = ["client_secret_jwt", "private_key_jwt"];

/** What MAS checks on upstream providers beyond the schema (crates/config/src/sections/upstream_oauth2.rs). */
export function providerIssues(cfg: Record<string, unknown>): MasIssue[] {
  const out: MasIssue[] = [];
  const providers = getPath(cfg, ["upstream_oauth2", "providers"]);
  if (!Array.isArray(providers)) return out;
  const seen = new Map<string, number>();
  providers.forEach((p, i) => {
    if (!isRecord(p)) return;
    const base: PathSeg[] = ["upstream_oauth2", "providers", i];
    const method = p.token_endpoint_auth_method;
    const hasSecret = p.client_secret != null || p.client_secret_file != null;
    const err = (path: PathSeg[], message: string, hint?: string, ruleId = "mas/provider-client-auth") =>
      out.push({ ruleId, severity: "error", path, message, ...(hint ? { hint } : {}) });
    if (typeof p.id === "string") {
      const prev = seen.get(p.id);
      if (prev !== undefined)
        err(
          [...base, "id"],
          `provider id ${p.id} is also used by providers[${prev}]`,
          "Each provider needs its own ULID.",
          "mas/duplicate-provider-id",
        );
      else seen.set(p.id, i);
    }
    if (p.issuer == null && p.discovery_mode !== "disabled") {
      err(
        base,
        `${formatPath(base)} has no issuer, which MAS requires unless discovery_mode is disabled`,
        "Set issuer to the provider's issuer URL exactly as its discovery document states it (Authentik: https://<host>/application/o/<slug>/).",
        "mas/provider-issuer-missing",
      );
    }
    if (typeof p.issuer === "string" && /^http:\/\//i.test(p.issuer) && (p.discovery_mode ?? "oidc") === "oidc") {
      out.push({
        ruleId: "mas/provider-issuer-insecure",
        severity: "warning",
        path: [...base, "issuer"],
        message: `issuer ${p.issuer} is plain http, which strict OIDC discovery (discovery_mode: oidc, the default) rejects`,
        hint: "Use the provider's https issuer; discovery_mode: insecure is meant for local testing only.",
      });
    }
    if (typeof method === "string") {
      if (SECRET_METHODS.includes(method) && !hasSecret) {
        err(
          [...base, "token_endpoint_auth_method"],
          `token_endpoint_auth_method ${method} needs client_secret or client_secret_file`,
          "Keep the secret in a SOPS-encrypted Secret (configSecret) or point client_secret_file at a mounted file.",
        );
      }
      if (!SECRET_METHODS.includes(method) && hasSecret) {
        err(
          [...base, p.client_secret != null ? "client_secret" : "client_secret_file"],
          `a client secret is not allowed with token_endpoint_auth_method ${method}`,
        );
      }
      if (JWT_METHODS.includes(method) && p.token_endpoint_auth_signing_alg == null) {
        err(
          [...base, "token_endpoint_auth_method"],
          `token_endpoint_auth_method ${method} needs token_endpoint_auth_signing_alg`,
        );
      }
      if (!JWT_METHODS.includes(method) && p.token_endpoint_auth_signing_alg != null) {
        err(
          [...base, "token_endpoint_auth_signing_alg"],
          `token_endpoint_auth_signing_alg is only allowed with client_secret_jwt or private_key_jwt`,
        );
      }
      if (method === "sign_in_with_apple" && p.sign_in_with_apple == null) {
        err(
          [...base, "token_endpoint_auth_method"],
          "token_endpoint_auth_method sign_in_with_apple needs the sign_in_with_apple section",
        );
      }
    }
    const ci = p.claims_imports;
    if (isRecord(ci) && ci.skip_confirmation === true && getPath(ci, ["localpart", "action"]) !== "require") {
      err(
        [...base, "claims_imports", "skip_confirmation"],
        "claims_imports.skip_confirmation needs claims_imports.localpart.action: require",
        "Without a required localpart MAS cannot create the account without asking the user.",
        "mas/claims-skip-confirmation",
      );
    }
  });
  return out;
}

/** Every `policy.data.admin_clients` id must be a static client in `clients[]`. */
export function adminClientIssues(cfg: Record<string, unknown>): MasIssue[] {
  const admins = getPath(cfg, ["policy", "data", "admin_clients"]);
  if (!Array.isArray(admins)) return [];
  const clients = new Set(
    (Array.isArray(cfg.clients) ? cfg.clients : [])
      .filter(isRecord)
      .map((c) => c.client_id)
      .filter((id) => typeof id === "string"),
  );
  const out: MasIssue[] = [];
  admins.forEach((id, i) => {
    if (typeof id !== "string" || !clients.has(id)) {
      out.push({
        ruleId: "mas/admin-client-unknown",
        severity: "error",
        path: ["policy", "data", "admin_clients", i],
        message: `admin client ${JSON.stringify(id)} is not defined in clients[]`,
        hint: "Add a clients[] entry with this client_id (a ULID), client_auth_method and a secret, or remove it from admin_clients; otherwise no client can get the urn:mas:admin scope.",
      });
    }
  });
  return out;
}

/**
 * Open self-service registration: password sign-up on, no registration token, no email verification,
 * on a homeserver that federates. Anyone can create accounts that spam other servers.
 */
export function registrationIssues(cfg: Record<string, unknown>, federating: boolean): MasIssue[] {
  const account = isRecord(cfg.account) ? cfg.account : {};
  const passwordsOn = !(isRecord(cfg.passwords) && cfg.passwords.enabled === false);
  if (account.password_registration_enabled !== true || !passwordsOn) return [];
  const token = account.password_registration_token_required === true || account.registration_token_required === true;
  if (token) return [];
  const emailRequired = account.password_registration_email_required !== false;
  const captcha = isRecord(cfg.captcha) && typeof cfg.captcha.service === "string";
  if (!emailRequired && federating) {
    return [
      {
        ruleId: "mas/open-registration",
        severity: "error",
        path: ["account", "password_registration_enabled"],
        message:
          "password registration is open to anyone: no registration token and no email verification, on a federating server",
        hint: "Set account.password_registration_token_required: true (invite tokens) or keep password_registration_email_required: true, or disable password registration.",
      },
    ];
  }
  if (!captcha && federating) {
    return [
      {
        ruleId: "mas/open-registration",
        severity: "warning",
        path: ["account", "password_registration_enabled"],
        message: "password registration is open to anyone with an email address (no registration token, no CAPTCHA)",
        hint: "Require registration tokens (account.password_registration_token_required) or configure captcha.",
      },
    ];
  }
  return [];
}

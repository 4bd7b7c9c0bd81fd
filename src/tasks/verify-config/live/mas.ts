import { isObject, joinUrl, parseJson, randomToken, type ProbeContext } from "./context.js";
import { PROBE } from "./rules.js";
import type { ClientWellKnown } from "./well-known.js";

/** MAS as the clients discover it. */
export interface MasDiscovery {
  issuer: string;
  /** Host of MAS's public base (from its OpenID configuration's authorization endpoint, else the issuer). */
  host: string;
}

const UNSTABLE_AUTH = "org.matrix.msc2965.authentication";

/**
 * Find MAS the way clients do (`/_matrix/client/v1/auth_metadata`, else the unstable well-known key) and check
 * that every advertised issuer equals MAS's own `/.well-known/openid-configuration` issuer byte for byte.
 * `expected` says whether the repo deploys MAS (then missing discovery is an error, else it is skipped).
 */
export async function probeMasDiscovery(
  ctx: ProbeContext,
  wk: ClientWellKnown,
  expected: boolean,
): Promise<MasDiscovery | undefined> {
  const issuers: Array<{ from: string; issuer: string }> = [];
  // A homeserver that did not answer /versions is already reported; asking it more would only repeat that.
  if (wk.baseUrl && wk.homeserverOk) {
    // Stable path first, then the MSC2965 unstable one older Synapse versions serve (clients try both).
    for (const path of [
      "/_matrix/client/v1/auth_metadata",
      "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata",
    ]) {
      // A homeserver without MAS answers 404 here; that is not a transport problem worth retrying.
      const res = await ctx.request(
        PROBE.masDiscovery,
        { url: joinUrl(wk.baseUrl, path), retries: 0 },
        "MAS discovery",
      );
      if (!res) break;
      const body = res.status === 200 ? parseJson(res.body) : undefined;
      if (isObject(body) && typeof body.issuer === "string") {
        issuers.push({ from: path, issuer: body.issuer });
        break;
      }
    }
  }
  const unstable = wk.doc[UNSTABLE_AUTH];
  if (isObject(unstable) && typeof unstable.issuer === "string")
    issuers.push({ from: `well-known ${UNSTABLE_AUTH}`, issuer: unstable.issuer });
  if (issuers.length === 0) {
    if (expected && wk.homeserverOk) {
      ctx.fail(
        PROBE.masDiscovery,
        "error",
        "the repo deploys MAS but clients cannot discover it (no /_matrix/client/v1/auth_metadata, no org.matrix.msc2965.authentication)",
        {
          url: wk.url,
          hint: "Synapse must delegate auth to MAS (ESS does so when matrixAuthenticationService.enabled); check that the homeserver's base_url reaches that Synapse.",
        },
      );
    }
    return undefined;
  }
  const first = issuers[0];
  for (const other of issuers.slice(1)) {
    if (other.issuer !== first.issuer) {
      ctx.fail(
        PROBE.masIssuerMismatch,
        "error",
        `MAS issuer differs between ${first.from} (${first.issuer}) and ${other.from} (${other.issuer})`,
        {
          url: wk.url,
          hint: "Clients compare issuers byte for byte (a trailing slash counts); publish exactly MAS's issuer.",
        },
      );
    }
  }
  const issuer = first.issuer;
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    ctx.fail(PROBE.masDiscovery, "error", `MAS issuer ${JSON.stringify(issuer)} from ${first.from} is not a URL`, {
      url: wk.url,
    });
    return undefined;
  }
  if (issuerUrl.protocol !== "https:") {
    ctx.fail(PROBE.masIssuerHttps, "error", `MAS issuer ${issuer} is not https`, {
      url: wk.url,
      hint: "Clients refuse non-https issuers; set MAS http.public_base (or http.issuer) to the https URL of the MAS Ingress.",
    });
  } else ctx.ok(PROBE.masIssuerHttps, `MAS issuer ${issuer} is https`);

  const confUrl = `${issuer.endsWith("/") ? issuer : `${issuer}/`}.well-known/openid-configuration`;
  const res = await ctx.request(PROBE.masDiscovery, { url: confUrl }, "MAS OpenID configuration");
  if (!res) return { issuer, host: issuerUrl.host };
  const conf = res.status === 200 ? parseJson(res.body) : undefined;
  if (!isObject(conf) || typeof conf.issuer !== "string") {
    ctx.fail(PROBE.masDiscovery, "error", `MAS OpenID configuration answered HTTP ${res.status} without an issuer`, {
      url: confUrl,
      hint: "The issuer advertised to clients must serve /.well-known/openid-configuration (MAS's discovery resource).",
    });
    return { issuer, host: issuerUrl.host };
  }
  if (conf.issuer !== issuer) {
    ctx.fail(
      PROBE.masIssuerMismatch,
      "error",
      `MAS says its issuer is ${JSON.stringify(conf.issuer)} but ${first.from} advertises ${JSON.stringify(issuer)}`,
      {
        url: confUrl,
        hint: "Clients compare the issuer byte for byte, trailing slash included; make Synapse's MAS endpoint and MAS http.public_base/http.issuer agree.",
        data: { advertised: issuer, actual: conf.issuer },
      },
    );
  } else ctx.ok(PROBE.masIssuerMismatch, `MAS issuer ${issuer} is consistent`, { url: confUrl });
  let host = issuerUrl.host;
  if (typeof conf.authorization_endpoint === "string") {
    try {
      host = new URL(conf.authorization_endpoint).host;
    } catch {
      // keep the issuer's host
    }
  }
  return { issuer, host };
}

/**
 * The `mas-cli doctor` checks that can run from outside: a random token on whoami must be refused with 401
 * (503: Synapse cannot reach MAS; < 400: the token was accepted), and the legacy login API must be MAS's.
 */
export async function probeMasDoctor(ctx: ProbeContext, baseUrl: string): Promise<void> {
  const whoami = joinUrl(baseUrl, "/_matrix/client/v3/account/whoami");
  const res = await ctx.request(
    PROBE.masWhoami,
    // The bearer is a random string no server knows, so it is no credential (and may go to any base URL).
    { url: whoami, headers: { authorization: `Bearer ${randomToken()}` }, retries: 0, credentials: false },
    "whoami",
  );
  if (res) {
    if (res.status === 401) ctx.ok(PROBE.masWhoami, "whoami refuses an unknown token with 401", { url: whoami });
    else if (res.status === 503) {
      ctx.fail(
        PROBE.masWhoami,
        "error",
        "whoami answered 503 for an unknown token: Synapse probably cannot reach MAS to introspect tokens",
        {
          url: whoami,
          hint: "Check Synapse's matrix_authentication_service.endpoint and the shared secret, and that MAS's internal listener is reachable from Synapse.",
        },
      );
    } else if (res.status < 400) {
      ctx.fail(PROBE.masWhoami, "error", `whoami accepted a random token (HTTP ${res.status})`, {
        url: whoami,
        hint: "Token introspection is broken or bypassed; check the MAS integration in Synapse before anything else.",
      });
    } else {
      ctx.fail(PROBE.masWhoami, "warning", `whoami answered HTTP ${res.status} for an unknown token, expected 401`, {
        url: whoami,
      });
    }
  }

  const loginUrl = joinUrl(baseUrl, "/_matrix/client/v3/login");
  const login = await ctx.request(PROBE.masLegacyLogin, { url: loginUrl }, "legacy login");
  if (!login) return;
  const hint =
    "Route /_matrix/client/*/login, /logout and /refresh to MAS (ESS does this on the Synapse host when MAS is enabled); otherwise older clients log in against Synapse.";
  if (login.status < 200 || login.status > 299) {
    ctx.fail(PROBE.masLegacyLogin, "error", `legacy login API answered HTTP ${login.status}`, { url: loginUrl, hint });
    return;
  }
  const body = parseJson(login.body);
  const flows = isObject(body) && Array.isArray(body.flows) ? body.flows : [];
  const served = flows.some(
    (f) =>
      isObject(f) &&
      f.type === "m.login.sso" &&
      (f.oauth_aware_preferred === true || f["org.matrix.msc3824.delegated_oidc_compatibility"] === true),
  );
  if (!served) {
    ctx.fail(
      PROBE.masLegacyLogin,
      "error",
      "legacy login API is not served by MAS (no m.login.sso flow with oauth_aware_preferred)",
      { url: loginUrl, hint },
    );
  } else ctx.ok(PROBE.masLegacyLogin, "legacy login API is served by MAS", { url: loginUrl });
}

import * as oidc from "openid-client";
import { isMxopsError } from "../../../core/errors.js";
import type { ProbeContext } from "./context.js";
import { PROBE } from "./rules.js";

/** Outcome of openid-client's discovery, with its errors already mapped (the only place that reads them). */
export type DiscoveryOutcome =
  | { ok: true; issuer: string }
  | { ok: false; rule: typeof PROBE.upstreamDiscovery | typeof PROBE.upstreamIssuerMismatch; reason: string };

function codeOf(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === "string" ? c : undefined;
}

/** Map an openid-client discovery error to a rule and a reason, by error code and cause type only. */
export function mapDiscoveryError(e: unknown): {
  rule: typeof PROBE.upstreamDiscovery | typeof PROBE.upstreamIssuerMismatch;
  reason: string;
} {
  const code = codeOf(e);
  const cause = (e as { cause?: unknown } | null)?.cause;
  switch (code) {
    case "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED":
      return { rule: PROBE.upstreamIssuerMismatch, reason: "the discovery document names a different issuer" };
    case "OAUTH_RESPONSE_IS_NOT_CONFORM": {
      const status = cause instanceof Response ? ` (HTTP ${cause.status})` : "";
      return { rule: PROBE.upstreamDiscovery, reason: `the discovery endpoint did not answer 200${status}` };
    }
    case "OAUTH_RESPONSE_IS_NOT_JSON":
    case "OAUTH_PARSE_ERROR":
      return { rule: PROBE.upstreamDiscovery, reason: "the discovery document is not JSON" };
    case "OAUTH_INVALID_RESPONSE":
      return { rule: PROBE.upstreamDiscovery, reason: "the discovery document is invalid (no issuer string)" };
    case "OAUTH_HTTP_REQUEST_FORBIDDEN":
    case "OAUTH_REQUEST_PROTOCOL_FORBIDDEN":
      return { rule: PROBE.upstreamDiscovery, reason: "the issuer is not an https URL" };
    case "OAUTH_TIMEOUT":
    case "OAUTH_ABORT":
      return { rule: PROBE.upstreamDiscovery, reason: "discovery timed out" };
    default:
      if (isMxopsError(cause)) return { rule: PROBE.upstreamDiscovery, reason: `unreachable (${cause.message})` };
      if (e instanceof TypeError) return { rule: PROBE.upstreamDiscovery, reason: "the issuer is not a valid URL" };
      return { rule: PROBE.upstreamDiscovery, reason: `discovery failed${code ? ` (${code})` : ""}` };
  }
}

/** Run openid-client discovery for `issuer` through the probe's HTTP client (CA, --resolve, timeouts). */
export async function discoverIssuer(ctx: ProbeContext, issuer: string, clientId: string): Promise<DiscoveryOutcome> {
  let server: URL;
  try {
    server = new URL(issuer);
  } catch {
    return { ok: false, rule: PROBE.upstreamDiscovery, reason: "the issuer is not a valid URL" };
  }
  try {
    const config = await oidc.discovery(server, clientId, undefined, undefined, {
      [oidc.customFetch]: ctx.http.fetch,
      timeout: Math.max(1, Math.ceil(ctx.timeoutMs / 1000)),
    });
    return { ok: true, issuer: config.serverMetadata().issuer };
  } catch (e) {
    return { ok: false, ...mapDiscoveryError(e) };
  }
}

/**
 * Discover each upstream provider's issuer and require the document's issuer to equal the configured one
 * byte for byte (openid-client normalises the URL first, MAS does not). Returns the providers that passed.
 */
export async function probeUpstreams(
  ctx: ProbeContext,
  providers: ReadonlyArray<{ id: string; issuer?: string; clientId?: string }>,
): Promise<Array<{ id: string; issuer: string; clientId?: string }>> {
  const passed: Array<{ id: string; issuer: string; clientId?: string }> = [];
  for (const p of providers) {
    if (!p.issuer) continue;
    // A Flux substitution or template is only known in the cluster; probing the literal would be a false alarm.
    if (/\$\{|\{\{/.test(p.issuer)) {
      ctx.ok(
        PROBE.upstreamDiscovery,
        `upstream provider ${p.id}: issuer ${p.issuer} is substituted at deploy time; not probed`,
      );
      continue;
    }
    const url = `${p.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
    const out = await discoverIssuer(ctx, p.issuer, p.clientId ?? "mxops-probe");
    const hint =
      "MAS compares the discovered issuer with upstream_oauth2.providers[].issuer byte for byte (a trailing slash counts). " +
      "Authentik's issuer is https://<host>/application/o/<app slug>/ with the trailing slash.";
    if (!out.ok) {
      ctx.fail(out.rule, "error", `upstream provider ${p.id}: OIDC discovery of ${p.issuer} failed: ${out.reason}`, {
        url,
        hint,
        data: { provider: p.id },
      });
      continue;
    }
    if (out.issuer !== p.issuer) {
      ctx.fail(
        PROBE.upstreamIssuerMismatch,
        "error",
        `upstream provider ${p.id}: configured issuer ${JSON.stringify(p.issuer)} but the provider says ${JSON.stringify(out.issuer)}`,
        {
          url,
          hint,
          data: { provider: p.id, configured: p.issuer, actual: out.issuer },
        },
      );
      continue;
    }
    ctx.ok(PROBE.upstreamDiscovery, `upstream provider ${p.id}: ${p.issuer} discovered`, { url });
    passed.push({ ...p, issuer: p.issuer });
  }
  return passed;
}

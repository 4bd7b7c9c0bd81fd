import * as oidc from "openid-client";
import { MxopsError, describeError, isMxopsError } from "../../../core/errors.js";
import { isLoopbackHost, redactUrl, type HttpClient } from "../../../core/http.js";
import type { Redactor } from "../../../core/redact.js";

/** Cap on a discovery document or token response. */
const OIDC_MAX_BYTES = 1024 * 1024;

/** The scope MAS requires for its Admin API. */
export const MAS_ADMIN_SCOPE = "urn:mas:admin";

/** Settings of MasTokenSource; `clientSecret` must already be registered with the redactor. */
export interface TokenSourceOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  clientAuthMethod: "client_secret_basic" | "client_secret_post";
  http: HttpClient;
  redactor: Redactor;
  now: () => Date;
  /** Refresh this long before the token expires (default 30 s, or 10 % of a shorter lifetime). */
  skewMs?: number;
}

/**
 * Our own error (a refused plain-http request, a deadline, a body cap) thrown from inside openid-client, which wraps
 * what customFetch throws in its own error ("something went wrong") with ours as the cause.
 */
function ownError(e: unknown): MxopsError | undefined {
  for (let c = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) if (isMxopsError(c)) return c;
  return undefined;
}

/**
 * Admin access tokens for MAS via OIDC discovery and the client_credentials grant (scope urn:mas:admin), using
 * openid-client with our HTTP client (CA, timeouts). Tokens are cached until shortly before expiry and registered
 * with the redactor. Plain http issuers are allowed only on loopback hosts. openid-client's errors are mapped here,
 * once: MXOPS_AUTH for refused credentials/scope, MXOPS_HTTP for discovery or transport problems.
 */
export class MasTokenSource {
  private config?: oidc.Configuration;
  private cached?: { token: string; refreshAt: number };
  /** A grant in flight: concurrent rows wait for it instead of each asking for a token. */
  private inflight?: Promise<string>;
  /** Number of token requests made (tests assert caching and refresh). */
  grants = 0;

  constructor(private readonly o: TokenSourceOptions) {}

  /** Run discovery (cached) and return the token endpoint; throws MXOPS_HTTP. */
  async tokenEndpoint(): Promise<string> {
    const c = await this.discover();
    return String(c.serverMetadata().token_endpoint ?? "");
  }

  private async discover(): Promise<oidc.Configuration> {
    if (this.config) return this.config;
    const issuer = new URL(this.o.issuer);
    const auth =
      this.o.clientAuthMethod === "client_secret_post"
        ? oidc.ClientSecretPost(this.o.clientSecret)
        : oidc.ClientSecretBasic(this.o.clientSecret);
    const execute = issuer.protocol === "http:" && isLoopbackHost(issuer.hostname) ? [oidc.allowInsecureRequests] : [];
    try {
      this.config = await oidc.discovery(issuer, this.o.clientId, undefined, auth, {
        // Discovery and the client_credentials POST are both safe to repeat (a repeat only mints another token).
        // Every request, the token endpoint learned from discovery included, passes the client's https rule.
        [oidc.customFetch]: this.o.http.fetcher({
          retry: "safe",
          maxBytes: OIDC_MAX_BYTES,
        }) as unknown as oidc.CustomFetch,
        execute,
      });
    } catch (e) {
      const ours = ownError(e);
      throw new MxopsError(
        ours?.code ?? "MXOPS_HTTP",
        `MAS discovery at ${redactUrl(new URL(".well-known/openid-configuration", issuer.href.endsWith("/") ? issuer : `${issuer.href}/`).href)} failed (${this.o.redactor.redact(ours ? ours.message : describeError(e))})`,
        { cause: e },
      );
    }
    return this.config;
  }

  /** Drop the cached token (after the Admin API rejected it). */
  invalidate(): void {
    this.cached = undefined;
  }

  /** A valid admin access token. Throws MXOPS_AUTH / MXOPS_HTTP. */
  async token(): Promise<string> {
    const now = this.o.now().getTime();
    if (this.cached && now < this.cached.refreshAt) return this.cached.token;
    this.inflight ??= this.grant(now).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async grant(now: number): Promise<string> {
    const config = await this.discover();
    let res: oidc.TokenEndpointResponse;
    try {
      this.grants += 1;
      res = await oidc.clientCredentialsGrant(config, { scope: MAS_ADMIN_SCOPE });
    } catch (e) {
      throw this.mapGrantError(e);
    }
    this.o.redactor.add(res.access_token);
    const ttlMs = (res.expires_in ?? 300) * 1000;
    const skew = this.o.skewMs ?? Math.min(30_000, ttlMs / 10);
    this.cached = { token: res.access_token, refreshAt: now + ttlMs - skew };
    return res.access_token;
  }

  private clientRejected(status: number, cause: unknown): MxopsError {
    return new MxopsError(
      "MXOPS_AUTH",
      `MAS rejected client ${this.o.clientId} (invalid_client, HTTP ${status}): check the client secret and that client_auth_method matches the client's config; the client must also be in policy.data.admin_clients`,
      { cause },
    );
  }

  private mapGrantError(e: unknown): MxopsError {
    const client = this.o.clientId;
    if (e instanceof oidc.ResponseBodyError) {
      const code = e.error;
      if (code === "invalid_client") return this.clientRejected(e.status, e);
      return new MxopsError(
        "MXOPS_AUTH",
        `MAS refused an admin token for client ${client} (${code}, HTTP ${e.status}): client not in policy.data.admin_clients or scope ${MAS_ADMIN_SCOPE} not granted`,
        { cause: e },
      );
    }
    if (e instanceof oidc.WWWAuthenticateChallengeError) return this.clientRejected(e.status, e);
    const ours = ownError(e);
    return new MxopsError(
      ours?.code ?? "MXOPS_HTTP",
      `MAS token request failed (${this.o.redactor.redact(ours ? ours.message : describeError(e))})`,
      { cause: e },
    );
  }
}

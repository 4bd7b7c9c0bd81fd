import { type HttpClient } from "../../../core/http.js";
import type { Redactor } from "../../../core/redact.js";
/** The scope MAS requires for its Admin API. */
export declare const MAS_ADMIN_SCOPE = "urn:mas:admin";
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
 * Admin access tokens for MAS via OIDC discovery and the client_credentials grant (scope urn:mas:admin), using
 * openid-client with our HTTP client (CA, timeouts). Tokens are cached until shortly before expiry and registered
 * with the redactor. Plain http issuers are allowed only on loopback hosts. openid-client's errors are mapped here,
 * once: MXOPS_AUTH for refused credentials/scope, MXOPS_HTTP for discovery or transport problems.
 */
export declare class MasTokenSource {
    private readonly o;
    private config?;
    private cached?;
    /** A grant in flight: concurrent rows wait for it instead of each asking for a token. */
    private inflight?;
    /** Number of token requests made (tests assert caching and refresh). */
    grants: number;
    constructor(o: TokenSourceOptions);
    /** Run discovery (cached) and return the token endpoint; throws MXOPS_HTTP. */
    tokenEndpoint(): Promise<string>;
    private discover;
    /** Drop the cached token (after the Admin API rejected it). */
    invalidate(): void;
    /** A valid admin access token. Throws MXOPS_AUTH / MXOPS_HTTP. */
    token(): Promise<string>;
    private grant;
    private clientRejected;
    private mapGrantError;
}

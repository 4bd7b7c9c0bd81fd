import { type ProbeContext } from "./context.js";
/** An upstream provider whose issuer is an Authentik application (`/application/o/<slug>/`). */
export interface AuthentikTarget {
    providerId: string;
    issuer: string;
    clientId?: string;
}
/** True when the issuer has Authentik's `/application/o/<slug>/` shape; only those ever see the token. */
export declare function isAuthentikIssuer(issuer: string): boolean;
/** One redirect URI rule as Authentik stores it, whatever the API version. */
export interface RedirectRule {
    mode: "strict" | "regex";
    url: string;
}
/**
 * Normalise `redirect_uris`: an array of `{matching_mode, url, redirect_uri_type?}` (2024.10+; logout entries
 * dropped) or the legacy newline-separated string, whose lines Authentik matched as regular expressions.
 */
export declare function redirectRules(value: unknown): RedirectRule[];
/** Authentik's matching: strict is string equality, regex is Python `re.fullmatch` (legacy `*` allows all). */
export declare function redirectAllowed(rules: readonly RedirectRule[], uri: string): boolean;
/**
 * With AUTHENTIK_TOKEN: check that each Authentik provider lists MAS's callback
 * `https://<masHost>/upstream/callback/<provider id>` and that an enrollment flow with an invitation stage binds
 * the stages invitation-based sign-up needs, in a working order. Only issuers of Authentik's shape get the token.
 */
export declare function probeAuthentik(ctx: ProbeContext, targets: readonly AuthentikTarget[], token: string, masHost: string | undefined): Promise<void>;

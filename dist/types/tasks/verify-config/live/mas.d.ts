import { type ProbeContext } from "./context.js";
import type { ClientWellKnown } from "./well-known.js";
/** MAS as the clients discover it. */
export interface MasDiscovery {
    issuer: string;
    /** Host of MAS's public base (from its OpenID configuration's authorization endpoint, else the issuer). */
    host: string;
}
/**
 * Find MAS the way clients do (`/_matrix/client/v1/auth_metadata`, else the unstable well-known key) and check
 * that every advertised issuer equals MAS's own `/.well-known/openid-configuration` issuer byte for byte.
 * `expected` says whether the repo deploys MAS (then missing discovery is an error, else it is skipped).
 */
export declare function probeMasDiscovery(ctx: ProbeContext, wk: ClientWellKnown, expected: boolean): Promise<MasDiscovery | undefined>;
/**
 * The `mas-cli doctor` checks that can run from outside: a random token on whoami must be refused with 401
 * (503: Synapse cannot reach MAS; < 400: the token was accepted), and the legacy login API must be MAS's.
 */
export declare function probeMasDoctor(ctx: ProbeContext, baseUrl: string): Promise<void>;

import type { ProbeContext } from "./context.js";
import { PROBE } from "./rules.js";
/** Outcome of openid-client's discovery, with its errors already mapped (the only place that reads them). */
export type DiscoveryOutcome = {
    ok: true;
    issuer: string;
} | {
    ok: false;
    rule: typeof PROBE.upstreamDiscovery | typeof PROBE.upstreamIssuerMismatch;
    reason: string;
};
/** Map an openid-client discovery error to a rule and a reason, by error code and cause type only. */
export declare function mapDiscoveryError(e: unknown): {
    rule: typeof PROBE.upstreamDiscovery | typeof PROBE.upstreamIssuerMismatch;
    reason: string;
};
/** Run openid-client discovery for `issuer` through the probe's HTTP client (CA, --resolve, timeouts). */
export declare function discoverIssuer(ctx: ProbeContext, issuer: string, clientId: string): Promise<DiscoveryOutcome>;
/**
 * Discover each upstream provider's issuer and require the document's issuer to equal the configured one
 * byte for byte (openid-client normalises the URL first, MAS does not). Returns the providers that passed.
 */
export declare function probeUpstreams(ctx: ProbeContext, providers: ReadonlyArray<{
    id: string;
    issuer?: string;
    clientId?: string;
}>): Promise<Array<{
    id: string;
    issuer: string;
    clientId?: string;
}>>;

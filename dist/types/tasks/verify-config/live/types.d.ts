/** Options of `verify-config --live`. Secrets (AUTHENTIK_TOKEN) come from env at the edge. */
export interface LiveOptions {
    serverName?: string;
    /** host:port → address, like curl --resolve (the address may carry a port: `127.0.0.1:8443`). */
    resolve: Record<string, string>;
    /** PEM of an extra CA to trust (from --ca-file). TLS verification is never off. */
    ca?: string;
    timeoutMs: number;
    authentikToken?: string;
    verbose: boolean;
    /** Retries per request on 429/5xx/connection errors (default 1); tests pass 0. */
    retries?: number;
}
/** What the offline pass learned from the repo's values, used when options do not say. */
export interface LiveHints {
    serverName?: string;
    hosts: {
        synapse?: string;
        mas?: string;
        matrixRTC?: string;
        elementWeb?: string;
        elementAdmin?: string;
    };
    rtcEnabled?: boolean;
    /** MAS upstream OIDC providers (e.g. Authentik). */
    upstreamProviders: Array<{
        id: string;
        issuer?: string;
        clientId?: string;
    }>;
}

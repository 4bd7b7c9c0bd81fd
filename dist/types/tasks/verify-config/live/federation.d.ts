import { type ProbeContext } from "./context.js";
/** `https://host:port` for a valid `m.server` value (`host`, `host:port`, `[v6]`, `[v6]:port`). */
export declare function federationBase(mServer: string): string;
/**
 * Probe the federation API where `m.server` delegates to: `/_matrix/federation/v1/version` must answer with the
 * server's name and version, and `/_matrix/key/v2/server` must publish signing keys for `serverName` that are
 * still valid. Unreachable or refusing endpoints are warnings (a private server may not federate); keys
 * published for another server name, or already expired, are errors (every federated event would be rejected).
 */
export declare function probeFederation(ctx: ProbeContext, serverName: string, mServer: string, now?: () => number): Promise<void>;

import type { Deps } from "../../../core/deps.js";
import type { Finding } from "../../../core/finding.js";
import type { EdgeInput, OptionSpec } from "../../types.js";

/** Options of `verify-config --live`. Secrets (AUTHENTIK_TOKEN) come from env at the edge. */
export interface LiveOptions {
  serverName?: string;
  /** host:port → address, like curl --resolve. */
  resolve: Record<string, string>;
  /** PEM of an extra CA to trust (from --ca-file). TLS verification is never off. */
  ca?: string;
  timeoutMs: number;
  authentikToken?: string;
  verbose: boolean;
}

/** What the offline pass learned from the repo's values, used when options do not say. */
export interface LiveHints {
  serverName?: string;
  hosts: { synapse?: string; mas?: string; matrixRTC?: string; elementWeb?: string; elementAdmin?: string };
  rtcEnabled?: boolean;
  /** MAS upstream OIDC providers (e.g. Authentik). */
  upstreamProviders: Array<{ id: string; issuer?: string; clientId?: string }>;
}

/** Extra CLI options of verify-config for the live probes (merged into the task's options). */
export const LIVE_OPTIONS: Record<string, OptionSpec> = {};

/** Parse live options; undefined when --live was not given. Throws MXOPS_USAGE/MXOPS_INPUT. */
export async function liveOptionsFrom(_input: EdgeInput): Promise<LiveOptions | undefined> {
  return undefined;
}

/** Run every live probe; one finding per failed check (info findings for healthy checks only when verbose). */
export async function runLiveProbes(_options: LiveOptions, _hints: LiveHints, _deps: Deps): Promise<Finding[]> {
  return [];
}

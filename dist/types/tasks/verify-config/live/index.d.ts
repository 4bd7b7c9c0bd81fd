import type { Deps } from "../../../core/deps.js";
import type { Finding } from "../../../core/finding.js";
import type { Redactor } from "../../../core/redact.js";
import type { EdgeInput, OptionSpec } from "../../types.js";
import type { LiveHints, LiveOptions } from "./types.js";
export type { LiveHints, LiveOptions } from "./types.js";
export { PROBE } from "./rules.js";
export { LIVE_ACTION_INPUT_MAPPINGS, DEFAULT_TIMEOUT_MS } from "./options.js";
/** Extra CLI options of verify-config for the live probes (merged into the task's options). */
export declare const LIVE_OPTIONS: Record<string, OptionSpec>;
/**
 * Parse live options; undefined when --live was not given. Throws MXOPS_USAGE (bad option) / MXOPS_INPUT
 * (unreadable --ca-file). AUTHENTIK_TOKEN is read from `input.env` and registered with `redactor` when given.
 */
export declare function liveOptionsFrom(input: EdgeInput, redactor?: Redactor): Promise<LiveOptions | undefined>;
/** Test seams of the probes. */
export interface LiveProbeExtras {
    /** Backoff sleep between retries (tests inject one that does not wait). */
    sleep?: (ms: number) => Promise<void>;
}
/**
 * Run every live probe; one finding per failed check (info findings for healthy checks only when verbose).
 * A probe that fails (unreachable host, timeout, bad answer) is a finding and never stops the others.
 * Throws MXOPS_CONFIG only when no server name is known (neither --server-name nor the repo's values).
 * Never disables TLS verification; the token is registered with `deps.redactor` before any request.
 */
export declare function runLiveProbes(options: LiveOptions, hints: LiveHints, deps: Deps, extra?: LiveProbeExtras): Promise<Finding[]>;

import type { Redactor } from "../../../core/redact.js";
import type { ActionInputMapping, EdgeInput, OptionSpec } from "../../types.js";
import type { LiveOptions } from "./types.js";
/** Default deadline of one probe request (connect to last byte). */
export declare const DEFAULT_TIMEOUT_MS = 10000;
/** CLI options of the live probes; verify-config merges them into its own. */
export declare const LIVE_OPTION_SPECS: Record<string, OptionSpec>;
/** Action inputs of the live probes (AUTHENTIK_TOKEN travels as a masked env var, never as a flag). */
export declare const LIVE_ACTION_INPUT_MAPPINGS: ActionInputMapping[];
/**
 * Parse one `--resolve HOST:PORT:ADDR` entry (IPv6 in brackets, ADDR optionally with a port).
 * Throws MXOPS_USAGE when malformed.
 */
export declare function parseResolveEntry(entry: string): [key: string, address: string];
/** A Matrix server name: a DNS name or IP literal with an optional port. Throws MXOPS_USAGE otherwise. */
export declare function checkServerName(name: string): string;
/**
 * Read the live-probe options from argv values and env. Undefined when `--live` was not given.
 * AUTHENTIK_TOKEN is registered with the redactor (when given) before anything else can print it.
 * Throws MXOPS_USAGE for malformed options and MXOPS_INPUT for an unreadable or non-PEM --ca-file.
 */
export declare function parseLiveOptions(input: EdgeInput, redactor?: Redactor): Promise<LiveOptions | undefined>;

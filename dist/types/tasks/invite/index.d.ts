import type { Deps } from "../../core/deps.js";
import type { Report } from "../../core/finding.js";
import type { InviteOptions } from "./options.js";
export type { InviteOptions, InviteCommand, ListStatus } from "./options.js";
export type { InviteConfig, InviteSecrets } from "./config.js";
export type { InviteRuntime } from "./context.js";
export type { RowResult } from "./engine.js";
/**
 * Run one `invite` subcommand. Secrets in `options.secrets` are registered with `deps.redactor` first.
 * Row-level failures are findings (severity error); failures of mxops itself (config, auth, locked audit log)
 * throw MxopsError. Never prints, never exits.
 */
export declare function runInvite(options: InviteOptions, deps: Deps): Promise<Report>;

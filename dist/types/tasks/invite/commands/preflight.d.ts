import type { Deps } from "../../../core/deps.js";
import type { Report } from "../../../core/finding.js";
import type { InviteContext } from "../context.js";
import type { InviteOptions } from "../options.js";
/**
 * `preflight`: can I invite right now? Backend (MAS: discovery, admin token, Admin API, token requirement;
 * Authentik: token, flow wiring), SMTP `verify()`, and the GitOps repo's MAS config when configured. Nothing is
 * created. One result per check; each failing check is an error finding, so the run exits 1.
 */
export declare function runPreflight(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report>;

import type { Deps } from "../../../core/deps.js";
import type { Report } from "../../../core/finding.js";
import type { InviteContext } from "../context.js";
import type { InviteOptions } from "../options.js";
/**
 * `revoke`, `unrevoke`, `extend` for one invite given by email or backend id, recorded in the audit trail.
 * Throws MXOPS_INPUT for an unknown email, MXOPS_USAGE for operations the backend cannot do.
 */
export declare function runManage(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report>;

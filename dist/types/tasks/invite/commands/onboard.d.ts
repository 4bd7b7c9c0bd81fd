import type { Deps } from "../../../core/deps.js";
import type { Report } from "../../../core/finding.js";
import type { InviteContext } from "../context.js";
import type { InviteOptions } from "../options.js";
/**
 * `onboard @user:server`: join the user to the configured rooms/spaces via the Synapse Admin API
 * (`POST /_synapse/admin/v1/join/<room>`, admin token from MXOPS_SYNAPSE_ADMIN_TOKEN). Idempotent: rooms recorded as
 * joined in the audit trail are skipped, and Synapse answers a repeated join with 200 anyway. Each join is recorded.
 */
export declare function runOnboard(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report>;

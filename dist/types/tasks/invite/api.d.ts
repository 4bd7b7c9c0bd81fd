import { type Deps } from "../../core/deps.js";
import type { Report } from "../../core/finding.js";
import { type InviteConfig, type InviteSecrets } from "./config.js";
import type { InviteOptions } from "./options.js";
import type { Recipient } from "./types.js";
/** What every library `invite*` call needs: settings, secrets, and optional knobs (defaults as on the CLI). */
export type InviteBase = Pick<InviteOptions, "config" | "secrets"> & Partial<Pick<InviteOptions, "backend" | "expires" | "uses" | "lang" | "resend" | "dryRun" | "concurrency" | "runtime">>;
/**
 * Load `invite:` settings from `mxops.yaml` (or `file`) and the secrets from `env` (each also as `<NAME>_FILE`),
 * registering the secrets with `redactor` when given. Throws MxopsError MXOPS_INPUT/MXOPS_CONFIG.
 */
export declare function loadInviteConfig(o?: {
    cwd?: string;
    file?: string;
    env?: Readonly<Record<string, string | undefined>>;
    deps?: Deps;
}): Promise<{
    config: InviteConfig;
    secrets: InviteSecrets;
}>;
/** Invite one person (idempotent: a live invite means nothing to do unless `resend`). */
export declare function inviteSend(base: InviteBase, recipient: Recipient, deps?: Deps): Promise<Report>;
/** Invite every row of a CSV/YAML list; failed rows are error findings. */
export declare function inviteBatch(base: InviteBase, listFile: string, deps?: Deps): Promise<Report>;
/** Recipients and their invite state from the audit log (offline). */
export declare function inviteList(base: InviteBase, statusFilter?: InviteOptions["statusFilter"], deps?: Deps): Promise<Report>;
/** Reconcile the audit log with the backend (used / expired / revoked). */
export declare function inviteStatus(base: InviteBase, deps?: Deps): Promise<Report>;
/** Revoke the invite of an email (its newest) or a backend id. */
export declare function inviteRevoke(base: InviteBase, target: string, deps?: Deps): Promise<Report>;
/** Restore a revoked MAS registration token. */
export declare function inviteUnrevoke(base: InviteBase, target: string, deps?: Deps): Promise<Report>;
/** Move a MAS registration token's expiry (`expires`: duration like 14d or an ISO date) and optionally its usage limit. */
export declare function inviteExtend(base: InviteBase, target: string, expires: string, deps?: Deps, usageLimit?: number): Promise<Report>;
/** Can I invite right now? Creates nothing. */
export declare function invitePreflight(base: InviteBase, deps?: Deps): Promise<Report>;
/** Join a signed-up user to the configured rooms via the Synapse Admin API. */
export declare function inviteOnboard(base: InviteBase, userId: string, deps?: Deps): Promise<Report>;

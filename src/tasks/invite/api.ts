import { defaultDeps, type Deps } from "../../core/deps.js";
import type { Report } from "../../core/finding.js";
import {
  parseConfig,
  readConfigFile,
  readSecret,
  SECRET_ENV,
  type InviteConfig,
  type InviteSecrets,
} from "./config.js";
import { runInvite } from "./index.js";
import type { InviteCommand, InviteOptions } from "./options.js";
import type { Recipient } from "./types.js";

/** What every library `invite*` call needs: settings, secrets, and optional knobs (defaults as on the CLI). */
export type InviteBase = Pick<InviteOptions, "config" | "secrets"> &
  Partial<
    Pick<InviteOptions, "backend" | "expires" | "uses" | "lang" | "resend" | "dryRun" | "concurrency" | "runtime">
  >;

function options(command: InviteCommand, base: InviteBase, extra: Partial<InviteOptions> = {}): InviteOptions {
  return { uses: 1, concurrency: 4, resend: false, dryRun: false, ...base, command, ...extra };
}

/**
 * Load `invite:` settings from `mxops.yaml` (or `file`) and the secrets from `env` (each also as `<NAME>_FILE`),
 * registering the secrets with `redactor` when given. Throws MxopsError MXOPS_INPUT/MXOPS_CONFIG.
 */
export async function loadInviteConfig(
  o: { cwd?: string; file?: string; env?: Readonly<Record<string, string | undefined>>; deps?: Deps } = {},
): Promise<{ config: InviteConfig; secrets: InviteSecrets }> {
  const cwd = o.cwd ?? process.cwd();
  const env = o.env ?? {};
  const { raw, dir } = await readConfigFile(cwd, o.file);
  const secrets: InviteSecrets = {};
  for (const [k, name] of Object.entries(SECRET_ENV) as Array<[keyof InviteSecrets, string]>) {
    const v = await readSecret(env, name, cwd);
    o.deps?.redactor.add(v);
    if (v !== undefined) secrets[k] = v;
  }
  return { config: parseConfig(raw, dir), secrets };
}

/** Invite one person (idempotent: a live invite means nothing to do unless `resend`). */
export function inviteSend(base: InviteBase, recipient: Recipient, deps: Deps = defaultDeps()): Promise<Report> {
  return runInvite(options("send", base, { recipient }), deps);
}

/** Invite every row of a CSV/YAML list; failed rows are error findings. */
export function inviteBatch(base: InviteBase, listFile: string, deps: Deps = defaultDeps()): Promise<Report> {
  return runInvite(options("batch", base, { listFile }), deps);
}

/** Recipients and their invite state from the audit log (offline). */
export function inviteList(
  base: InviteBase,
  statusFilter?: InviteOptions["statusFilter"],
  deps: Deps = defaultDeps(),
): Promise<Report> {
  return runInvite(options("list", base, statusFilter ? { statusFilter } : {}), deps);
}

/** Reconcile the audit log with the backend (used / expired / revoked). */
export function inviteStatus(base: InviteBase, deps: Deps = defaultDeps()): Promise<Report> {
  return runInvite(options("status", base), deps);
}

/** Revoke the invite of an email (its newest) or a backend id. */
export function inviteRevoke(base: InviteBase, target: string, deps: Deps = defaultDeps()): Promise<Report> {
  return runInvite(options("revoke", base, { target }), deps);
}

/** Restore a revoked MAS registration token. */
export function inviteUnrevoke(base: InviteBase, target: string, deps: Deps = defaultDeps()): Promise<Report> {
  return runInvite(options("unrevoke", base, { target }), deps);
}

/** Move a MAS registration token's expiry (`expires`: duration like 14d or an ISO date) and optionally its usage limit. */
export function inviteExtend(
  base: InviteBase,
  target: string,
  expires: string,
  deps: Deps = defaultDeps(),
  usageLimit?: number,
): Promise<Report> {
  return runInvite(
    options("extend", base, { target, expires, ...(usageLimit !== undefined ? { usageLimit } : {}) }),
    deps,
  );
}

/** Can I invite right now? Creates nothing. */
export function invitePreflight(base: InviteBase, deps: Deps = defaultDeps()): Promise<Report> {
  return runInvite(options("preflight", base), deps);
}

/** Join a signed-up user to the configured rooms via the Synapse Admin API. */
export function inviteOnboard(base: InviteBase, userId: string, deps: Deps = defaultDeps()): Promise<Report> {
  return runInvite(options("onboard", base, { userId }), deps);
}

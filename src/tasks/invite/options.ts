import type { InviteConfig, InviteSecrets } from "./config.js";
import type { InviteRuntime } from "./context.js";
import type { BackendName, Lang, Recipient } from "./types.js";

/** The `invite` subcommands. */
export const COMMANDS = [
  "send",
  "batch",
  "list",
  "status",
  "revoke",
  "unrevoke",
  "extend",
  "preflight",
  "onboard",
] as const;
export type InviteCommand = (typeof COMMANDS)[number];

/** States `list --status` filters on. */
export const LIST_STATUSES = ["pending", "created", "sent", "used", "expired", "revoked", "failed"] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** Typed options of `invite` (built by the spec's toOptions or by library callers). */
export interface InviteOptions {
  command: InviteCommand;
  config: InviteConfig;
  secrets: InviteSecrets;
  /** Backend for new invites (default: config). */
  backend?: BackendName;
  /** send: the recipient. */
  recipient?: Recipient;
  /** batch: list file (CSV or YAML). */
  listFile?: string;
  /** revoke/unrevoke/extend: an email (its latest invite) or a backend id. */
  target?: string;
  /** onboard: the Matrix user id. */
  userId?: string;
  /** Expiry duration or date (default: config). */
  expires?: string;
  uses: number;
  /** extend: new usage limit (only when --uses was given). */
  usageLimit?: number;
  lang?: Lang;
  resend: boolean;
  dryRun: boolean;
  concurrency: number;
  statusFilter?: ListStatus;
  /** Test/embedding hooks (sleep, mailer, HTTP, crash points). */
  runtime?: InviteRuntime;
}

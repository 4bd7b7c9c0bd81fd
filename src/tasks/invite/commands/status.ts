import type { Deps } from "../../../core/deps.js";
import type { Finding, Report } from "../../../core/finding.js";
import { makeReport } from "../../../core/report.js";
import { acquireLock } from "../audit/lock.js";
import { byRecipient, foldAttempts, type AttemptState } from "../audit/state.js";
import type { InviteContext } from "../context.js";
import type { InviteOptions } from "../options.js";
import { pool } from "./send.js";

/** One recipient's current invite as `list`/`status` show it. */
export interface StatusRow {
  email: string;
  backend: string;
  status: string;
  id?: string;
  expiresAt?: string | null;
  sentAt?: string;
  messageId?: string;
  /** status only: what the backend says. */
  remote?: string;
  timesUsed?: number;
}

/** The attempt that describes a recipient now: the newest one that got past `pending` (else the newest). */
export function currentAttempt(list: readonly AttemptState[]): AttemptState | undefined {
  return [...list].reverse().find((a) => a.status !== "pending" && a.status !== "onboarded") ?? list[list.length - 1];
}

/** Audit status with expiry applied (a sent invite past its time reads `expired`). */
export function effectiveStatus(a: AttemptState, now: Date): string {
  if (a.status === "sent" && a.expiresAt && Date.parse(a.expiresAt) <= now.getTime()) return "expired";
  return a.status;
}

function row(a: AttemptState, now: Date): StatusRow {
  const r: StatusRow = { email: a.recipient, backend: a.backend, status: effectiveStatus(a, now) };
  if (a.id) r.id = a.id;
  if (a.expiresAt !== undefined) r.expiresAt = a.expiresAt;
  if (a.sentAt) r.sentAt = a.sentAt;
  if (a.messageId) r.messageId = a.messageId;
  return r;
}

/** `list`: the audit trail folded per recipient (offline), optionally filtered by status. */
export async function runList(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report> {
  const now = ctx.now();
  const groups = byRecipient(foldAttempts(await ctx.audit.read((m) => deps.log.warn(m))));
  const rows: StatusRow[] = [];
  for (const list of groups.values()) {
    const a = currentAttempt(list);
    if (a) rows.push(row(a, now));
  }
  const shown = o.statusFilter ? rows.filter((r) => r.status === o.statusFilter) : rows;
  const findings: Finding[] = shown.map((r) => ({
    ruleId: "invite/result",
    severity: "info",
    message: `${r.email}: ${r.status} via ${r.backend}${r.id ? ` (${r.id})` : ""}${r.expiresAt ? `, expires ${r.expiresAt}` : ""}`,
  }));
  findings.push({
    ruleId: "invite/summary",
    severity: "info",
    message: `${shown.length} of ${rows.length} recipient(s)${o.statusFilter ? ` with status ${o.statusFilter}` : ""}`,
  });
  return makeReport("invite", findings, { results: { command: "list", rows: shown } });
}

/**
 * `status`: reconcile the audit trail with the backend. For each recipient's current invite with an id, ask the
 * backend (MAS: times_used, revoked_at, expires_at; Authentik: existence, expiry) and append `used`, `expired` or
 * `revoked` when it moved on. A sent invite revoked or deleted outside mxops is reported as drift.
 */
export async function runStatus(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report> {
  const now = ctx.now();
  const lock = o.dryRun ? undefined : await acquireLock(ctx.config.auditLog, { now: () => ctx.now() });
  const findings: Finding[] = [];
  let rows: StatusRow[] = [];
  let changed = false;
  try {
    const groups = byRecipient(foldAttempts(await ctx.audit.read((m) => deps.log.warn(m))));
    const current = [...groups.values()].map(currentAttempt).filter((a): a is AttemptState => a !== undefined);
    const out = await pool(current, o.concurrency, async (a): Promise<StatusRow> => {
      const r = row(a, now);
      if (!a.id || !["sent", "created", "expired"].includes(a.status)) return r;
      const backend = await ctx.backend(a.backend);
      const remote = await backend.get(a.id);
      r.remote = remote.state;
      if (remote.timesUsed !== undefined) r.timesUsed = remote.timesUsed;
      const next = remote.state === "live" ? undefined : remote.state === "missing" ? "revoked" : remote.state;
      if (remote.state === "live" && a.status === "sent") r.status = "sent";
      if (next && next !== a.status) {
        if ((next === "revoked" || remote.state === "missing") && a.status === "sent") {
          findings.push({
            ruleId: "invite/state-drift",
            severity: "warning",
            message: `${a.recipient}: the audit says sent but ${a.backend} reports the invite ${remote.state}`,
            hint: "someone revoked or deleted it outside mxops; send again with --resend if still wanted",
            data: { email: a.recipient, id: a.id },
          });
        }
        if (!o.dryRun) {
          await ctx.audit.append({
            ts: ctx.now().toISOString(),
            recipient: a.recipient,
            backend: a.backend,
            attempt: a.attempt,
            status: next,
            id: a.id,
            reason: "reconciled",
          });
          changed = true;
        }
        r.status = next;
      }
      return r;
    });
    rows = out.results;
  } finally {
    await lock?.release();
  }
  for (const r of rows) {
    findings.push({
      ruleId: "invite/result",
      severity: "info",
      message: `${r.email}: ${r.status}${r.remote ? ` (backend: ${r.remote}${r.timesUsed !== undefined ? `, used ${r.timesUsed}×` : ""})` : ""}`,
    });
  }
  const tally = (s: string) => rows.filter((r) => r.status === s).length;
  findings.push({
    ruleId: "invite/summary",
    severity: "info",
    message: `${tally("sent")} open, ${tally("used")} used, ${tally("expired")} expired, ${tally("revoked")} revoked, ${tally("failed")} failed`,
  });
  return makeReport("invite", findings, { changed, results: { command: "status", rows } });
}

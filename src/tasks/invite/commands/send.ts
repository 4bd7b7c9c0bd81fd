import path from "node:path";
import type { Deps } from "../../../core/deps.js";
import type { Finding, Report } from "../../../core/finding.js";
import { makeReport } from "../../../core/report.js";
import { acquireLock } from "../audit/lock.js";
import { byRecipient, foldAttempts, recipientKey } from "../audit/state.js";
import { parseExpiry } from "../config.js";
import type { InviteContext } from "../context.js";
import { inviteOne, type RowResult, type SendOptions } from "../engine.js";
import type { InviteOptions } from "../options.js";
import { cleanField, emailProblem, readInviteList, type ListRow } from "../recipients.js";

/** Run tasks with at most `limit` in flight; reports the peak reached (for the bench). */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<{ results: R[]; peak: number }> {
  const results = new Array<R>(items.length);
  let next = 0;
  let active = 0;
  let peak = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      active++;
      peak = Math.max(peak, active);
      try {
        results[i] = await fn(items[i], i);
      } finally {
        active--;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return { results, peak };
}

function rowFinding(r: RowResult, file: string | undefined): Finding {
  const where: Partial<Finding> = file && r.line ? { file, line: r.line } : {};
  if (r.action === "failed") {
    return {
      ruleId: "invite/send-failed",
      severity: "error",
      message: `${r.email}: ${r.message}`,
      ...where,
      hint: "fix the cause and rerun; finished rows are skipped",
      data: { email: r.email, reason: r.reason },
    };
  }
  if (r.action === "skipped")
    return {
      ruleId: "invite/already-invited",
      severity: "info",
      message: `${r.email}: ${r.message}`,
      ...where,
      data: { email: r.email, reason: r.reason },
    };
  return {
    ruleId: "invite/result",
    severity: "info",
    message: `${r.email}: ${r.action}${r.id ? ` (${r.id})` : ""}${r.expiresAt ? `, expires ${r.expiresAt}` : ""}`,
    ...where,
  };
}

/**
 * `send` (one recipient) and `batch` (a CSV/YAML list): under the audit-log lock, each recipient is invited at most
 * once (see inviteOne). Rows run with bounded concurrency; a failed row never stops the others. Findings: one per
 * row (error for failures), one per unusable list row, a warning per leftover revoked. Exit 1 when any row failed.
 */
export async function runSend(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report> {
  const findings: Finding[] = [];
  let rows: ListRow[];
  const rel = o.listFile ? path.relative(deps.cwd, path.resolve(deps.cwd, o.listFile)) : undefined;
  // Findings name the list relative to the working directory when it lies below it, else as given.
  const relFile = rel !== undefined && (rel.startsWith("..") || path.isAbsolute(rel)) ? o.listFile : rel;
  if (o.command === "batch") {
    rows = await readInviteList(o.listFile!, deps.cwd);
  } else {
    const r = { ...o.recipient! };
    for (const k of ["name", "username"] as const) {
      const v = cleanField(r[k]);
      if (v) r[k] = v;
      else delete r[k];
    }
    const problem = emailProblem(r.email);
    rows = [{ line: 0, ...(problem ? { error: problem } : { recipient: r }) }];
  }
  const seen = new Set<string>();
  const todo: Array<{ row: ListRow; key: string }> = [];
  for (const row of rows) {
    const where = relFile && row.line ? { file: relFile, line: row.line } : {};
    if (!row.recipient) {
      findings.push({
        ruleId: "invite/invalid-row",
        severity: "error",
        message: row.error ?? "unusable row",
        ...where,
      });
      continue;
    }
    const key = recipientKey(row.recipient.email);
    if (seen.has(key)) {
      findings.push({
        ruleId: "invite/duplicate-row",
        severity: "warning",
        message: `${key} is listed more than once; invited once`,
        ...where,
      });
      continue;
    }
    seen.add(key);
    todo.push({ row, key });
  }
  const now = ctx.now();
  const send: SendOptions = {
    backend: o.backend ?? ctx.config.backend,
    expiresAt: parseExpiry(o.expires ?? ctx.config.expires, now),
    uses: o.uses,
    lang: o.lang ?? ctx.config.lang,
    resend: o.resend,
    dryRun: o.dryRun,
  };
  // Fail fast on configuration before touching any row (and before taking the lock).
  const backend = await ctx.backend(send.backend);
  if (todo.length > 0) await backend.ready();
  // SMTP must accept us before any invite is created: otherwise every row would create and revoke one.
  if (!o.dryRun && todo.length > 0) await (await ctx.mailer(o.concurrency)).verify();
  const lock = o.dryRun ? undefined : await acquireLock(ctx.config.auditLog, { now: () => ctx.now() });
  let results: RowResult[];
  let peak = 0;
  try {
    const attempts = byRecipient(foldAttempts(await ctx.audit.read((m) => deps.log.warn(m))));
    const out = await pool(todo, o.concurrency, async ({ row, key }) => {
      const r = await inviteOne(ctx, row.recipient!, attempts.get(key) ?? [], send);
      if (row.line) r.line = row.line;
      return r;
    });
    results = out.results;
    peak = out.peak;
  } finally {
    await lock?.release();
    ctx.close();
  }
  for (const r of results) {
    findings.push(rowFinding(r, relFile));
    if (r.cleaned) {
      findings.push({
        ruleId: "invite/leftover-revoked",
        severity: "warning",
        message: `${r.email}: ${o.dryRun ? "would revoke" : "revoked"} ${r.cleaned} invite(s) left by an interrupted run`,
        ...(relFile && r.line ? { file: relFile, line: r.line } : {}),
      });
    }
  }
  const count = (a: RowResult["action"]) => results.filter((r) => r.action === a).length;
  const summary = {
    rows: rows.length,
    sent: count("sent") + count("resent"),
    skipped: count("skipped"),
    failed: count("failed"),
    invalid: rows.filter((r) => !r.recipient).length,
    wouldSend: count("would-send") + count("would-resend"),
    peakConcurrency: peak,
  };
  findings.push({
    ruleId: "invite/summary",
    severity: "info",
    message: `${summary.sent} sent, ${summary.skipped} already invited, ${summary.failed} failed, ${summary.invalid} invalid${o.dryRun ? `, ${summary.wouldSend} would be sent (dry run)` : ""}`,
  });
  const changed =
    results.some((r) => r.action === "sent" || r.action === "resent" || (r.cleaned ?? 0) > 0) && !o.dryRun;
  return makeReport("invite", findings, {
    changed,
    results: { command: o.command, dryRun: o.dryRun, summary, rows: results },
  });
}

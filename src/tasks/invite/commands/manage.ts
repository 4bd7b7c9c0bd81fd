import type { Deps } from "../../../core/deps.js";
import { MxopsError } from "../../../core/errors.js";
import type { Report } from "../../../core/finding.js";
import { makeReport } from "../../../core/report.js";
import { acquireLock } from "../audit/lock.js";
import { foldAttempts, recipientKey, type AttemptState } from "../audit/state.js";
import { parseExpiry } from "../config.js";
import type { InviteContext } from "../context.js";
import type { InviteOptions } from "../options.js";

/** Resolve `<email|id>` to the invite it means: an email picks the recipient's newest invite that has an id. */
function resolve(
  attempts: readonly AttemptState[],
  target: string,
  backendDefault: string,
): { id: string; attempt?: AttemptState; backend: string } {
  if (target.includes("@")) {
    const key = recipientKey(target);
    const a = [...attempts].reverse().find((x) => x.recipient === key && x.id !== undefined);
    if (!a) throw new MxopsError("MXOPS_INPUT", `no invite for ${key} in the audit log`);
    return { id: a.id!, attempt: a, backend: a.backend };
  }
  const a = [...attempts].reverse().find((x) => x.id === target);
  return a ? { id: target, attempt: a, backend: a.backend } : { id: target, backend: backendDefault };
}

/**
 * `revoke`, `unrevoke`, `extend` for one invite given by email or backend id, recorded in the audit trail.
 * Throws MXOPS_INPUT for an unknown email, MXOPS_USAGE for operations the backend cannot do.
 */
export async function runManage(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report> {
  const lock = o.dryRun ? undefined : await acquireLock(ctx.config.auditLog, { now: () => ctx.now() });
  try {
    const attempts = foldAttempts(await ctx.audit.read((m) => deps.log.warn(m)));
    const t = resolve(attempts, o.target!, o.backend ?? ctx.config.backend);
    const backend = await ctx.backend(t.backend as "mas" | "authentik");
    const recipient = t.attempt?.recipient ?? t.id;
    const rec = {
      ts: ctx.now().toISOString(),
      recipient,
      backend: backend.name,
      id: t.id,
      ...(t.attempt ? { attempt: t.attempt.attempt } : {}),
    };
    let message: string;
    let changed = false;
    if (o.command === "revoke") {
      if (o.dryRun) message = `would revoke ${t.id}`;
      else {
        const r = await backend.revoke(t.id);
        await ctx.audit.append({ ...rec, status: "revoked", reason: "manual", revokedAt: ctx.now().toISOString() });
        message =
          r === "revoked"
            ? `revoked ${t.id}`
            : r === "already"
              ? `${t.id} was already revoked`
              : `${t.id} no longer exists at ${backend.name}`;
        changed = r === "revoked";
      }
    } else if (o.command === "unrevoke") {
      if (o.dryRun) message = `would unrevoke ${t.id}`;
      else {
        const r = await backend.unrevoke(t.id);
        // Back to `sent` only if it had been mailed; otherwise keep it visible as created.
        await ctx.audit.append({
          ...rec,
          status: t.attempt?.sentAt ? "sent" : "created",
          note: "unrevoked",
          expiresAt: r.expiresAt,
        });
        message = `unrevoked ${t.id} (now ${r.state})`;
        changed = true;
      }
    } else {
      const until = o.expires !== undefined ? parseExpiry(o.expires, ctx.now()) : undefined;
      const what = [
        until ? `expire ${until.toISOString()}` : "",
        o.usageLimit !== undefined ? `allow ${o.usageLimit} use(s)` : "",
      ]
        .filter(Boolean)
        .join(" and ");
      if (o.dryRun) message = `would set ${t.id} to ${what}`;
      else {
        const r = await backend.extend(t.id, {
          ...(until ? { expiresAt: until } : {}),
          ...(o.usageLimit !== undefined ? { usageLimit: o.usageLimit } : {}),
        });
        await ctx.audit.append({
          ...rec,
          status: t.attempt?.status === "expired" || !t.attempt ? "sent" : t.attempt.status,
          note: "extended",
          expiresAt: r.expiresAt,
        });
        message = `${t.id} now expires ${r.expiresAt ?? "never"} (${r.state})`;
        changed = true;
      }
    }
    return makeReport("invite", [{ ruleId: "invite/result", severity: "info", message }], {
      changed,
      results: { command: o.command, dryRun: o.dryRun, id: t.id, recipient },
    });
  } finally {
    await lock?.release();
  }
}

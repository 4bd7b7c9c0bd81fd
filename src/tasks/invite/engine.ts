import { randomUUID } from "node:crypto";
import { describeError, isMxopsError } from "../../core/errors.js";
import type { AuditRecord } from "./audit/log.js";
import { isLiveByAudit, needsCleanup, recipientKey, type AttemptState } from "./audit/state.js";
import type { InviteContext } from "./context.js";
import { composeInvite } from "./mail/compose.js";
import { MailError } from "./mail/mailer.js";
import type { BackendName, Lang, Recipient } from "./types.js";

/** What happened to one recipient. */
export type RowAction = "sent" | "resent" | "skipped" | "failed" | "would-send" | "would-resend";

/** Per-row result in the report (`results.rows`). Never holds a token. */
export interface RowResult {
  email: string;
  backend: BackendName;
  action: RowAction;
  /** Why (skipped: `live`, `used`; failed: a reason code). */
  reason?: string;
  message: string;
  id?: string;
  expiresAt?: string | null;
  messageId?: string;
  /** Leftovers of interrupted runs revoked before inviting. */
  cleaned?: number;
  line?: number;
}

/** How `inviteOne` creates invites (resolved from flags and config). */
export interface SendOptions {
  backend: BackendName;
  expiresAt: Date;
  uses: number;
  lang: Lang;
  resend: boolean;
  dryRun: boolean;
}

/**
 * A crash simulated by a hook (tests, bench): propagates through the engine untouched, like a kill would,
 * so nothing gets cleaned up on the way out.
 */
export class SimulatedCrash extends Error {
  constructor() {
    super("simulated crash");
    this.name = "SimulatedCrash";
  }
}

function reasonOf(e: unknown): string {
  if (e instanceof MailError) return e.reason;
  if (isMxopsError(e)) return e.code === "MXOPS_AUTH" ? "auth" : e.code === "MXOPS_CONFIG" ? "config" : "backend";
  return "error";
}

/**
 * Invite one recipient, idempotently:
 * 1. leftovers of interrupted runs (pending/created/unrevoked-failed attempts) are revoked first;
 * 2. a live invite (sent, unexpired, and live at the backend) means nothing to do, unless `resend` (then revoke it);
 * 3. intent record → create (retry-safe) → `created` → mail → `sent`; a mail failure revokes the invite → `failed`.
 * Every state change is appended to the audit log before the next step. Never throws for a row-level failure;
 * SimulatedCrash and audit-write failures propagate.
 */
export async function inviteOne(
  ctx: InviteContext,
  r: Recipient,
  attempts: AttemptState[],
  o: SendOptions,
): Promise<RowResult> {
  const email = recipientKey(r.email);
  const base = { email, backend: o.backend };
  const mine = attempts.filter((a) => a.backend === o.backend);
  const write = (rec: Omit<AuditRecord, "v" | "ts" | "recipient" | "backend">) =>
    ctx.audit.append({ ts: ctx.now().toISOString(), recipient: email, backend: o.backend, ...rec });
  let cleaned = 0;
  try {
    const backend = await ctx.backend(o.backend);
    // 1. Leftovers from a crash or a failed cleanup.
    for (const a of mine.filter(needsCleanup)) {
      if (o.dryRun) {
        cleaned += 1;
        continue;
      }
      let id = a.id;
      if (!id && a.ref) id = (await backend.findOrphan({ recipient: r, ref: a.ref, after: a.startedAt }))?.id;
      if (id) await backend.revoke(id);
      await write({
        attempt: a.attempt,
        status: "revoked",
        reason: "interrupted",
        revokedAt: ctx.now().toISOString(),
        ...(id ? { id } : {}),
      });
      a.status = "revoked";
      cleaned += 1;
    }
    // 1b. Live invites the backend holds for this person but the audit does not (audit lost or moved).
    if (backend.untracked) {
      const known = new Set(mine.map((a) => a.id ?? a.ref ?? "").filter((x) => x !== ""));
      for (const u of await backend.untracked(r, known)) {
        cleaned += 1;
        if (o.dryRun) continue;
        await backend.revoke(u.id);
        await write({
          attempt: randomUUID(),
          status: "revoked",
          reason: "untracked",
          id: u.id,
          revokedAt: ctx.now().toISOString(),
        });
      }
    }
    // 2. Already invited? (or already signed up: the newest settled invite was used)
    const settled = [...mine].reverse().find((a) => a.status !== "pending" && a.status !== "failed");
    if (settled?.status === "used" && !o.resend) {
      return {
        ...base,
        action: "skipped",
        reason: "used",
        message: "invite already used (recipient has signed up); use --resend to send another",
        ...(settled.id ? { id: settled.id } : {}),
        cleaned,
      };
    }
    const live = [...mine].reverse().find((a) => isLiveByAudit(a, ctx.now()));
    if (live?.id) {
      const remote = await backend.get(live.id);
      if (remote.state === "live" && !o.resend) {
        return {
          ...base,
          action: "skipped",
          reason: "live",
          message: `already invited (sent ${live.sentAt ?? "?"}, expires ${live.expiresAt ?? "never"}); use --resend to replace`,
          id: live.id,
          expiresAt: live.expiresAt ?? null,
          cleaned,
        };
      }
      if (remote.state === "used" && !o.resend) {
        if (!o.dryRun) await write({ attempt: live.attempt, status: "used", id: live.id });
        return {
          ...base,
          action: "skipped",
          reason: "used",
          message: "invite already used (recipient has signed up); use --resend to send another",
          id: live.id,
          cleaned,
        };
      }
      if (o.dryRun) {
        return {
          ...base,
          action: remote.state === "live" ? "would-resend" : "would-send",
          message:
            remote.state === "live"
              ? "would revoke the live invite and send a new one"
              : `previous invite is ${remote.state}; would send a new one`,
          cleaned,
        };
      }
      if (remote.state === "live") {
        await backend.revoke(live.id);
        await write({
          attempt: live.attempt,
          status: "revoked",
          reason: "resend",
          id: live.id,
          revokedAt: ctx.now().toISOString(),
        });
      } else if (remote.state !== "used") {
        await write({
          attempt: live.attempt,
          status: remote.state === "missing" ? "revoked" : remote.state,
          id: live.id,
          ...(remote.state === "missing" ? { reason: "missing" } : {}),
        });
      }
    }
    if (o.dryRun)
      return {
        ...base,
        action: "would-send",
        message: `would create a ${o.backend} invite expiring ${o.expiresAt.toISOString()} and mail it`,
        cleaned,
      };
    return await createAndSend(ctx, r, o, write, base, cleaned, live !== undefined);
  } catch (e) {
    if (e instanceof SimulatedCrash || (isMxopsError(e) && e.code === "MXOPS_STATE")) throw e;
    return {
      ...base,
      action: "failed",
      reason: reasonOf(e),
      message: ctx.deps.redactor.redact(isMxopsError(e) ? e.message : describeError(e)),
      cleaned,
    };
  }
}

async function createAndSend(
  ctx: InviteContext,
  r: Recipient,
  o: SendOptions,
  write: (rec: Omit<AuditRecord, "v" | "ts" | "recipient" | "backend">) => Promise<void>,
  base: { email: string; backend: BackendName },
  cleaned: number,
  replaced: boolean,
): Promise<RowResult> {
  const backend = await ctx.backend(o.backend);
  if (ctx.mailDown)
    return {
      ...base,
      action: "failed",
      reason: ctx.mailDown.reason,
      message: `not attempted: ${ctx.mailDown.message}`,
      cleaned,
    };
  const attempt = randomUUID();
  const prepared = await backend.prepare(r);
  // 3a. Intent first: if we die during the call, the next run can find what we created by `ref`.
  await write({ attempt, status: "pending", ref: prepared.ref, expiresAt: o.expiresAt.toISOString() });
  let created;
  try {
    created = await backend.create(r, prepared, { expiresAt: o.expiresAt, uses: o.uses });
  } catch (e) {
    const unknown = isMxopsError(e) && e.code === "MXOPS_HTTP";
    await write({
      attempt,
      status: "failed",
      reason: unknown ? "create-unknown" : "create-failed",
      error: ctx.deps.redactor.redact(describeError(e)),
    });
    throw e;
  }
  ctx.deps.redactor.add(created.secret);
  await write({
    attempt,
    status: "created",
    id: created.id,
    createdAt: created.createdAt,
    expiresAt: created.expiresAt,
  });
  await ctx.runtime.afterCreate?.(r);
  // 3b. Mail; on failure nothing usable may stay behind.
  const lang = r.lang ?? o.lang;
  try {
    const mail = await composeInvite(ctx.config, r, lang, {
      link: backend.link(created.secret),
      token: o.backend === "mas" ? created.secret : "",
      expiresAt: created.expiresAt,
    });
    const sender = await ctx.mailer();
    const { messageId } = await sender.send(mail);
    await write({ attempt, status: "sent", id: created.id, sentAt: ctx.now().toISOString(), messageId });
    return {
      ...base,
      action: replaced ? "resent" : "sent",
      message: `invited (expires ${created.expiresAt ?? "never"})`,
      id: created.id,
      expiresAt: created.expiresAt,
      messageId,
      cleaned,
    };
  } catch (e) {
    if (e instanceof SimulatedCrash) throw e;
    const reason = reasonOf(e);
    const error = ctx.deps.redactor.redact(isMxopsError(e) ? e.message : describeError(e));
    if (["mail-connection", "mail-tls", "mail-auth", "mail-timeout"].includes(reason))
      ctx.mailDown ??= { reason, message: error };
    let revokedAt: string | undefined;
    try {
      await backend.revoke(created.id);
      revokedAt = ctx.now().toISOString();
    } catch {
      // Left for the next run: a failed attempt without revokedAt is cleaned up first.
    }
    await write({ attempt, status: "failed", id: created.id, reason, error, ...(revokedAt ? { revokedAt } : {}) });
    const after = revokedAt
      ? "the invite was revoked"
      : "revoking the invite failed too; the next run revokes it first";
    return { ...base, action: "failed", reason, message: `${error}; ${after}`, id: created.id, cleaned };
  }
}

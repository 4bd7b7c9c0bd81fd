import type { Deps } from "../../../core/deps.js";
import { MxopsError } from "../../../core/errors.js";
import type { Finding, Report } from "../../../core/finding.js";
import { makeReport } from "../../../core/report.js";
import { acquireLock } from "../audit/lock.js";
import type { InviteContext } from "../context.js";
import type { InviteOptions } from "../options.js";

const USER_ID = /^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(:\d+)?$/;
// Aliases always carry the server name; room ids do up to room version 11, and from version 12 (Synapse's
// default, e.g. in 1.163) are an opaque "!" + hash without one.
const ROOM = /^(#[^:\s]+:[A-Za-z0-9.-]+(:\d+)?|![^:\s]+(:[A-Za-z0-9.-]+(:\d+)?)?)$/;

/**
 * `onboard @user:server`: join the user to the configured rooms/spaces via the Synapse Admin API
 * (`POST /_synapse/admin/v1/join/<room>`, admin token from MXOPS_SYNAPSE_ADMIN_TOKEN). Idempotent: rooms recorded as
 * joined in the audit trail are skipped, and Synapse answers a repeated join with 200 anyway. Each join is recorded.
 */
export async function runOnboard(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report> {
  const syn = ctx.config.synapse;
  if (!syn || syn.rooms.length === 0)
    throw new MxopsError("MXOPS_CONFIG", "invite.synapse (url, rooms) is not configured");
  const token = ctx.secrets.synapseAdminToken;
  if (!token && !o.dryRun)
    throw new MxopsError(
      "MXOPS_CONFIG",
      "the Synapse admin token is missing: set MXOPS_SYNAPSE_ADMIN_TOKEN or MXOPS_SYNAPSE_ADMIN_TOKEN_FILE",
    );
  const user = o.userId!;
  if (!USER_ID.test(user))
    throw new MxopsError("MXOPS_USAGE", `not a Matrix user id: ${JSON.stringify(user)} (expected @localpart:server)`);
  const bad = syn.rooms.find((r) => !ROOM.test(r));
  if (bad)
    throw new MxopsError(
      "MXOPS_CONFIG",
      `invite.synapse.rooms: ${JSON.stringify(bad)} is not a room id (!…) or alias (#…)`,
    );
  const lock = o.dryRun ? undefined : await acquireLock(ctx.config.auditLog, { now: () => ctx.now() });
  const findings: Finding[] = [];
  const rows: Array<{ room: string; action: string; roomId?: string }> = [];
  try {
    const done = new Set(
      (await ctx.audit.read((m) => deps.log.warn(m)))
        .filter((r) => r.status === "onboarded" && r.recipient === user)
        .map((r) => r.note),
    );
    const http = await ctx.http();
    for (const room of syn.rooms) {
      if (done.has(`room:${room}`)) {
        rows.push({ room, action: "already-joined" });
        continue;
      }
      if (o.dryRun) {
        rows.push({ room, action: "would-join" });
        continue;
      }
      const url = new URL(
        `_synapse/admin/v1/join/${encodeURIComponent(room)}`,
        syn.url.endsWith("/") ? syn.url : `${syn.url}/`,
      ).href;
      // Joining twice is a no-op in Synapse, so a retry after a lost answer is harmless.
      const res = await http.request({
        method: "POST",
        url,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ user_id: user }),
        retry: "safe",
      });
      if (res.status === 200) {
        let roomId: string | undefined;
        try {
          roomId = res.json<{ room_id?: string }>().room_id;
        } catch {
          roomId = undefined;
        }
        await ctx.audit.append({
          ts: ctx.now().toISOString(),
          recipient: user,
          status: "onboarded",
          note: `room:${room}`,
        });
        rows.push({ room, action: "joined", ...(roomId ? { roomId } : {}) });
        continue;
      }
      let why = `HTTP ${res.status}`;
      try {
        const b = res.json<{ errcode?: string }>();
        if (b.errcode) why += ` ${b.errcode}`;
      } catch {
        /* no JSON body */
      }
      if (res.status === 401 || res.status === 403) why += ": the token is not a Synapse admin token";
      if (res.status === 404) why += ": unknown room or user (has the user signed up yet?)";
      rows.push({ room, action: "failed" });
      findings.push({ ruleId: "invite/onboard-failed", severity: "error", message: `${user} → ${room}: ${why}` });
    }
  } finally {
    await lock?.release();
  }
  for (const r of rows)
    if (r.action !== "failed")
      findings.push({ ruleId: "invite/result", severity: "info", message: `${user} → ${r.room}: ${r.action}` });
  return makeReport("invite", findings, {
    changed: rows.some((r) => r.action === "joined"),
    results: { command: "onboard", user, rooms: rows },
  });
}

import { createHash } from "node:crypto";
import { describeError } from "../core/errors.js";
import type { Finding, Report } from "../core/finding.js";
import { severityRank } from "../core/finding.js";
import type { HttpClient } from "../core/http.js";
import { redactUrl } from "../core/http.js";
import type { Redactor } from "../core/redact.js";
import { makeReport } from "../core/report.js";
import { escapeHtml } from "../format/escape.js";

/** Where to post. The token is a secret: register it with the redactor before calling anything here. */
export interface MatrixTarget {
  /** Client-server API base, e.g. `https://matrix.example.org` (no trailing slash needed). */
  homeserver: string;
  /** Room id (`!abc:example.org`) or alias (`#ops:example.org`, resolved through the room directory). */
  room: string;
  token: string;
}

/** Which run the message is about; every field optional (the CLI outside CI knows little). */
export interface NotifyContext {
  repo?: string;
  /** Commit SHA or tag the run was for. */
  ref?: string;
  /** Link to the workflow run. */
  runUrl?: string;
}

/** Rule id of the warning shown when a notification could not be posted (never a report finding). */
export const NOTIFY_FAILED = "notify/failed";

/** Outcome of a notification: never thrown, so callers can only warn. */
export type NotifyResult = { ok: true; eventId: string; txnId: string } | { ok: false; message: string };

const WORST = 5;
/** Matrix answers here are a room id or an event id: a few hundred bytes. */
const NOTIFY_MAX_BYTES = 64 * 1024;

function worst(findings: readonly Finding[]): Finding[] {
  return [...findings]
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
    .filter((f) => f.severity !== "info")
    .slice(0, WORST);
}

/** A findings-free report standing for a run that failed with `message` (one redacted error line), to notify about it. */
export function failureReport(task: string, message: string): Report {
  return makeReport(task, [], { results: { failure: message } });
}

/** ` M_…` from a Matrix error body, or "". */
function errcode(body: string): string {
  try {
    const code = (JSON.parse(body) as { errcode?: unknown }).errcode;
    return typeof code === "string" ? ` ${code}` : "";
  } catch {
    return "";
  }
}

/** Plain and HTML text of the message: counts and the worst findings, or the release link. */
export function notifyMessage(report: Report, ctx: NotifyContext): { body: string; html: string } {
  const where = [ctx.repo, ctx.ref ? ctx.ref.slice(0, /^[0-9a-f]{40}$/.test(ctx.ref) ? 7 : undefined) : undefined]
    .filter(Boolean)
    .join("@");
  const head = `mxops ${report.task}${where ? ` on ${where}` : ""}`;
  const c = report.counts;
  const counts = `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`;
  const text: string[] = [];
  const html: string[] = [];
  const results = report.results as
    { release?: { action?: string; url?: string; title?: string }; failure?: string } | undefined;
  const rel = results?.release;
  if (results?.failure !== undefined) {
    text.push(`${head}: failed — ${results.failure}`);
    html.push(`<b>${escapeHtml(head)}</b>: failed — ${escapeHtml(results.failure)}`);
  } else if (rel?.url) {
    text.push(`${head}: release ${rel.action ?? ""} — ${rel.title ?? ""} ${rel.url}`.replace(/ {2,}/g, " "));
    html.push(
      `<b>${escapeHtml(head)}</b>: release ${escapeHtml(rel.action ?? "")} — <a href="${escapeHtml(rel.url)}">${escapeHtml(rel.title ?? rel.url)}</a>`,
    );
  } else {
    text.push(`${head}: ${counts}`);
    html.push(`<b>${escapeHtml(head)}</b>: ${escapeHtml(counts)}`);
  }
  const top = worst(report.findings);
  if (top.length > 0) {
    const line = (f: Finding) =>
      `${f.severity} ${f.ruleId}${f.file ? ` ${f.file}${f.line !== undefined ? `:${f.line}` : ""}` : ""}: ${f.message}`;
    text.push(...top.map((f) => `- ${line(f)}`));
    html.push(`<ul>${top.map((f) => `<li>${escapeHtml(line(f))}</li>`).join("")}</ul>`);
    const rest = c.error + c.warning - top.length;
    if (rest > 0) {
      text.push(`… and ${rest} more`);
      html.push(`<p>… and ${rest} more</p>`);
    }
  }
  if (ctx.runUrl) {
    text.push(ctx.runUrl);
    html.push(`<a href="${escapeHtml(ctx.runUrl)}">workflow run</a>`);
  }
  return { body: text.join("\n"), html: html.join("\n") };
}

/**
 * Deterministic transaction id: the same task, repository, ref and report give the same id, so the
 * homeserver drops a rerun's duplicate (txn ids are scoped to the access token). Timestamps never enter.
 */
export function notifyTxnId(report: Report, ctx: NotifyContext): string {
  const digest = createHash("sha256")
    .update(
      JSON.stringify({
        counts: report.counts,
        findings: report.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.message]),
        outputs: (report.results as { outputs?: unknown } | undefined)?.outputs ?? null,
        failure: (report.results as { failure?: unknown } | undefined)?.failure ?? null,
      }),
    )
    .digest("hex");
  const id = createHash("sha256")
    .update([report.task, ctx.repo ?? "", ctx.ref ?? "", digest].join("\0"))
    .digest("hex");
  return `mxops-${id.slice(0, 40)}`;
}

/**
 * Post the summary as an `m.notice` via `PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}`.
 * Never throws: every failure (bad URL, plain http to a non-loopback host, network, deadline, an answer over
 * 64 KiB, 4xx/5xx) comes back as `{ok: false, message}` with the token redacted, for the caller to show as a
 * `notify/failed` warning — a failed notification never changes the run's exit code. The token is sent only
 * over https or to loopback (the HTTP client refuses before connecting).
 */
export async function notifyMatrix(
  target: MatrixTarget,
  report: Report,
  ctx: NotifyContext,
  deps: { http: HttpClient; redactor: Redactor },
): Promise<NotifyResult> {
  deps.redactor.add(target.token);
  try {
    const base = new URL(target.homeserver).href.replace(/\/+$/, "");
    const headers = { authorization: `Bearer ${target.token}`, accept: "application/json" };
    let roomId = target.room;
    if (roomId.startsWith("#")) {
      const r = await deps.http.request({
        url: `${base}/_matrix/client/v3/directory/room/${encodeURIComponent(roomId)}`,
        headers,
        maxBytes: NOTIFY_MAX_BYTES,
      });
      const id = r.status === 200 ? (JSON.parse(r.body) as { room_id?: unknown }).room_id : undefined;
      if (typeof id !== "string")
        return { ok: false, message: `room alias ${target.room} did not resolve: ${r.status}${errcode(r.body)}` };
      roomId = id;
    } else if (!roomId.startsWith("!")) {
      return {
        ok: false,
        message: `matrix room must be a room id (!…) or alias (#…), not ${JSON.stringify(target.room)}`,
      };
    }
    const txnId = notifyTxnId(report, ctx);
    const msg = notifyMessage(report, ctx);
    const content = {
      msgtype: "m.notice",
      body: deps.redactor.redact(msg.body),
      format: "org.matrix.custom.html",
      formatted_body: deps.redactor.redact(msg.html),
    };
    const url = `${base}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
    // PUT with a txn id is idempotent, so the client's retries are safe.
    const res = await deps.http.request({
      method: "PUT",
      url,
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(content),
      maxBytes: NOTIFY_MAX_BYTES,
    });
    if (res.status !== 200)
      return { ok: false, message: deps.redactor.redact(`PUT ${redactUrl(url)}: ${res.status}${errcode(res.body)}`) };
    const eventId = (JSON.parse(res.body) as { event_id?: unknown }).event_id;
    return { ok: true, eventId: typeof eventId === "string" ? eventId : "", txnId };
  } catch (e) {
    return { ok: false, message: deps.redactor.redact(describeError(e)) };
  }
}

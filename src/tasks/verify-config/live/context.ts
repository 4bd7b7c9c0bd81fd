import { randomBytes } from "node:crypto";
import type { Finding, Severity } from "../../../core/finding.js";
import { isMxopsError } from "../../../core/errors.js";
import type { HttpClient, HttpRequest, HttpResponse } from "../../../core/http.js";
import type { Redactor } from "../../../core/redact.js";
import type { ProbeRuleId } from "./rules.js";

/** Extra fields of a finding. */
export interface FindingExtras {
  url?: string;
  hint?: string;
  data?: Record<string, unknown>;
}

/**
 * What every probe shares: the HTTP client (CA, --resolve, timeouts), the findings collected so far and
 * helpers that turn transport failures into findings, so one failing probe never stops the others.
 */
export class ProbeContext {
  readonly findings: Finding[] = [];

  constructor(
    readonly http: HttpClient,
    private readonly redactor: Redactor,
    readonly verbose: boolean,
    readonly timeoutMs: number,
  ) {}

  /** Record a failed check. Messages pass through the redactor before they are stored. */
  fail(ruleId: ProbeRuleId, severity: Exclude<Severity, "info">, message: string, extras: FindingExtras = {}): void {
    this.push(ruleId, severity, message, extras);
  }

  /** Record a healthy check; kept only with --verbose. */
  ok(ruleId: ProbeRuleId, message: string, extras: FindingExtras = {}): void {
    if (this.verbose) this.push(ruleId, "info", message, extras);
  }

  private push(ruleId: string, severity: Severity, message: string, extras: FindingExtras): void {
    const f: Finding = { ruleId, severity, message: this.redactor.redact(message) };
    if (extras.url !== undefined) f.url = this.redactor.redact(extras.url);
    if (extras.hint !== undefined) f.hint = this.redactor.redact(extras.hint);
    if (extras.data !== undefined)
      f.data = JSON.parse(this.redactor.redact(JSON.stringify(extras.data))) as Record<string, unknown>;
    this.findings.push(f);
  }

  /**
   * Send a request; a network failure (refused, DNS, TLS, timeout) becomes a finding under `ruleId` (an error
   * unless `severity` says otherwise) and the result is undefined. Bugs (non-MxopsError) propagate.
   */
  async request(
    ruleId: ProbeRuleId,
    req: HttpRequest,
    what: string,
    severity: Exclude<Severity, "info"> = "error",
  ): Promise<HttpResponse | undefined> {
    try {
      return await this.http.request(req);
    } catch (e) {
      if (!isMxopsError(e)) throw e;
      this.fail(ruleId, severity, `${what}: ${req.url} is unreachable (${e.message})`, {
        url: req.url,
        hint: "Check DNS, the Ingress/HTTPRoute and the certificate for this host; --resolve and --ca-file probe through a port-forward or an internal CA.",
      });
      return undefined;
    }
  }
}

/**
 * GET `url` following up to `max` https redirects, as the fetch of a browser or client SDK would (a redirect
 * loop, a redirect without Location or to plain http ends with the redirect response itself).
 */
export async function getFollowing(
  ctx: ProbeContext,
  ruleId: ProbeRuleId,
  url: string,
  what: string,
  max = 3,
): Promise<HttpResponse | undefined> {
  let current = url;
  const seen = new Set<string>([url]);
  for (let hop = 0; ; hop++) {
    const res = await ctx.request(ruleId, { url: current }, what);
    if (!res || ![301, 302, 303, 307, 308].includes(res.status) || hop >= max) return res;
    let next: URL;
    try {
      next = new URL(res.headers.location ?? "", current);
    } catch {
      return res;
    }
    if (!res.headers.location || next.protocol !== "https:" || seen.has(next.href)) return res;
    seen.add(next.href);
    current = next.href;
  }
}

/** Parse JSON without throwing; undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** True for a plain JSON object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `base` without trailing slashes joined with an absolute `path`. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, "") + path;
}

/** A token no server can know, for probes that must be refused. */
export function randomToken(): string {
  return `mxops_probe_${randomBytes(16).toString("hex")}`;
}

/** Short description of a status for messages. */
export function statusText(res: HttpResponse): string {
  return `HTTP ${res.status}`;
}

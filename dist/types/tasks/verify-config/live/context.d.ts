import type { Finding, Severity } from "../../../core/finding.js";
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
export declare class ProbeContext {
    readonly http: HttpClient;
    private readonly redactor;
    readonly verbose: boolean;
    readonly timeoutMs: number;
    readonly findings: Finding[];
    constructor(http: HttpClient, redactor: Redactor, verbose: boolean, timeoutMs: number);
    /** Record a failed check. Messages pass through the redactor before they are stored. */
    fail(ruleId: ProbeRuleId, severity: Exclude<Severity, "info">, message: string, extras?: FindingExtras): void;
    /** Record a healthy check; kept only with --verbose. */
    ok(ruleId: ProbeRuleId, message: string, extras?: FindingExtras): void;
    private push;
    /**
     * Send a request; a network failure (refused, DNS, TLS, timeout) becomes a finding under `ruleId` (an error
     * unless `severity` says otherwise) and the result is undefined. Bugs (non-MxopsError) propagate.
     */
    request(ruleId: ProbeRuleId, req: HttpRequest, what: string, severity?: Exclude<Severity, "info">): Promise<HttpResponse | undefined>;
}
/**
 * GET `url` following up to `max` https redirects, as the fetch of a browser or client SDK would (a redirect
 * loop, a redirect without Location or to plain http ends with the redirect response itself).
 */
export declare function getFollowing(ctx: ProbeContext, ruleId: ProbeRuleId, url: string, what: string, max?: number): Promise<HttpResponse | undefined>;
/** Parse JSON without throwing; undefined when the text is not JSON. */
export declare function parseJson(text: string): unknown;
/** True for a plain JSON object. */
export declare function isObject(v: unknown): v is Record<string, unknown>;
/** `base` without trailing slashes joined with an absolute `path`. */
export declare function joinUrl(base: string, path: string): string;
/** A token no server can know, for probes that must be refused. */
export declare function randomToken(): string;
/** Short description of a status for messages. */
export declare function statusText(res: HttpResponse): string;

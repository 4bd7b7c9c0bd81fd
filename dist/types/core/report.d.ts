import { type Finding, type Report } from "./finding.js";
/** Build a report with sorted findings and counts; optional fields are left out when undefined. */
export declare function makeReport(task: string, findings: readonly Finding[], extra?: {
    root?: string;
    changed?: boolean;
    results?: unknown;
}): Report;
/** Merge reports of several tasks run as one job (e.g. `mxops check`). */
export declare function mergeReports(task: string, reports: readonly Report[], root?: string): Report;

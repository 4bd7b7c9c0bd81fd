import { VERSION } from "../version.js";
import { countFindings, sortFindings, type Finding, type Report } from "./finding.js";

/** Build a report with sorted findings and counts; optional fields are left out when undefined. */
export function makeReport(
  task: string,
  findings: readonly Finding[],
  extra: { root?: string; changed?: boolean; results?: unknown } = {},
): Report {
  const sorted = sortFindings(findings);
  // Key order is the documented shape: tool, version, task, root?, findings, counts, changed?, results?.
  const report: Report = {
    tool: "mxops",
    version: VERSION,
    task,
    ...(extra.root !== undefined ? { root: extra.root } : {}),
    findings: sorted,
    counts: countFindings(sorted),
  };
  if (extra.changed !== undefined) report.changed = extra.changed;
  if (extra.results !== undefined) report.results = extra.results;
  return report;
}

/** Merge reports of several tasks run as one job (e.g. `mxops check`). */
export function mergeReports(task: string, reports: readonly Report[], root?: string): Report {
  const extra: { root?: string } = {};
  if (root !== undefined) extra.root = root;
  return makeReport(
    task,
    reports.flatMap((r) => r.findings),
    extra,
  );
}

/** Severity of a finding, most severe first. */
export type Severity = "error" | "warning" | "info";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/**
 * One problem found in the operator's repository or live stack.
 * Optional fields are omitted, never null. `file` is relative to the scanned root, lines/columns are 1-based.
 * A finding never carries secret material (SOPS plaintext, tokens, keys).
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  keyPath?: string;
  url?: string;
  hint?: string;
  data?: Record<string, unknown>;
  /** Other places that take part in the problem (e.g. the encrypted files a Kustomization applies). */
  related?: RelatedLocation[];
}

/** A place related to a finding; `file` is relative to the scanned root, lines/columns 1-based. */
export interface RelatedLocation {
  file: string;
  line?: number;
  column?: number;
  message?: string;
}

/** Counts of findings by severity. */
export interface Counts {
  error: number;
  warning: number;
  info: number;
}

/**
 * The result of one task run; `--format json` prints exactly this object.
 * `changed` and `results` are only present for tasks that change things.
 */
export interface Report {
  tool: "mxops";
  version: string;
  task: string;
  root?: string;
  findings: Finding[];
  counts: Counts;
  changed?: boolean;
  results?: unknown;
}

/** Count findings by severity. */
export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Rank for ordering and thresholds: error 0, warning 1, info 2. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** `--fail-on` threshold: the least severe level that still fails the run, or `never`. */
export type FailOn = "error" | "warning" | "info" | "never";

/** True when the report has a finding at or above the threshold. */
export function failsAt(report: Pick<Report, "counts">, failOn: FailOn): boolean {
  if (failOn === "never") return false;
  const limit = severityRank(failOn);
  return SEVERITIES.some((s, i) => i <= limit && report.counts[s] > 0);
}

/** Stable order: file, line, column, rule id; findings without a file last. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    const fa = a.file ?? "\uffff";
    const fb = b.file ?? "\uffff";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const d = (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
    if (d !== 0) return d;
    return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
  });
}

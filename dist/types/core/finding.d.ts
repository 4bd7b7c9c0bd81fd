/** Severity of a finding, most severe first. */
export type Severity = "error" | "warning" | "info";
export declare const SEVERITIES: readonly Severity[];
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
export declare function countFindings(findings: readonly Finding[]): Counts;
/** Rank for ordering and thresholds: error 0, warning 1, info 2. */
export declare function severityRank(s: Severity): number;
/** `--fail-on` threshold: the least severe level that still fails the run, or `never`. */
export type FailOn = "error" | "warning" | "info" | "never";
/** True when the report has a finding at or above the threshold. */
export declare function failsAt(report: Pick<Report, "counts">, failOn: FailOn): boolean;
/** Stable order: file, line, column, rule id; findings without a file last. */
export declare function sortFindings(findings: readonly Finding[]): Finding[];

import type { Report } from "./core/finding.js";
/** Extra context the Action knows besides the report. */
export interface SummaryExtras {
    /** The `changed` range the task checked, and the files in it (undefined: whole tree). */
    changed?: {
        range: string;
        files: readonly string[];
    };
}
/**
 * Job summary for one task run: the counts and findings table (format/markdown), plus the release link
 * (milestone-release; notes folded in a <details> block) and the changed-files list when a range was checked.
 */
export declare function actionSummary(report: Report, extras?: SummaryExtras): string;

import type { Report } from "../core/finding.js";
/** Job summary in Markdown: counts, then a table of findings (capped), for the Action's step summary. */
export declare function formatMarkdownSummary(report: Report, options?: {
    maxRows?: number;
    title?: string;
}): string;

import type { Report } from "../core/finding.js";
/** The report as stable, pretty JSON (the documented contract), newline-terminated. */
export declare function formatJson(report: Report): string;

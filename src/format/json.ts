import type { Report } from "../core/finding.js";

/** The report as stable, pretty JSON (the documented contract), newline-terminated. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

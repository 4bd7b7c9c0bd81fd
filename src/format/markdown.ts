import type { Report } from "../core/finding.js";
import { markdownText } from "./escape.js";

/** Job summary in Markdown: counts, then a table of findings (capped), for the Action's step summary. */
export function formatMarkdownSummary(report: Report, options: { maxRows?: number; title?: string } = {}): string {
  const c = report.counts;
  const max = options.maxRows ?? 200;
  const lines = [
    `### ${options.title ?? `mxops ${report.task}`}`,
    "",
    `| errors | warnings | info |`,
    `|---:|---:|---:|`,
    `| ${c.error} | ${c.warning} | ${c.info} |`,
    "",
  ];
  if (report.findings.length > 0) {
    lines.push("| severity | rule | location | message |", "|---|---|---|---|");
    for (const f of report.findings.slice(0, max)) {
      const where = f.file ? `${f.file}${f.line !== undefined ? `:${f.line}` : ""}` : (f.url ?? "");
      // Everything but the severity comes from the repository or quotes it: escaped, never Markdown or HTML.
      const msg = f.keyPath ? `${f.message} (${f.keyPath})` : f.message;
      lines.push(`| ${f.severity} | \`${f.ruleId}\` | ${markdownText(where)} | ${markdownText(msg)} |`);
    }
    if (report.findings.length > max)
      lines.push("", `… and ${report.findings.length - max} more (see the JSON report).`);
  } else {
    lines.push("No findings.");
  }
  return `${lines.join("\n")}\n`;
}

import type { Report } from "./core/finding.js";
import { markdownCode, markdownText, markdownUrl } from "./format/escape.js";
import { formatMarkdownSummary } from "./format/markdown.js";

/** Extra context the Action knows besides the report. */
export interface SummaryExtras {
  /** The `changed` range the task checked, and the files in it (undefined: whole tree). */
  changed?: { range: string; files: readonly string[] };
}

const MAX_FILES = 300;

/**
 * Job summary for one task run: the counts and findings table (format/markdown), plus the release link
 * (milestone-release; notes folded in a <details> block) and the changed-files list when a range was checked.
 */
export function actionSummary(report: Report, extras: SummaryExtras = {}): string {
  const parts = [formatMarkdownSummary(report)];
  const rel = (
    report.results as
      { release?: { action?: string; url?: string; title?: string; body?: string }; dryRun?: boolean } | undefined
  )?.release;
  if (rel) {
    const url = rel.url ? markdownUrl(rel.url) : undefined;
    const title = markdownText(rel.title ?? rel.url ?? "");
    const link = url ? `[${title}](${url})` : title;
    parts.push(`**Release:** ${link} — ${markdownText(rel.action ?? "")}\n`);
    if (rel.body) parts.push(`<details><summary>Release notes</summary>\n\n${rel.body}\n</details>\n`);
  }
  if (extras.changed) {
    const files = extras.changed.files;
    // File names are repository text: escaped, so a name cannot end the list or become a link or HTML.
    const shown = files.slice(0, MAX_FILES).map((f) => `- ${markdownCode(f)}`);
    if (files.length > MAX_FILES) shown.push(`- … and ${files.length - MAX_FILES} more`);
    parts.push(
      `<details><summary>Changed files in ${markdownText(extras.changed.range)} (${files.length})</summary>\n\n${files.length > 0 ? shown.join("\n") : "(none)"}\n</details>\n`,
    );
  }
  return parts.join("\n");
}

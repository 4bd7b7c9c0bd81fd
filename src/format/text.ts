import type { Finding, Report, Severity } from "../core/finding.js";
import { visible } from "./escape.js";
import type { RenderOptions } from "./types.js";

const COLORS: Record<Severity, string> = { error: "\u001b[31m", warning: "\u001b[33m", info: "\u001b[36m" };
const DIM = "\u001b[2m";
const BOLD = "\u001b[1m";
const RESET = "\u001b[0m";

function loc(f: Finding): string {
  if (f.line === undefined) return "";
  return f.column === undefined ? `${f.line}` : `${f.line}:${f.column}`;
}

/**
 * Human-readable report: findings grouped by file, then findings without a file, then a summary line.
 * Colour only when `color` is set (the CLI sets it for a TTY without NO_COLOR).
 */
export function formatText(report: Report, options: RenderOptions = {}): string {
  const paint = (code: string, s: string) => (options.color ? `${code}${s}${RESET}` : s);
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = f.file ?? f.url ?? "";
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const lines: string[] = [];
  for (const [file, list] of groups) {
    // Repository text is shown with control characters made visible: no forged lines, no terminal escapes.
    lines.push(paint(BOLD, visible(file) || "(general)"));
    const width = Math.max(...list.map((f) => loc(f).length), 0);
    for (const f of list) {
      const where = loc(f).padEnd(width);
      const sev = paint(COLORS[f.severity], f.severity.padEnd(7));
      const key = f.keyPath ? ` [${visible(f.keyPath)}]` : "";
      lines.push(`  ${where ? `${where}  ` : ""}${sev} ${visible(f.message)}${key}  ${paint(DIM, visible(f.ruleId))}`);
      if (f.hint)
        lines.push(`  ${" ".repeat(width ? width + 2 : 0)}${" ".repeat(8)}${paint(DIM, `hint: ${visible(f.hint)}`)}`);
    }
    lines.push("");
  }
  const c = report.counts;
  const total = c.error + c.warning + c.info;
  const summary =
    total === 0
      ? `mxops ${report.task}: no findings`
      : `mxops ${report.task}: ${c.error} error(s), ${c.warning} warning(s), ${c.info} info`;
  lines.push(paint(total === 0 ? "\u001b[32m" : c.error > 0 ? COLORS.error : COLORS.warning, summary));
  return `${lines.join("\n")}\n`;
}

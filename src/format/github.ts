import type { Finding, Report } from "../core/finding.js";
import { escapeData, escapeProperty } from "./escape.js";

export { escapeData, escapeProperty } from "./escape.js";

const COMMAND: Record<Finding["severity"], string> = { error: "error", warning: "warning", info: "notice" };

/** One workflow command line for a finding, e.g. `::error file=a.yaml,line=3,col=5,title=sops/plaintext-value::…`. */
export function annotationLine(f: Finding): string {
  const props: string[] = [];
  if (f.file) props.push(`file=${escapeProperty(f.file)}`);
  if (f.line !== undefined) props.push(`line=${f.line}`);
  if (f.column !== undefined) props.push(`col=${f.column}`);
  if (f.endLine !== undefined) props.push(`endLine=${f.endLine}`);
  if (f.endColumn !== undefined && f.endLine === f.line) props.push(`endColumn=${f.endColumn}`);
  props.push(`title=${escapeProperty(f.ruleId)}`);
  const text = [f.message, f.keyPath ? `(${f.keyPath})` : "", f.hint ? `— ${f.hint}` : ""].filter(Boolean).join(" ");
  return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(text)}`;
}

/** Workflow commands (annotations) for every finding plus a summary line; rendered by GitHub and Gitea Actions. */
export function formatGithub(report: Report): string {
  const lines = report.findings.map(annotationLine);
  const c = report.counts;
  lines.push(`mxops ${report.task}: ${c.error} error(s), ${c.warning} warning(s), ${c.info} info`);
  return `${lines.join("\n")}\n`;
}

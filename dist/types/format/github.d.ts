import type { Finding, Report } from "../core/finding.js";
export { escapeData, escapeProperty } from "./escape.js";
/** One workflow command line for a finding, e.g. `::error file=a.yaml,line=3,col=5,title=sops/plaintext-value::…`. */
export declare function annotationLine(f: Finding): string;
/** Workflow commands (annotations) for every finding plus a summary line; rendered by GitHub and Gitea Actions. */
export declare function formatGithub(report: Report): string;

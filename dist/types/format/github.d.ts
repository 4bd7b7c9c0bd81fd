import type { Finding, Report } from "../core/finding.js";
/** Escape data for a workflow command message (GitHub/Gitea Actions toolkit rules). */
export declare function escapeData(s: string): string;
/** Escape a workflow command property value. */
export declare function escapeProperty(s: string): string;
/** One workflow command line for a finding, e.g. `::error file=a.yaml,line=3,col=5,title=sops/plaintext-value::…`. */
export declare function annotationLine(f: Finding): string;
/** Workflow commands (annotations) for every finding plus a summary line; rendered by GitHub and Gitea Actions. */
export declare function formatGithub(report: Report): string;

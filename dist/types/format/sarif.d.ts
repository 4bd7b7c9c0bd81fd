import type { Report } from "../core/finding.js";
/** Rule help location in the published docs. */
export declare const RULES_DOC = "https://github.com/mxops/mxops/blob/main/docs/rules.md";
/**
 * SARIF 2.1.0 log with one run: rules (one per distinct ruleId, with help URI), results with physical
 * locations relative to the scanned root (uriBaseId SRCROOT), logical locations for key paths.
 */
export declare function formatSarif(report: Report): string;

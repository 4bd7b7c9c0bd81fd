import type { Finding, RelatedLocation, Report } from "../core/finding.js";

const LEVEL: Record<Finding["severity"], "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
};

/** Rule help location in the published docs. */
export const RULES_DOC = "https://github.com/mxops/mxops/blob/main/docs/rules.md";

/**
 * SARIF 2.1.0 log with one run: rules (one per distinct ruleId, with help URI), results with physical
 * locations relative to the scanned root (uriBaseId SRCROOT), logical locations for key paths.
 */
export function formatSarif(report: Report): string {
  const ruleIds = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const results = report.findings.map((f) => {
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.hint ? `${f.message} (hint: ${f.hint})` : f.message },
    };
    const locations: Record<string, unknown>[] = [];
    if (f.file) {
      const physical: Record<string, unknown> = { artifactLocation: { uri: encodeURI(f.file), uriBaseId: "SRCROOT" } };
      if (f.line !== undefined) {
        const region: Record<string, number> = { startLine: f.line };
        if (f.column !== undefined) region.startColumn = f.column;
        if (f.endLine !== undefined) region.endLine = f.endLine;
        if (f.endColumn !== undefined) region.endColumn = f.endColumn;
        physical.region = region;
      }
      const loc: Record<string, unknown> = { physicalLocation: physical };
      if (f.keyPath) loc.logicalLocations = [{ fullyQualifiedName: f.keyPath, kind: "member" }];
      locations.push(loc);
    } else if (f.url) {
      locations.push({ physicalLocation: { artifactLocation: { uri: f.url } } });
    }
    if (locations.length > 0) result.locations = locations;
    if (f.related && f.related.length > 0) result.relatedLocations = f.related.map(relatedLocation);
    return result;
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mxops",
            version: report.version,
            informationUri: "https://github.com/mxops/mxops",
            rules: ruleIds.map((id) => ({
              id,
              name: id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
              helpUri: `${RULES_DOC}#${id.replace(/\//g, "").toLowerCase()}`,
              shortDescription: { text: id },
            })),
          },
        },
        ...(report.root ? { originalUriBaseIds: { SRCROOT: { uri: rootUri(report.root) } } } : {}),
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function relatedLocation(r: RelatedLocation, id: number): Record<string, unknown> {
  const physical: Record<string, unknown> = { artifactLocation: { uri: encodeURI(r.file), uriBaseId: "SRCROOT" } };
  if (r.line !== undefined)
    physical.region = { startLine: r.line, ...(r.column !== undefined ? { startColumn: r.column } : {}) };
  return { id, physicalLocation: physical, ...(r.message ? { message: { text: r.message } } : {}) };
}

function rootUri(root: string): string {
  const withSlash = root.endsWith("/") ? root : `${root}/`;
  return withSlash.startsWith("/") ? `file://${encodeURI(withSlash)}` : encodeURI(withSlash);
}

import type { Finding } from "../../../../core/finding.js";
import { formatPath, type PathSeg } from "../../../../core/yaml.js";
import type { EssValuesContext, Location } from "../types.js";
import type { EmbeddedDoc } from "./embedded.js";

/** The position fields of a Finding for a location (omitted when unknown, never null). */
export function at(loc: Location | undefined): Pick<Finding, "file" | "line" | "column" | "endLine" | "endColumn"> {
  if (!loc) return {};
  const out: Pick<Finding, "file" | "line" | "column" | "endLine" | "endColumn"> = { file: loc.file };
  if (loc.line !== undefined) out.line = loc.line;
  if (loc.column !== undefined) out.column = loc.column;
  if (loc.endLine !== undefined) out.endLine = loc.endLine;
  if (loc.endColumn !== undefined) out.endColumn = loc.endColumn;
  return out;
}

/**
 * Where a key inside an embedded document is written in the outer file: the inner key's line mapped
 * through `locateInString`, else the string value itself (`locate(outer)`).
 */
export function locateEmbedded(
  ctx: Pick<EssValuesContext, "locate" | "locateInString">,
  outer: readonly PathSeg[],
  doc: EmbeddedDoc | undefined,
  inner: readonly PathSeg[],
): Location | undefined {
  const span = doc?.span(inner);
  if (span) {
    const mapped = ctx.locateInString(outer, span.line, span.column);
    if (mapped) return mapped;
  }
  return ctx.locate(outer);
}

/** Key path for findings inside embedded documents: `synapse.additional.rtc.config#matrix_rtc_enabled`. */
export function embeddedKeyPath(outer: readonly PathSeg[], inner: readonly PathSeg[]): string {
  return inner.length ? `${formatPath(outer)}#${formatPath(inner)}` : formatPath(outer);
}

/** Plain-object test (YAML/JSON mappings). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Value at a path of plain JS, undefined when any step is missing. */
export function getPath(root: unknown, path: readonly PathSeg[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === "number") cur = cur[seg];
    else if (isRecord(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

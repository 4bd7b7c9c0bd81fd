import { isPair, isScalar } from "yaml";
import { keySpan, nodeAt, pairAt, type ParsedYaml, type PathSeg } from "../../../core/yaml.js";
import type { Location } from "../components/types.js";
import { mapScalarPosition, type TextPos } from "./scalar-map.js";

/**
 * A parsed YAML text and the way back from its positions to a repository file. A file on disk maps
 * 1:1; a YAML document embedded in a string (a ConfigMap's `values.yaml: |`) maps through the outer
 * scalar, so nested block scalars compose.
 */
export interface YamlView {
  text: string;
  parsed: ParsedYaml;
  /** Map a 1-based position in `text` to the repository file; undefined when unknown. */
  toOuter(pos: TextPos): Location | undefined;
}

/** A view of a whole file. */
export function fileView(file: string, text: string, parsed: ParsedYaml): YamlView {
  return { text, parsed, toOuter: (p) => ({ file, line: p.line, column: p.column }) };
}

/** Where the key at `path` of document `docIndex` is written, mapped to the repository file. */
export function locateInView(view: YamlView, docIndex: number, path: readonly PathSeg[]): Location | undefined {
  const span = keySpan(view.parsed, docIndex, path);
  if (!span) return undefined;
  const start = view.toOuter({ line: span.line, column: span.column });
  if (!start) return undefined;
  if (span.endLine !== undefined && span.endColumn !== undefined) {
    const end = view.toOuter({ line: span.endLine, column: span.endColumn });
    if (end && end.file === start.file && end.line !== undefined) {
      return { ...start, endLine: end.line, ...(end.column !== undefined ? { endColumn: end.column } : {}) };
    }
  }
  return start;
}

/** Map a position inside the string at `path` (block scalar holding YAML/JSON) to the repository file. */
export function locateInStringOfView(
  view: YamlView,
  docIndex: number,
  path: readonly PathSeg[],
  line: number,
  column: number,
): Location | undefined {
  const doc = view.parsed.docs[docIndex];
  if (!doc) return undefined;
  const node = nodeAt(doc, path);
  if (!isScalar(node)) return locateInView(view, docIndex, path);
  const pair = typeof path[path.length - 1] === "string" ? pairAt(doc, path) : undefined;
  const keyColumn = keyColumn0(view, pair);
  const inner = mapScalarPosition(view.text, view.parsed.lineCounter, node, { line, column }, keyColumn);
  return inner ? view.toOuter(inner) : undefined;
}

function keyColumn0(view: YamlView, pair: ReturnType<typeof pairAt>): number | undefined {
  if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return undefined;
  return view.parsed.lineCounter.linePos(pair.key.range[0]).col - 1;
}

/** A view of the YAML text held in the string at `path` of a document of `outer`. */
export function embeddedView(
  outer: YamlView,
  docIndex: number,
  path: readonly PathSeg[],
  text: string,
  parsed: ParsedYaml,
): YamlView {
  return { text, parsed, toOuter: (p) => locateInStringOfView(outer, docIndex, path, p.line, p.column) };
}

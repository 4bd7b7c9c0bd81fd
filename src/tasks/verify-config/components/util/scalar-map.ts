import { isScalar } from "yaml";
import { nodeAt, type ParsedYaml, type PathSeg, type Span } from "../../../../core/yaml.js";

/**
 * Map a 1-based line/column inside the string value at `path` (a YAML string scalar) to a position in the
 * YAML source `text`. Exact for block scalars (`|`, `|-`, `>`; the usual way to embed a config) and for the
 * first line of quoted or plain scalars; later lines of flow scalars keep the inner column (best effort).
 */
export function mapIntoScalar(
  text: string,
  parsed: ParsedYaml,
  docIndex: number,
  path: readonly PathSeg[],
  line: number,
  column: number,
): Span | undefined {
  const doc = parsed.docs[docIndex];
  if (!doc) return undefined;
  const node = nodeAt(doc, path);
  if (!isScalar(node) || !node.range) return undefined;
  const start = parsed.lineCounter.linePos(node.range[0]);
  const type = node.type;
  if (type === "BLOCK_LITERAL" || type === "BLOCK_FOLDED") {
    // Content starts on the line after the header and is indented by the block's indentation.
    return { line: start.line + line, column: blockIndent(text, start.line) + column };
  }
  const quote = type === "QUOTE_DOUBLE" || type === "QUOTE_SINGLE" ? 1 : 0;
  if (line === 1) return { line: start.line, column: start.col + quote + column - 1 };
  return { line: start.line + line - 1, column };
}

/** Indentation of the first non-blank line after `headerLine` (1-based). */
function blockIndent(text: string, headerLine: number): number {
  const lines = text.split("\n");
  for (let i = headerLine; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === "") continue;
    return l.length - l.trimStart().length;
  }
  return 0;
}

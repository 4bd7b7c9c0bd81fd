import { LineCounter, Scalar } from "yaml";

/** A 1-based position in some text. */
export interface TextPos {
  line: number;
  column: number;
}

/** A run of value characters that came from one place in the source (offsets are 0-based). */
interface Segment {
  valueOffset: number;
  srcOffset: number;
}

/**
 * Map a 1-based line/column inside the string value of `node` (a scalar parsed from `src`) back to a
 * position in `src`. Literal (`|`) and folded (`>`) block scalars are mapped exactly, including explicit
 * indentation indicators and chomping; the mapping is checked against the parsed value and, if it does
 * not reproduce it, falls back to the scalar's first line. Plain and quoted scalars are mapped best-effort
 * (exact for single-line values without escapes). Returns undefined when the node has no position.
 */
export function mapScalarPosition(
  src: string,
  lc: LineCounter,
  node: Scalar,
  pos: TextPos,
  keyColumn?: number,
): TextPos | undefined {
  const range = node.range;
  if (!range) return undefined;
  const start = lc.linePos(range[0]);
  const startPos = { line: start.line, column: start.col };
  const value = typeof node.value === "string" ? node.value : String(node.value);
  const offset = valueOffset(value, pos);
  let segments: Segment[] | undefined;
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    segments = blockSegments(src, range[0], range[1], value, node.type === Scalar.BLOCK_FOLDED, keyColumn);
    if (!segments) return startPos;
  } else {
    segments = flowSegments(src, range[0], node.type);
  }
  let seg: Segment | undefined;
  for (const s of segments) {
    if (s.valueOffset <= offset) seg = s;
    else break;
  }
  if (!seg) return startPos;
  const p = lc.linePos(seg.srcOffset + (offset - seg.valueOffset));
  return { line: p.line, column: p.col };
}

/** Offset in `value` of a 1-based line/column (clamped to the value). */
function valueOffset(value: string, pos: TextPos): number {
  let off = 0;
  for (let l = 1; l < pos.line; l++) {
    const nl = value.indexOf("\n", off);
    if (nl < 0) return value.length;
    off = nl + 1;
  }
  return Math.min(value.length, off + Math.max(0, pos.column - 1));
}

/** Segments for a single quoted/plain scalar: exact until the first escape or line break. */
function flowSegments(src: string, start: number, type: Scalar.Type | undefined): Segment[] {
  const quoted = type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE;
  return [{ valueOffset: 0, srcOffset: start + (quoted ? 1 : 0) }];
}

interface SrcLine {
  text: string;
  offset: number;
}

function splitLines(src: string, from: number, to: number): SrcLine[] {
  const out: SrcLine[] = [];
  let off = from;
  while (off < to) {
    let nl = src.indexOf("\n", off);
    if (nl < 0 || nl > to) nl = to;
    let text = src.slice(off, nl);
    if (text.endsWith("\r")) text = text.slice(0, -1);
    out.push({ text, offset: off });
    off = nl + 1;
  }
  return out;
}

/**
 * Rebuild a block scalar's value from the source with a segment map, trying the possible content
 * indentations (auto-detected, or parent indentation + explicit indicator). Undefined if none reproduces `value`.
 */
function blockSegments(
  src: string,
  from: number,
  to: number,
  value: string,
  folded: boolean,
  keyColumn?: number,
): Segment[] | undefined {
  const lines = splitLines(src, from, to);
  const header = lines.shift();
  if (!header) return undefined;
  const indicator = /^[|>][+-]?([1-9])|^[|>]([1-9])/.exec(header.text.trim());
  const explicit = indicator ? Number(indicator[1] ?? indicator[2]) : undefined;
  const candidates: number[] = [];
  if (explicit !== undefined) {
    const lineStart = src.lastIndexOf("\n", from - 1) + 1;
    const lineIndent = /^ */.exec(src.slice(lineStart, from))?.[0].length ?? 0;
    if (keyColumn !== undefined) candidates.push(keyColumn + explicit);
    candidates.push(lineIndent + explicit, explicit);
  } else {
    const first = lines.find((l) => l.text.trim() !== "");
    candidates.push(first ? (/^ */.exec(first.text)?.[0].length ?? 0) : 0);
  }
  for (const indent of candidates) {
    const built = build(lines, indent, folded);
    if (built && sameContent(built.text, value)) return built.segments;
  }
  return undefined;
}

/** Chomping only changes trailing line breaks: compare without them. */
function sameContent(a: string, b: string): boolean {
  return a.replace(/\n+$/, "") === b.replace(/\n+$/, "");
}

function build(lines: SrcLine[], indent: number, folded: boolean): { text: string; segments: Segment[] } | undefined {
  let text = "";
  const segments: Segment[] = [];
  // Folding state: was the previous content line a "normal" (not more-indented) non-empty line?
  let prevNormal = false;
  let pendingBreaks = 0;
  let started = false;
  for (const l of lines) {
    const blank = l.text.trim() === "";
    if (!blank && l.text.length - l.text.trimStart().length < indent) break; // end of the scalar
    if (blank) {
      pendingBreaks += 1;
      continue;
    }
    const content = l.text.slice(indent);
    const moreIndented = content.startsWith(" ") || content.startsWith("\t");
    if (started) {
      if (folded && prevNormal && !moreIndented) text += pendingBreaks === 0 ? " " : "\n".repeat(pendingBreaks);
      else text += "\n".repeat(pendingBreaks + 1);
    } else text += "\n".repeat(pendingBreaks);
    pendingBreaks = 0;
    segments.push({ valueOffset: text.length, srcOffset: l.offset + indent });
    text += content;
    started = true;
    prevNormal = !moreIndented;
  }
  return { text, segments };
}

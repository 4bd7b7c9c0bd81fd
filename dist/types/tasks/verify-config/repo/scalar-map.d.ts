import { LineCounter, Scalar } from "yaml";
/** A 1-based position in some text. */
export interface TextPos {
    line: number;
    column: number;
}
/**
 * Map a 1-based line/column inside the string value of `node` (a scalar parsed from `src`) back to a
 * position in `src`. Literal (`|`) and folded (`>`) block scalars are mapped exactly, including explicit
 * indentation indicators and chomping; the mapping is checked against the parsed value and, if it does
 * not reproduce it, falls back to the scalar's first line. Plain and quoted scalars are mapped best-effort
 * (exact for single-line values without escapes). Returns undefined when the node has no position.
 */
export declare function mapScalarPosition(src: string, lc: LineCounter, node: Scalar, pos: TextPos, keyColumn?: number): TextPos | undefined;

import { LineCounter, type Document, type Node, type Pair } from "yaml";
/** 1-based position range in a file. */
export interface Span {
    line: number;
    column: number;
    endLine?: number;
    endColumn?: number;
}
/** A YAML problem with its position (syntax error, duplicate key, tab indentation, …). */
export interface YamlProblem extends Span {
    code: string;
    message: string;
    severity: "error" | "warning";
}
/** One parsed YAML document with the helpers needed to point at its nodes. */
export interface ParsedYaml {
    docs: Document.Parsed[];
    lineCounter: LineCounter;
    problems: YamlProblem[];
}
/** Most aliases expanded when converting to JS; guards against alias bombs ("billion laughs"). */
export declare const MAX_ALIAS_COUNT = 1000;
/**
 * Deepest nesting mxops reads. Real configuration stays far below; a deeper document is refused with one
 * problem instead of exhausting the stack of the parser or of the rules that walk the tree.
 */
export declare const MAX_NESTING = 256;
/**
 * The fixed message for a `yaml` error code: `YAML syntax error (CODE): what it means`. Never contains source
 * text, so it is safe for decrypted or secret-bearing input; the position travels separately.
 */
export declare function yamlErrorMessage(code: string): string;
/** Options every mxops YAML parse shares: duplicate keys are found by {@link markDuplicateKeys}, not the parser. */
export declare const YAML_PARSE_BASE: {
    readonly uniqueKeys: false;
    readonly prettyErrors: false;
    readonly strict: true;
    readonly logLevel: "silent";
};
/**
 * Add a `DUPLICATE_KEY` error for every repeated scalar key of every mapping of `doc`, as the parser's own
 * `uniqueKeys` would, but in linear time: the parser compares each key with all earlier ones, which made one
 * mapping with 20,000 keys take minutes. Keys are equal when their scalar values are (`1` and `"1"` differ).
 */
export declare function markDuplicateKeys(doc: Document.Parsed): void;
/**
 * True when converting `doc` would expand more than {@link MAX_ALIAS_COUNT} aliases (an alias bomb). Cheap for
 * documents without aliases; the check stops at the limit, so a bomb costs milliseconds, not gigabytes.
 */
export declare function aliasBomb(doc: Document.Parsed): boolean;
/**
 * Offset where the text nests deeper than `max` (flow brackets, or block indentation and `- ` runs wider than
 * 2 × max columns), or -1. One linear pass; quoted scalars and comments are skipped roughly, erring on "not deep".
 */
export declare function nestingTooDeepAt(text: string, max?: number): number;
/**
 * Parse multi-document YAML keeping source positions. Never throws: problems are returned with positions.
 * Duplicate keys are reported (uniqueKeys), custom tags (e.g. `!env_var`) are kept as plain strings.
 * `merge: true` resolves `<<: *anchor` merge keys like Kubernetes does.
 */
export declare function parseYaml(text: string, options?: {
    merge?: boolean;
}): ParsedYaml;
/**
 * Run `fn` with a parse cache: inside it, parseYaml returns the same (read-only) result for the same text,
 * so rules that look at the same embedded document (a ConfigMap's values.yaml) parse it once. The cache
 * lives only as long as `fn`; callers must not mutate parsed documents.
 */
export declare function withYamlParseCache<T>(fn: () => Promise<T>): Promise<T>;
/** Position of a node (or pair key) in the source, 1-based. */
export declare function spanOf(lc: LineCounter, node: {
    range?: [number, number, number] | null;
} | null | undefined): Span | undefined;
/** A path segment: map key or sequence index. */
export type PathSeg = string | number;
/** The pair at `path` (last segment a map key), or undefined. */
export declare function pairAt(doc: Document.Parsed, path: readonly PathSeg[]): Pair | undefined;
/** The node at `path` (keys and indexes), or undefined. */
export declare function nodeAt(doc: Document.Parsed, path: readonly PathSeg[]): Node | undefined;
/** Span of the key at `path` (falls back to the value, then the parent), for pointing findings at a line. */
export declare function keySpan(parsed: ParsedYaml, docIndex: number, path: readonly PathSeg[]): Span | undefined;
/**
 * Convert a document to plain JS with bounded alias expansion. Returns `{ error }` instead of throwing
 * (alias bomb, an alias to a missing anchor, excessive nesting); the error is a fixed text, never source text.
 */
export declare function toJS(doc: Document.Parsed): {
    value: unknown;
} | {
    error: string;
};
/** Render a key path for messages: `a.b[0].c`. */
export declare function formatPath(path: readonly PathSeg[]): string;

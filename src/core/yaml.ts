import { AsyncLocalStorage } from "node:async_hooks";
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  YAMLParseError,
  type Document,
  type Node,
  type Pair,
} from "yaml";

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
export const MAX_ALIAS_COUNT = 1000;

/**
 * Deepest nesting mxops reads. Real configuration stays far below; a deeper document is refused with one
 * problem instead of exhausting the stack of the parser or of the rules that walk the tree.
 */
export const MAX_NESTING = 256;

// What each of the `yaml` library's error codes means, in mxops's own words. The library's messages quote the
// source (`Not a YAML token: <text>`, `Invalid escape sequence <text>`), and the source may be a decrypted
// Secret, so they never leave this module: a problem carries its code, a fixed text and its position only.
const CODE_TEXT: Record<string, string> = {
  ALIAS_PROPS: "an alias must not have an anchor or tag",
  BAD_ALIAS: "malformed anchor or alias",
  BAD_COLLECTION_TYPE: "a tag does not fit the kind of collection it is on",
  BAD_DIRECTIVE: "malformed directive",
  BAD_DQ_ESCAPE: "invalid escape sequence in a double-quoted string",
  BAD_INDENT: "bad indentation",
  BAD_PROP_ORDER: "anchor or tag in the wrong place",
  BAD_SCALAR_START: "a plain value starts with a reserved character (quote it)",
  BLOCK_AS_IMPLICIT_KEY: "a block collection cannot be a key",
  BLOCK_IN_FLOW: "block syntax inside a flow collection ([…] or {…})",
  DUPLICATE_KEY: "duplicate key: map keys must be unique",
  IMPOSSIBLE: "unreadable YAML structure",
  KEY_OVER_1024_CHARS: "an implicit key is longer than 1024 characters",
  MISSING_CHAR: "a required character is missing (closing quote, comma, colon or space)",
  MULTILINE_IMPLICIT_KEY: "a key must be on one line",
  MULTIPLE_ANCHORS: "a node has more than one anchor",
  MULTIPLE_DOCS: "more than one document where one is expected",
  MULTIPLE_TAGS: "a node has more than one tag",
  NON_STRING_KEY: "a key is not a string",
  RESOURCE_EXHAUSTION: `alias expansion beyond ${MAX_ALIAS_COUNT} aliases (an alias bomb?); not read further`,
  TAB_AS_INDENT: "tabs are not allowed as indentation",
  TAG_RESOLVE_FAILED: "unresolved tag",
  UNEXPECTED_TOKEN: "unexpected text (after a block scalar indicator | or >, the value goes on the next line)",
  NESTING_TOO_DEEP: `nesting deeper than ${MAX_NESTING} levels; the file is not read further`,
};

/**
 * The fixed message for a `yaml` error code: `YAML syntax error (CODE): what it means`. Never contains source
 * text, so it is safe for decrypted or secret-bearing input; the position travels separately.
 */
export function yamlErrorMessage(code: string): string {
  const known = Object.prototype.hasOwnProperty.call(CODE_TEXT, code);
  return `YAML syntax error (${/^[A-Z0-9_]{1,40}$/.test(code) ? code : "UNKNOWN"}): ${known ? CODE_TEXT[code] : "unreadable YAML"}`;
}

/** Options every mxops YAML parse shares: duplicate keys are found by {@link markDuplicateKeys}, not the parser. */
export const YAML_PARSE_BASE = { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: "silent" } as const;

/**
 * Add a `DUPLICATE_KEY` error for every repeated scalar key of every mapping of `doc`, as the parser's own
 * `uniqueKeys` would, but in linear time: the parser compares each key with all earlier ones, which made one
 * mapping with 20,000 keys take minutes. Keys are equal when their scalar values are (`1` and `"1"` differ).
 */
export function markDuplicateKeys(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items) {
      if (isPair(item)) {
        if (seen && isScalar(item.key) && !isAlias(item.key)) {
          const v = item.key.value;
          if (seen.has(v)) {
            const at = item.key.range?.[0] ?? 0;
            found.push(new YAMLParseError([at, at + 1], "DUPLICATE_KEY", CODE_TEXT.DUPLICATE_KEY));
          } else seen.add(v);
        }
        if (isCollection(item.key)) stack.push(item.key);
        if (isCollection(item.value)) stack.push(item.value);
      } else if (isCollection(item)) stack.push(item);
    }
  }
  if (found.length === 0) return;
  doc.errors.push(...found);
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

/**
 * True when converting `doc` would expand more than {@link MAX_ALIAS_COUNT} aliases (an alias bomb). Cheap for
 * documents without aliases; the check stops at the limit, so a bomb costs milliseconds, not gigabytes.
 */
export function aliasBomb(doc: Document.Parsed): boolean {
  return "error" in toJS(doc);
}

/**
 * Offset where the text nests deeper than `max` (flow brackets, or block indentation and `- ` runs wider than
 * 2 × max columns), or -1. One linear pass; quoted scalars and comments are skipped roughly, erring on "not deep".
 */
export function nestingTooDeepAt(text: string, max = MAX_NESTING): number {
  let depth = 0;
  let lineStart = true;
  let lead = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      lead = 0;
      quote = quote === '"' ? quote : "";
      continue;
    }
    if (quote) {
      if (text[i] === quote && text[i - 1] !== "\\") quote = "";
      continue;
    }
    if (lineStart) {
      // Leading spaces and block-sequence indicators: each nesting level needs at least one column.
      if (c === 32 || (c === 45 && text.charCodeAt(i + 1) === 32)) {
        if (++lead > 2 * max) return i;
        continue;
      }
      lineStart = false;
    }
    const prev = i === 0 ? 10 : text.charCodeAt(i - 1);
    if (c === 35 && (prev === 32 || prev === 10 || prev === 9)) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl - 1;
    } else if (c === 34 || c === 39) quote = text[i]!;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

/**
 * Parse multi-document YAML keeping source positions. Never throws: problems are returned with positions.
 * Duplicate keys are reported (uniqueKeys), custom tags (e.g. `!env_var`) are kept as plain strings.
 * `merge: true` resolves `<<: *anchor` merge keys like Kubernetes does.
 */
export function parseYaml(text: string, options: { merge?: boolean } = {}): ParsedYaml {
  const cache = parseCache.getStore();
  if (!cache || text.length > MAX_CACHED_TEXT) return parseUncached(text, options);
  // Without `<<` in the text the merge option cannot change the result, so both kinds of callers share it.
  const key = text.includes("<<") ? `${options.merge ? "m" : "-"}${text}` : text;
  let hit = cache.get(key);
  if (!hit) {
    hit = parseUncached(text, options);
    cache.set(key, hit);
  }
  return hit;
}

const parseCache = new AsyncLocalStorage<Map<string, ParsedYaml>>();
const MAX_CACHED_TEXT = 256 * 1024;

/**
 * Run `fn` with a parse cache: inside it, parseYaml returns the same (read-only) result for the same text,
 * so rules that look at the same embedded document (a ConfigMap's values.yaml) parse it once. The cache
 * lives only as long as `fn`; callers must not mutate parsed documents.
 */
export function withYamlParseCache<T>(fn: () => Promise<T>): Promise<T> {
  return parseCache.run(new Map(), fn);
}

function parseUncached(text: string, options: { merge?: boolean }): ParsedYaml {
  const lineCounter = new LineCounter();
  const deep = nestingTooDeepAt(text);
  if (deep >= 0) {
    // Refused before parsing: one clear problem instead of the parser (or a rule's tree walk) running out of stack.
    lineCounter.addNewLine(0);
    for (let i = text.indexOf("\n"); i >= 0 && i < deep; i = text.indexOf("\n", i + 1)) lineCounter.addNewLine(i + 1);
    return {
      docs: [],
      lineCounter,
      problems: [toProblem(lineCounter, "NESTING_TOO_DEEP", [deep, deep], "error")],
    };
  }
  const docs = parseAllDocuments(text, {
    ...YAML_PARSE_BASE,
    lineCounter,
    // `<<` merge keys (YAML 1.1) as Kubernetes' YAML reader applies them; opt-in to keep other callers unchanged.
    ...(options.merge ? { merge: true } : {}),
    customTags: [],
  });
  const list = (Array.isArray(docs) ? docs : [docs]) as Document.Parsed[];
  const problems: YamlProblem[] = [];
  for (const d of list) {
    markDuplicateKeys(d);
    for (const e of d.errors) problems.push(toProblem(lineCounter, e.code, e.pos, "error"));
    for (const w of d.warnings) {
      // Unknown custom tags are common in real repos (`!env_var`, `!reference`): not a problem of the file.
      if (w.code === "TAG_RESOLVE_FAILED") continue;
      problems.push(toProblem(lineCounter, w.code, w.pos, "warning"));
    }
  }
  return { docs: list, lineCounter, problems };
}

function toProblem(lc: LineCounter, code: string, pos: [number, number], severity: "error" | "warning"): YamlProblem {
  const start = lc.linePos(pos[0]);
  return {
    code,
    message: yamlErrorMessage(code),
    severity,
    line: start.line,
    column: start.col,
  };
}

/** Position of a node (or pair key) in the source, 1-based. */
export function spanOf(
  lc: LineCounter,
  node: { range?: [number, number, number] | null } | null | undefined,
): Span | undefined {
  const range = node?.range;
  if (!range) return undefined;
  const s = lc.linePos(range[0]);
  const e = lc.linePos(range[1]);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}

/** A path segment: map key or sequence index. */
export type PathSeg = string | number;

/** The pair at `path` (last segment a map key), or undefined. */
export function pairAt(doc: Document.Parsed, path: readonly PathSeg[]): Pair | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isMap(parent)) return undefined;
  return parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(last));
}

/** The node at `path` (keys and indexes), or undefined. */
export function nodeAt(doc: Document.Parsed, path: readonly PathSeg[]): Node | undefined {
  let cur: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      cur = pair?.value;
    } else if (isSeq(cur) && typeof seg === "number") {
      cur = cur.items[seg];
    } else return undefined;
  }
  return (cur ?? undefined) as Node | undefined;
}

/** Span of the key at `path` (falls back to the value, then the parent), for pointing findings at a line. */
export function keySpan(parsed: ParsedYaml, docIndex: number, path: readonly PathSeg[]): Span | undefined {
  const doc = parsed.docs[docIndex];
  if (!doc) return undefined;
  for (let n = path.length; n > 0; n--) {
    const sub = path.slice(0, n);
    const last = sub[sub.length - 1];
    if (typeof last === "number") {
      const node = nodeAt(doc, sub);
      const s = spanOf(parsed.lineCounter, node);
      if (s) return s;
      continue;
    }
    const pair = pairAt(doc, sub);
    const s = spanOf(parsed.lineCounter, pair?.key ?? undefined);
    if (s) return s;
  }
  return spanOf(parsed.lineCounter, doc.contents);
}

/**
 * Convert a document to plain JS with bounded alias expansion. Returns `{ error }` instead of throwing
 * (alias bomb, an alias to a missing anchor, excessive nesting); the error is a fixed text, never source text.
 */
export function toJS(doc: Document.Parsed): { value: unknown } | { error: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    // Classified here, at the one boundary; the library's texts name anchors from the source, so none is kept.
    const m = e instanceof Error ? e.message : "";
    if (/excessive alias/i.test(m)) return { error: CODE_TEXT.RESOURCE_EXHAUSTION };
    if (/unresolved alias/i.test(m)) return { error: "an alias refers to an anchor that is not defined before it" };
    if (e instanceof RangeError) return { error: "the document nests too deeply" };
    return { error: "the document cannot be converted to data" };
  }
}

/** Render a key path for messages: `a.b[0].c`. */
export function formatPath(path: readonly PathSeg[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

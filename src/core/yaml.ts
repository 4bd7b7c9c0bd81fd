import { AsyncLocalStorage } from "node:async_hooks";
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
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
    const message = `nesting deeper than ${MAX_NESTING} levels; the file is not read further`;
    return {
      docs: [],
      lineCounter,
      problems: [toProblem(lineCounter, "NESTING_TOO_DEEP", message, [deep, deep], "error")],
    };
  }
  const docs = parseAllDocuments(text, {
    lineCounter,
    // `<<` merge keys (YAML 1.1) as Kubernetes' YAML reader applies them; opt-in to keep other callers unchanged.
    ...(options.merge ? { merge: true } : {}),
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    customTags: [],
    logLevel: "silent",
  });
  const list = (Array.isArray(docs) ? docs : [docs]) as Document.Parsed[];
  const problems: YamlProblem[] = [];
  for (const d of list) {
    for (const e of d.errors) problems.push(toProblem(lineCounter, e.code, e.message, e.pos, "error"));
    for (const w of d.warnings) {
      // Unknown custom tags are common in real repos (`!env_var`, `!reference`): not a problem of the file.
      if (w.code === "TAG_RESOLVE_FAILED") continue;
      problems.push(toProblem(lineCounter, w.code, w.message, w.pos, "warning"));
    }
  }
  return { docs: list, lineCounter, problems };
}

function toProblem(
  lc: LineCounter,
  code: string,
  message: string,
  pos: [number, number],
  severity: "error" | "warning",
): YamlProblem {
  const start = lc.linePos(pos[0]);
  const first = message.split("\n")[0] ?? message;
  return {
    code,
    message: first.replace(/ at line \d+, column \d+:?$/, ""),
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
 * (alias bomb, excessive nesting).
 */
export function toJS(doc: Document.Parsed): { value: unknown } | { error: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    return { error: e instanceof Error ? (e.message.split("\n")[0] ?? "cannot convert") : String(e) };
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

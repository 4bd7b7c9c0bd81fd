import { keySpan, parseYaml, toJS, type PathSeg, type Span } from "../../../../core/yaml.js";
import { mapIntoScalar } from "./scalar-map.js";

/** A problem inside an embedded document, positioned inside the string (1-based). */
export interface EmbeddedProblem {
  message: string;
  line: number;
  column: number;
}

/**
 * A YAML or JSON document held in a string value (e.g. `synapse.additional.x.config`).
 * `value` is undefined when the text does not parse; `span` finds a key inside the string.
 */
export interface EmbeddedDoc {
  value: unknown;
  problems: EmbeddedProblem[];
  span(path: readonly PathSeg[]): Span | undefined;
  /** Map a position inside a string value of this document (a further embedded config) into this document. */
  locateInString(path: readonly PathSeg[], line: number, column: number): Span | undefined;
}

/** Parse an embedded YAML string. Never throws; only the first document counts (Synapse reads one). */
export function parseEmbeddedYaml(text: string): EmbeddedDoc {
  const parsed = parseYaml(text);
  const problems: EmbeddedProblem[] = parsed.problems
    .filter((p) => p.severity === "error")
    .map((p) => ({ message: p.message, line: p.line, column: p.column }));
  let value: unknown;
  if (problems.length === 0 && parsed.docs.length > 0) {
    const js = toJS(parsed.docs[0]);
    if ("value" in js) value = js.value;
    else problems.push({ message: js.error, line: 1, column: 1 });
  }
  if (parsed.docs.length > 1) {
    const second = parsed.lineCounter.linePos(parsed.docs[1].range[0]);
    problems.push({
      message: "more than one YAML document; only the first is read",
      line: second.line,
      column: second.col,
    });
  }
  return {
    value,
    problems,
    span: (path) => (path.length === 0 ? undefined : keySpan(parsed, 0, path)),
    locateInString: (path, line, column) => mapIntoScalar(text, parsed, 0, path, line, column),
  };
}

/** Line/column (1-based) of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const nl = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: before.length - nl };
}

/**
 * Parse an embedded JSON string the way a browser would (JSON.parse), keeping key positions.
 * The error position comes from the engine's message (`at position N`, or `line L column C` on newer Node).
 */
export function parseEmbeddedJson(text: string): EmbeddedDoc {
  let value: unknown;
  const problems: EmbeddedProblem[] = [];
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const where = lc
      ? { line: Number(lc[1]), column: Number(lc[2]) }
      : positionOf(text, pos ? Number(pos[1]) : text.trimEnd().length);
    // Engines quote a snippet of the input (`…, "…" is not valid JSON`); the text may hold secrets, so only the
    // kind of problem is kept, in fixed words.
    const kind = /end of (JSON )?input|Unterminated/i.test(msg) ? "the text ends early" : "unexpected character";
    problems.push({ message: `JSON syntax error: ${kind}`, ...where });
  }
  // JSON is YAML flow syntax: reuse the YAML parser only to find where keys are written.
  let located: ReturnType<typeof parseYaml> | undefined;
  return {
    value,
    problems,
    span(path) {
      if (value === undefined || path.length === 0) return undefined;
      located ??= parseYaml(text);
      return keySpan(located, 0, path);
    },
    locateInString(path, line, column) {
      if (value === undefined) return undefined;
      located ??= parseYaml(text);
      return mapIntoScalar(text, located, 0, path, line, column);
    },
  };
}

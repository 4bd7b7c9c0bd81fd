import { isMap, isScalar, visit, type Document } from "yaml";
import type { Finding } from "../../../core/finding.js";
import type { ParsedYaml } from "../../../core/yaml.js";

/** YAML parser codes mapped to stable rule ids. */
const RULE_BY_CODE: Record<string, string> = {
  DUPLICATE_KEY: "yaml/duplicate-key",
  TAB_AS_INDENT: "yaml/tab-indent",
  NESTING_TOO_DEEP: "yaml/nesting-too-deep",
  RESOURCE_EXHAUSTION: "yaml/nesting-too-deep",
};

const HINTS: Record<string, string> = {
  "yaml/duplicate-key":
    "Keep one of the keys: Kubernetes and Helm silently use only one of them, so the other setting is lost.",
  "yaml/tab-indent": "Indent with spaces; YAML forbids tabs in indentation.",
  "yaml/nesting-too-deep":
    "No real manifest nests this deep; the file is likely generated wrongly or hostile. Flatten it.",
  "yaml/syntax": "Fix the YAML at this position; tools that apply the file stop here.",
};

/**
 * Findings for every YAML problem in every document of a file: syntax errors, duplicate keys, tabs used
 * as indentation, and unquoted Go templates (`key: {{ .x }}` parses as a nested flow mapping, not a string).
 */
export function yamlProblemFindings(file: string, parsed: ParsedYaml, hasTemplate = true): Finding[] {
  const out: Finding[] = [];
  for (const p of firstErrorPerDocument(parsed)) {
    const ruleId = RULE_BY_CODE[p.code] ?? "yaml/syntax";
    const f: Finding = {
      ruleId,
      severity: p.severity,
      message: p.message,
      file,
      line: p.line,
      column: p.column,
      data: { code: p.code },
    };
    const hint = HINTS[ruleId];
    if (hint) f.hint = hint;
    out.push(f);
  }
  // Only texts with `{{` can hold a template; skipping the tree walk keeps big repos fast.
  if (hasTemplate) for (const doc of parsed.docs) out.push(...unquotedTemplates(file, parsed, doc));
  return out;
}

/**
 * The parser's problems without the cascade: after a document's first error other than a duplicate key, the
 * parser's recovery reports most following lines of that document again, so the rest of its problems are dropped.
 */
function firstErrorPerDocument(parsed: ParsedYaml): ParsedYaml["problems"] {
  const starts = parsed.lineCounter.lineStarts;
  // Recovery errors run past a document's own range up to the next document's start.
  const docStarts = parsed.docs.map((d) => d.range[0]);
  const broken = new Set<number>();
  return parsed.problems.filter((p) => {
    const offset = (starts[p.line - 1] ?? 0) + p.column - 1;
    let doc = 0;
    while (doc + 1 < docStarts.length && docStarts[doc + 1] <= offset) doc++;
    if (broken.has(doc)) return false;
    if (p.severity === "error" && p.code !== "DUPLICATE_KEY") broken.add(doc);
    return true;
  });
}

/** `{{ .x }}` written without quotes: a flow mapping whose source starts with `{{`. */
function unquotedTemplates(file: string, parsed: ParsedYaml, doc: Document.Parsed): Finding[] {
  const out: Finding[] = [];
  visit(doc, {
    Map(_key, node) {
      if (!isMap(node) || !node.flow || !node.range) return;
      const start = node.range[0];
      if (isTemplateShape(node)) {
        const pos = parsed.lineCounter.linePos(start);
        out.push({
          ruleId: "yaml/unquoted-template",
          severity: "error",
          message: "an unquoted Go template `{{ … }}` is parsed as a nested YAML mapping, not as text",
          file,
          line: pos.line,
          column: pos.col,
          hint: 'Quote the value (e.g. "{{ .password }}") or move it into a block scalar (|).',
        });
        return visit.SKIP;
      }
      return undefined;
    },
  });
  return out;
}

/** A flow map whose only item is itself a flow map with a single null-valued key: the `{{ x }}` shape. */
function isTemplateShape(node: { items: unknown[] }): boolean {
  if (node.items.length !== 1) return false;
  const pair = node.items[0] as { key?: unknown; value?: unknown };
  if (!isMap(pair.key) || !pair.key.flow) return false;
  if (pair.value !== null && !(isScalar(pair.value) && pair.value.value === null)) return false;
  return true;
}

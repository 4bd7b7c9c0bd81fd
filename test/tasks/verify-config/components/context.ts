// Test helper: builds the contexts H2a's task will build, from YAML strings, so the component rules can be
// tested before (and independently of) the real context builder.
import { isScalar, type Scalar } from "yaml";
import { keySpan, nodeAt, parseYaml, toJS, type PathSeg } from "../../../../src/core/yaml.js";
import type { EssValuesContext, Location, RepoIndex, RepoManifest } from "../../../../src/tasks/verify-config/components/types.js";

type Parsed = ReturnType<typeof parseYaml>;

function locator(parsed: Parsed, docIndex: number, file: string) {
  const locate = (path: readonly PathSeg[]): Location | undefined => {
    const s = keySpan(parsed, docIndex, path);
    return s ? { file, line: s.line, column: s.column } : undefined;
  };
  const locateInString = (path: readonly PathSeg[], line: number, column: number): Location | undefined => {
    const doc = parsed.docs[docIndex];
    if (!doc) return undefined;
    const node = nodeAt(doc, path);
    if (!isScalar(node) || !node.range) return undefined;
    const start = parsed.lineCounter.linePos(node.range[0]);
    const type = (node as Scalar).type;
    if (type === "BLOCK_LITERAL" || type === "BLOCK_FOLDED") {
      // Content starts on the line after the `|` header, indented by the block's indentation.
      const srcText = (parsed as Parsed & { text?: string }).text;
      const indent = srcText ? blockIndent(srcText, parsed, node.range[0]) : 0;
      return { file, line: start.line + line, column: indent + column };
    }
    // Quoted or plain single-line strings: same line, offset by the opening quote.
    const quote = type === "QUOTE_DOUBLE" || type === "QUOTE_SINGLE" ? 1 : 0;
    return line === 1 ? { file, line: start.line, column: start.col + quote + column - 1 } : { file, line: start.line + line - 1, column };
  };
  return { locate, locateInString };
}

function blockIndent(text: string, parsed: Parsed, offset: number): number {
  const headerLine = parsed.lineCounter.linePos(offset).line;
  const lines = text.split("\n");
  for (let i = headerLine; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === "") continue;
    return l.length - l.trimStart().length;
  }
  return 0;
}

function parseWithText(text: string): Parsed {
  const p = parseYaml(text) as Parsed & { text?: string };
  p.text = text;
  return p;
}

/** A repository index from `{ file: yamlText }` (every document becomes a manifest). */
export function repoFrom(files: Record<string, string>, root = "/repo"): RepoIndex {
  const manifests: RepoManifest[] = [];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseWithText(text);
    parsed.docs.forEach((doc, docIndex) => {
      const js = toJS(doc);
      const body = "value" in js && js.value && typeof js.value === "object" ? (js.value as Record<string, unknown>) : {};
      const meta = (body.metadata ?? {}) as Record<string, unknown>;
      const { locate, locateInString } = locator(parsed, docIndex, file);
      manifests.push({
        file,
        docIndex,
        apiVersion: typeof body.apiVersion === "string" ? body.apiVersion : undefined,
        kind: typeof body.kind === "string" ? body.kind : undefined,
        name: typeof meta.name === "string" ? meta.name : undefined,
        namespace: typeof meta.namespace === "string" ? meta.namespace : undefined,
        body,
        locate,
        locateInString,
      });
    });
  }
  return { root, manifests };
}

/**
 * A values context from a plain values YAML file (`prefix` = path of the values inside the document, e.g.
 * `["spec","values"]` for a HelmRelease).
 */
export function valuesFrom(
  text: string,
  opts: { file?: string; prefix?: PathSeg[]; repo?: RepoIndex; chartVersion?: string } = {},
): EssValuesContext {
  const file = opts.file ?? "values.yaml";
  const prefix = opts.prefix ?? [];
  const parsed = parseWithText(text);
  const js = toJS(parsed.docs[0]!);
  let values: unknown = "value" in js ? js.value : {};
  for (const seg of prefix) values = (values as Record<string, unknown>)?.[String(seg)];
  const { locate, locateInString } = locator(parsed, 0, file);
  const ctx: EssValuesContext = {
    values: (values ?? {}) as Record<string, unknown>,
    locate: (p) => locate([...prefix, ...p]),
    locateInString: (p, l, c) => locateInString([...prefix, ...p], l, c),
    subject: file,
    repo: opts.repo ?? repoFrom({ [file]: text }),
  };
  if (opts.chartVersion) ctx.chartVersion = opts.chartVersion;
  return ctx;
}

/** Strip a common leading indentation so fixtures can be written inline. */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

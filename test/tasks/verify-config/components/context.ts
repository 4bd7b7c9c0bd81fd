// Test helper: builds the contexts H2a's task will build, from YAML strings, so the component rules can be
// tested before (and independently of) the real context builder.
import { keySpan, parseYaml, toJS, type PathSeg } from "../../../../src/core/yaml.js";
import { mapIntoScalar } from "../../../../src/tasks/verify-config/components/util/scalar-map.js";
import type {
  EssValuesContext,
  Location,
  RepoIndex,
  RepoManifest,
} from "../../../../src/tasks/verify-config/components/types.js";

type Parsed = ReturnType<typeof parseYaml>;

function locator(parsed: Parsed, docIndex: number, file: string) {
  const locate = (path: readonly PathSeg[]): Location | undefined => {
    const s = keySpan(parsed, docIndex, path);
    return s ? { file, line: s.line, column: s.column } : undefined;
  };
  const locateInString = (path: readonly PathSeg[], line: number, column: number): Location | undefined => {
    const s = mapIntoScalar((parsed as Parsed & { text: string }).text, parsed, docIndex, path, line, column);
    return s ? { file, line: s.line, column: s.column } : undefined;
  };
  return { locate, locateInString };
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
      const body =
        "value" in js && js.value && typeof js.value === "object" ? (js.value as Record<string, unknown>) : {};
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
  const js = toJS(parsed.docs[0]);
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

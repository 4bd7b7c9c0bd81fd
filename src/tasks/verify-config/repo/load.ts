import path from "node:path/posix";
import { visit, type Document } from "yaml";
import type { Finding } from "../../../core/finding.js";
import { readFile } from "node:fs/promises";
import { DEFAULT_MAX_FILE_BYTES, type RepoFile } from "../../../core/files.js";
import { parseYaml, toJS, type ParsedYaml, type PathSeg } from "../../../core/yaml.js";
import type { RepoIndex, RepoManifest } from "../components/types.js";
import { yamlProblemFindings } from "../yaml/problems.js";
import { fileView, locateInStringOfView, locateInView, type YamlView } from "./view.js";

/** One parsed YAML file of the repository. */
export interface LoadedFile {
  rel: string;
  view: YamlView;
  /** Plain JS of each document (undefined when it could not be converted, which is reported). */
  values: unknown[];
}

/** The repository as verify-config sees it: the contract's RepoIndex plus the parsed files. */
export interface LoadedRepo extends RepoIndex {
  files: LoadedFile[];
  /** Relative paths of every selected file (YAML or not), for path-existence checks. */
  allPaths: Set<string>;
  /** Files a kustomization.yaml uses as patches: partial objects, not manifests on their own. */
  patchFiles: Set<string>;
}

/** True for files verify-config parses as YAML. */
export function isYamlPath(rel: string): boolean {
  return /\.ya?ml$/i.test(rel);
}

/** Helm chart templates are Go templates, not YAML: skip `templates/` below a folder holding Chart.yaml. */
export function chartTemplateFilter(paths: readonly string[]): (rel: string) => boolean {
  const chartDirs = paths.filter((p) => /(^|\/)Chart\.ya?ml$/.test(p)).map((p) => p.replace(/Chart\.ya?ml$/, ""));
  return (rel) => chartDirs.some((d) => rel.startsWith(`${d}templates/`) || rel.startsWith(`${d}charts/`));
}

/**
 * Parse one text into a LoadedFile, appending YAML findings. Never throws. `renderedFirst`: the text is a
 * template that another program renders before anything parses it as YAML (see {@link isRenderedFirst}), so
 * the raw text's YAML problems are not reported.
 */
export function loadText(rel: string, text: string, findings: Finding[], renderedFirst = false): LoadedFile {
  const parsed: ParsedYaml = parseYaml(text, { merge: true });
  if (!renderedFirst) findings.push(...yamlProblemFindings(rel, parsed, text.includes("{{")));
  const values: unknown[] = [];
  parsed.docs.forEach((doc, i) => {
    // A document with syntax errors is still converted when possible: later rules only see what parsed.
    const js = toJS(doc);
    if ("error" in js) {
      const start =
        unresolvedAliasPos(doc, parsed) ??
        (doc.contents?.range ? parsed.lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 });
      findings.push({
        ruleId: "yaml/alias-expansion",
        severity: "error",
        message: `document ${i + 1} cannot be expanded: ${js.error}`,
        file: rel,
        line: start.line,
        column: start.col,
        hint: "Check aliases (*name) for loops or excessive expansion; Kubernetes tools refuse such documents too.",
      });
      values.push(undefined);
    } else values.push(js.value);
  });
  return { rel, view: fileView(rel, text, parsed), values };
}

/** Position of the first alias whose anchor is not defined before it in the same document. */
function unresolvedAliasPos(doc: Document.Parsed, parsed: ParsedYaml): { line: number; col: number } | undefined {
  let pos: { line: number; col: number } | undefined;
  visit(doc, {
    Alias(_k, node) {
      if (node.resolve(doc) === undefined && node.range) {
        pos = parsed.lineCounter.linePos(node.range[0]);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return pos;
}

/**
 * Files that kustomization files feed into a configMapGenerator/secretGenerator (`files:` entries, `key=path`
 * too): data for another program (an ExternalSecret `templateFrom`, the application itself), not manifests.
 */
export function generatorInputs(kustomizations: ReadonlyArray<readonly [string, string]>): Set<string> {
  const out = new Set<string>();
  for (const [rel, text] of kustomizations) {
    const doc = parseYaml(text).docs[0];
    const js = doc && doc.errors.length === 0 ? toJS(doc) : undefined;
    const body = js && "value" in js ? js.value : undefined;
    if (!isRecord(body)) continue;
    const dir = path.dirname(rel);
    for (const field of ["configMapGenerator", "secretGenerator"]) {
      const gens = body[field];
      if (!Array.isArray(gens)) continue;
      for (const g of gens) {
        if (!isRecord(g) || !Array.isArray(g.files)) continue;
        for (const f of g.files) {
          if (typeof f !== "string") continue;
          out.add(path.normalize(path.join(dir, f.includes("=") ? f.slice(f.indexOf("=") + 1) : f)));
        }
      }
    }
  }
  return out;
}

/**
 * True when a text with `{{` is rendered as text before anything parses it as YAML: a generator input
 * (External Secrets `templateFrom`, an application's own config), a Jinja/Go template kept in a `templates/`
 * folder, a helmfile, or a file whose only placeholders are ones the application substitutes in the raw text
 * (homepage's `{{HOMEPAGE_VAR_…}}`).
 */
export function isRenderedFirst(rel: string, text: string, inputs: ReadonlySet<string>): boolean {
  if (!text.includes("{{")) return false;
  if (inputs.has(rel)) return true;
  if (/(^|\/)templates\//.test(rel)) return true;
  if (/(^|\/)helmfile(\.[^/]*)?\.ya?ml(\.gotmpl)?$/.test(rel)) return true;
  return !/\{\{(?!\s*HOMEPAGE_(VAR|FILE)_[A-Z0-9_]+\s*\}\})/.test(text);
}

const isKustomizationFile = (rel: string) => /(^|\/)kustomization\.ya?ml$/.test(rel);

/** Read and parse every YAML file; unreadable or oversized files become findings. */
export async function loadRepo(
  root: string,
  files: readonly RepoFile[],
  findings: Finding[],
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<LoadedRepo> {
  const allPaths = new Set(files.map((f) => f.rel));
  const isTemplate = chartTemplateFilter([...allPaths]);
  const loaded: LoadedFile[] = [];
  const yamlFiles = files.filter((f) => isYamlPath(f.rel) && !isTemplate(f.rel));
  const texts = await Promise.all(
    yamlFiles.map(async (f) => {
      try {
        // One read, size checked afterwards: a stat per file first costs more than the rare oversized file.
        const buf = await readFile(f.abs);
        return buf.length > maxBytes ? undefined : buf.toString("utf8");
      } catch {
        return null;
      }
    }),
  );
  const inputs = generatorInputs(
    yamlFiles.flatMap((f, i) => {
      const text = texts[i];
      return isKustomizationFile(f.rel) && typeof text === "string" ? [[f.rel, text] as const] : [];
    }),
  );
  yamlFiles.forEach((f, i) => {
    const text = texts[i];
    // Jinja/Go templates kept in a templates/ folder (Ansible roles, scaffolding) are not YAML until rendered.
    if (typeof text === "string" && /(^|\/)templates\//.test(f.rel) && /\{%|^\s*\{\{/m.test(text)) return;
    if (text === undefined) {
      findings.push({
        ruleId: "yaml/file-too-large",
        severity: "warning",
        message: `file is larger than ${maxBytes} bytes and was not checked`,
        file: f.rel,
        hint: "raise --max-file-size if it must be checked",
      });
      return;
    }
    if (text === null) {
      findings.push({ ruleId: "yaml/unreadable", severity: "error", message: "file cannot be read", file: f.rel });
      return;
    }
    loaded.push(loadText(f.rel, text, findings, isRenderedFirst(f.rel, text, inputs)));
  });
  return indexRepo(root, loaded, allPaths);
}

/** A repository given as relative path → text, loaded like loadRepo (for callers that hold files in memory). */
export function loadRepoFromTexts(
  root: string,
  texts: Readonly<Record<string, string>>,
  findings: Finding[],
): LoadedRepo {
  const allPaths = new Set(Object.keys(texts));
  const inputs = generatorInputs(Object.entries(texts).filter(([rel]) => isKustomizationFile(rel)));
  const loaded = Object.entries(texts)
    .filter(([rel]) => isYamlPath(rel))
    .map(([rel, text]) => loadText(rel, text, findings, isRenderedFirst(rel, text, inputs)));
  return indexRepo(root, loaded, allPaths);
}

function indexRepo(root: string, loaded: LoadedFile[], allPaths: Set<string>): LoadedRepo {
  const manifests: RepoManifest[] = [];
  for (const lf of loaded) manifests.push(...manifestsOf(lf));
  return { root, files: loaded, manifests, allPaths, patchFiles: patchFilesOf(loaded) };
}

/** Files named as patches (patches[].path, patchesStrategicMerge, patchesJson6902[].path) by kustomization.yaml files. */
function patchFilesOf(files: readonly LoadedFile[]): Set<string> {
  const out = new Set<string>();
  for (const lf of files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    const body = lf.values[0];
    if (!isRecord(body)) continue;
    const dir = path.dirname(lf.rel);
    for (const field of ["patches", "patchesStrategicMerge", "patchesJson6902"]) {
      const list = body[field];
      if (!Array.isArray(list)) continue;
      for (const p of list) {
        const ref =
          typeof p === "string" && !p.includes("\n")
            ? p
            : isRecord(p) && typeof p.path === "string"
              ? p.path
              : undefined;
        if (ref) out.add(path.normalize(path.join(dir, ref)));
      }
    }
  }
  return out;
}

/** Every document of a file that is a mapping, as a RepoManifest (shape rules decide which are Kubernetes objects). */
export function manifestsOf(lf: LoadedFile): RepoManifest[] {
  const out: RepoManifest[] = [];
  lf.values.forEach((v, docIndex) => {
    if (!isRecord(v)) return;
    out.push(makeManifest(lf.rel, lf.view, docIndex, v));
  });
  return out;
}

/** Build a RepoManifest for a document of a view. */
export function makeManifest(
  file: string,
  view: YamlView,
  docIndex: number,
  body: Record<string, unknown>,
): RepoManifest {
  const meta = isRecord(body.metadata) ? body.metadata : {};
  const m: RepoManifest = {
    file,
    docIndex,
    body,
    locate: (path: readonly PathSeg[]) => locateInView(view, docIndex, path),
    locateInString: (path: readonly PathSeg[], line: number, column: number) =>
      locateInStringOfView(view, docIndex, path, line, column),
  };
  if (typeof body.apiVersion === "string") m.apiVersion = body.apiVersion;
  if (typeof body.kind === "string") m.kind = body.kind;
  if (typeof meta.name === "string") m.name = meta.name;
  if (typeof meta.namespace === "string") m.namespace = meta.namespace;
  return m;
}

/** Plain-object test used across rules. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

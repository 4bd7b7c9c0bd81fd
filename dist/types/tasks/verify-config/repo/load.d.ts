import type { Finding } from "../../../core/finding.js";
import { type RepoFile } from "../../../core/files.js";
import type { RepoIndex, RepoManifest } from "../components/types.js";
import { type YamlView } from "./view.js";
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
export declare function isYamlPath(rel: string): boolean;
/** Helm chart templates are Go templates, not YAML: skip `templates/` below a folder holding Chart.yaml. */
export declare function chartTemplateFilter(paths: readonly string[]): (rel: string) => boolean;
/**
 * Parse one text into a LoadedFile, appending YAML findings. Never throws. `renderedFirst`: the text is a
 * template that another program renders before anything parses it as YAML (see {@link isRenderedFirst}), so
 * the raw text's YAML problems are not reported.
 */
export declare function loadText(rel: string, text: string, findings: Finding[], renderedFirst?: boolean): LoadedFile;
/**
 * Files that kustomization files feed into a configMapGenerator/secretGenerator (`files:` entries, `key=path`
 * too): data for another program (an ExternalSecret `templateFrom`, the application itself), not manifests.
 */
export declare function generatorInputs(kustomizations: ReadonlyArray<readonly [string, string]>): Set<string>;
/**
 * True when a text with `{{` is rendered as text before anything parses it as YAML: a generator input
 * (External Secrets `templateFrom`, an application's own config), a Jinja/Go template kept in a `templates/`
 * folder, a helmfile, or a file whose only placeholders are ones the application substitutes in the raw text
 * (homepage's `{{HOMEPAGE_VAR_…}}`).
 */
export declare function isRenderedFirst(rel: string, text: string, inputs: ReadonlySet<string>): boolean;
/** Read and parse every YAML file; unreadable or oversized files become findings. */
export declare function loadRepo(root: string, files: readonly RepoFile[], findings: Finding[], maxBytes?: number): Promise<LoadedRepo>;
/** A repository given as relative path → text, loaded like loadRepo (for callers that hold files in memory). */
export declare function loadRepoFromTexts(root: string, texts: Readonly<Record<string, string>>, findings: Finding[]): LoadedRepo;
/** Every document of a file that is a mapping, as a RepoManifest (shape rules decide which are Kubernetes objects). */
export declare function manifestsOf(lf: LoadedFile): RepoManifest[];
/** Build a RepoManifest for a document of a view. */
export declare function makeManifest(file: string, view: YamlView, docIndex: number, body: Record<string, unknown>): RepoManifest;
/** Plain-object test used across rules. */
export declare function isRecord(v: unknown): v is Record<string, unknown>;

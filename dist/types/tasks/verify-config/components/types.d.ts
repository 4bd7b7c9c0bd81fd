import type { Finding } from "../../../core/finding.js";
import type { PathSeg } from "../../../core/yaml.js";
/** A place in the scanned repository (file relative to the root, 1-based line/column). */
export interface Location {
    file: string;
    line?: number;
    column?: number;
    endLine?: number;
    endColumn?: number;
}
/** One Kubernetes manifest document found in the repository. */
export interface RepoManifest {
    file: string;
    docIndex: number;
    apiVersion?: string;
    kind?: string;
    name?: string;
    namespace?: string;
    /** The document as plain JS (aliases expanded with a bound). */
    body: Record<string, unknown>;
    /** Where the key at `path` (inside this document) is written. */
    locate(path: readonly PathSeg[]): Location | undefined;
    /** Map a 1-based line/column inside the string value at `path` (a block scalar holding YAML/JSON) to the file. */
    locateInString(path: readonly PathSeg[], line: number, column: number): Location | undefined;
}
/** Everything verify-config parsed from the repository. */
export interface RepoIndex {
    root: string;
    manifests: RepoManifest[];
    /**
     * Files kustomization.yaml files use as patches (partial objects merged into a base, e.g. an overlay's
     * HelmRelease carrying only `spec.chart.spec.version`). Optional for hand-built indexes.
     */
    patchFiles?: ReadonlySet<string>;
}
/**
 * One set of effective ESS `matrix-stack` values (a HelmRelease after helm-controller's merge of valuesFrom
 * and spec.values, or a plain values file) with the means to point back at where each key was written.
 */
export interface EssValuesContext {
    /** Effective values. Contributions of Secrets that could not be decrypted are missing (reported once as info). */
    values: Record<string, unknown>;
    /** Where the key at `path` was written (the last source that set it), in the outer file; undefined when unknown. */
    locate(path: readonly PathSeg[]): Location | undefined;
    /** Map a 1-based line/column inside the string value at `path` (e.g. `synapse.additional.x.config`) to the file. */
    locateInString(path: readonly PathSeg[], line: number, column: number): Location | undefined;
    /** For messages, e.g. `HelmRelease matrix/ess` or `values/ess.yaml`. */
    subject: string;
    /** Pinned chart version when known (HelmRelease spec.chart.spec.version). */
    chartVersion?: string;
    /**
     * True when some contribution could not be read offline (a SOPS Secret without an age identity, an
     * ExternalSecret, a `${VAR}` name): rules about *missing* keys should stay quiet, since the key may be there.
     */
    incomplete?: boolean;
    repo: RepoIndex;
}
/** A rule over one effective values set. */
export type ValuesCheck = (ctx: EssValuesContext) => Finding[];
/** A rule over the whole repository (e.g. plaintext credentials in ConfigMaps). */
export type RepoCheck = (repo: RepoIndex) => Finding[];

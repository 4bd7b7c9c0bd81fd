import type { PathSeg } from "../../../core/yaml.js";
import type { Location, RepoManifest } from "../components/types.js";
import type { LoadedRepo } from "../repo/load.js";
import type { YamlView } from "../repo/view.js";
/** One key of a ConfigMap/Secret as the repo defines it. */
export interface ProviderEntry {
    /** The text Flux would read; undefined when it cannot be known offline (encrypted, generated elsewhere). */
    text?: string;
    /** Where the key is written. */
    at: Location;
    /**
     * The text's own positions mapped to the repository: the YAML view the text lives in and how to reach it.
     * `kind: "string"` — the text is the string at `path` of document `docIndex` of `view`;
     * `kind: "file"` — the text is the whole file `view` (kustomize generator `files:`).
     */
    origin?: {
        kind: "string";
        view: YamlView;
        docIndex: number;
        path: PathSeg[];
    } | {
        kind: "file";
        view: YamlView;
    };
}
/** A ConfigMap or Secret that valuesFrom may reference. */
export interface ValuesProvider {
    kind: "ConfigMap" | "Secret";
    name: string;
    namespace?: string;
    file: string;
    at: Location;
    /** How the content is known. */
    source: "manifest" | "generator" | "encrypted" | "external";
    /** Keys and their content; undefined when the key set itself is unknown (external/encrypted). */
    entries?: Map<string, ProviderEntry>;
    /** The manifest, for manifest-based providers. */
    manifest?: RepoManifest;
}
/** Entries of a ConfigMap/Secret manifest (plaintext, or decrypted in memory). */
export declare function manifestEntries(m: RepoManifest, view: YamlView | undefined, body?: Record<string, unknown>): Map<string, ProviderEntry>;
/**
 * Every ConfigMap/Secret the repository defines or makes: manifests, kustomize configMapGenerator and
 * secretGenerator entries, and Secrets produced by ExternalSecret-like objects (content unknown).
 * SOPS-encrypted Secrets are listed with source "encrypted" (their content comes from `decrypted`).
 */
export declare function collectProviders(repo: LoadedRepo, decrypted: Map<RepoManifest, Record<string, unknown>>): ValuesProvider[];

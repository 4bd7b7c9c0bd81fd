import type { RepoManifest, RepoIndex, EssValuesContext } from "../components/types.js";
import { type EffectiveValues } from "../flux/values.js";
import { type LoadedFile } from "../repo/load.js";
/** The ESS chart name. */
export declare const ESS_CHART = "matrix-stack";
/** Chart name and pinned version of a HelmRelease, following chartRef to an OCIRepository/HelmChart in the repo. */
export declare function chartOf(hr: RepoManifest, repo: RepoIndex): {
    chart?: string;
    version?: string;
};
/** ESS context of a HelmRelease's effective values. */
export declare function releaseContext(ev: EffectiveValues, repo: RepoIndex, version: string | undefined): EssValuesContext;
/**
 * A YAML file that is a plain `matrix-stack` values file: one document, no apiVersion/kind, at least two ESS
 * top-level sections of which one only matrix-stack has (so values of e.g. the matrix-synapse chart, which
 * also has `serverName` and `synapse`, are not taken for ESS values).
 */
export declare function looksLikeEssValues(lf: LoadedFile): boolean;
/** ESS context of plain values files merged in order like `helm install -f a -f b` (later files win). */
export declare function valuesFileContext(files: readonly LoadedFile[], repo: RepoIndex, version: string | undefined, merged: Record<string, unknown>): EssValuesContext;

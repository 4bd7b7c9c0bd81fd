import type { RepoManifest } from "../components/types.js";
import type { LoadedRepo } from "../repo/load.js";
/**
 * Namespace of each manifest as it will be applied: metadata.namespace, else the `namespace:` of a
 * kustomization.yaml that lists the file (directly or through its folder), else undefined (decided by the
 * Flux Kustomization's targetNamespace or the cluster default, which the repo alone does not tell).
 */
export declare function namespaceResolver(repo: LoadedRepo): (m: RepoManifest) => string | undefined;
/** Namespaces match when equal or when either is not known from the repo. */
export declare function sameNamespace(a: string | undefined, b: string | undefined): boolean;

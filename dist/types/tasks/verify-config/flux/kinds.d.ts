import type { RepoManifest } from "../components/types.js";
/** A Flux Kustomization (not kustomize's kustomization.yaml). */
export declare function isFluxKustomization(m: RepoManifest): boolean;
/** A Flux HelmRelease. */
export declare function isHelmRelease(m: RepoManifest): boolean;
/** A Flux source of a given kind (HelmRepository, OCIRepository, GitRepository, HelmChart). */
export declare function isFluxSource(m: RepoManifest, kind: string): boolean;

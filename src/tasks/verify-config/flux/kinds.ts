import type { RepoManifest } from "../components/types.js";

/** A Flux Kustomization (not kustomize's kustomization.yaml). */
export function isFluxKustomization(m: RepoManifest): boolean {
  return m.kind === "Kustomization" && (m.apiVersion ?? "").startsWith("kustomize.toolkit.fluxcd.io/");
}

/** A Flux HelmRelease. */
export function isHelmRelease(m: RepoManifest): boolean {
  return m.kind === "HelmRelease" && (m.apiVersion ?? "").startsWith("helm.toolkit.fluxcd.io/");
}

/** A Flux source of a given kind (HelmRepository, OCIRepository, GitRepository, HelmChart). */
export function isFluxSource(m: RepoManifest, kind: string): boolean {
  return m.kind === kind && (m.apiVersion ?? "").startsWith("source.toolkit.fluxcd.io/");
}

import type { Finding } from "../../../core/finding.js";
import type { LoadedRepo } from "../repo/load.js";
import type { ValuesProvider } from "./providers.js";
/**
 * Flux Kustomization `spec.path` must exist in the repository (for Git sources; paths in other sources or
 * containing `${VAR}` substitutions cannot be checked offline). `exists` answers for paths relative to the
 * repository root.
 */
export declare function kustomizationPathFindings(repo: LoadedRepo, exists: (rel: string) => boolean): Finding[];
/**
 * HelmRelease chart: `spec.chart.spec.chart` (or `spec.chartRef`) is required; a chart from a
 * HelmRepository without `version` floats to the newest release on every reconcile (warning).
 */
export declare function helmReleaseChartFindings(repo: LoadedRepo): Finding[];
/** Keys that mark a ConfigMap/Secret as Helm values. */
export declare function looksLikeValuesKey(key: string): boolean;
/** ConfigMaps/Secrets holding a values-like key that no HelmRelease references (warning). */
export declare function unusedValuesSourceFindings(providers: readonly ValuesProvider[], referenced: ReadonlySet<ValuesProvider>): Finding[];
/**
 * `valuesFrom` lists nested in other objects (flux-operator ResourceSets, HelmRelease templates, patches)
 * also reference values sources: mark every provider they name as used, whatever the namespace.
 */
export declare function markNestedReferences(repo: LoadedRepo, providers: readonly ValuesProvider[], referenced: Set<ValuesProvider>): void;

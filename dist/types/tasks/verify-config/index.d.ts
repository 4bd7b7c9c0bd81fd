import { type Deps } from "../../core/deps.js";
import type { Finding, Report } from "../../core/finding.js";
import type { EssValuesContext } from "./components/types.js";
import type { VerifyConfigOptions } from "./options.js";
import { type LoadedRepo } from "./repo/load.js";
export type { VerifyConfigOptions } from "./options.js";
/** Everything the offline pass produced, for callers that need more than the report (bench, live hints). */
export interface OfflineResult {
    findings: Finding[];
    repo: LoadedRepo;
    essContexts: EssValuesContext[];
}
/**
 * The offline pass over one repository root: YAML, Kubernetes shape, kustomize references, Flux
 * Kustomization paths, HelmRelease charts and values (helm-controller merge, SOPS Secrets decrypted in
 * memory when `ageKeys` are given), ESS matrix-stack values and the component rules. Never throws on the
 * repository's content; throws MxopsError MXOPS_INPUT/MXOPS_USAGE for a bad root, path or range.
 */
export declare function verifyOffline(options: VerifyConfigOptions, deps: Deps): Promise<OfflineResult>;
/**
 * Every offline rule over an already loaded repository (findings from loading passed in). Split from the file
 * walk so hostile-input tests can drive it from memory; `exists` answers whether a repo-relative path exists.
 */
export declare function analyzeRepo(repo: LoadedRepo, exists: (rel: string) => boolean, options: VerifyConfigOptions, deps: Deps, findings?: Finding[]): Promise<OfflineResult>;
/** `verify-config`: the offline checks, then the live probes when options.live is set. */
export declare function runVerifyConfig(options: VerifyConfigOptions, deps: Deps): Promise<Report>;
/**
 * Library entry: run verify-config with typed options (see VerifyConfigOptions). `deps` defaults to the
 * real world (defaultDeps). Problems in the repository are findings; throws MxopsError only for bad input.
 */
export declare function verifyConfig(options: VerifyConfigOptions, deps?: Deps): Promise<Report>;

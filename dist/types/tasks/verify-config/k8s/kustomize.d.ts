import type { Finding } from "../../../core/finding.js";
import type { LoadedRepo } from "../repo/load.js";
/**
 * kustomization.yaml entries that name local files or folders (resources, components, patches by path,
 * generator files) must exist: `kustomize build` and Flux fail on the first missing one. Remote
 * references (URLs, git refs) are not checked.
 */
export declare function kustomizeReferenceFindings(repo: LoadedRepo, exists: (rel: string) => boolean): Finding[];

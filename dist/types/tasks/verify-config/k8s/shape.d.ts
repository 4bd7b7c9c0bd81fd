import type { Finding } from "../../../core/finding.js";
import type { LoadedRepo } from "../repo/load.js";
/**
 * Kubernetes shape: a document that has apiVersion or kind is meant as an object and must carry
 * apiVersion, kind and metadata.name (or generateName). Documents with neither are other YAML and are
 * left alone, as are files that are never manifests (CI, SOPS/lint configs, Helm charts and values).
 */
export declare function k8sShapeFindings(repo: LoadedRepo): Finding[];

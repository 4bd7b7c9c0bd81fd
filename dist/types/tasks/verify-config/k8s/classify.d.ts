/**
 * Which YAML files and documents are Kubernetes manifests. Repositories hold plenty of YAML that is not
 * applied to a cluster (CI workflows, SOPS and lint configs, Helm charts and values, tool configs);
 * those must never be flagged for missing apiVersion/kind/metadata.
 */
/** True when nothing in this file is expected to be a Kubernetes manifest (dotfiles are tool configs). */
export declare function isNonManifestPath(rel: string): boolean;
/** True for documents that are tool configuration (kustomization.yaml, kubeconfig, kind/k3d configs, lists). */
export declare function isToolConfig(apiVersion: string, kind: string): boolean;

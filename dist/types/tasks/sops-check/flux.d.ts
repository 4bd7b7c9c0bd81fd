import type { Finding } from "../../core/finding.js";
import { KustomizeTree } from "../../core/kustomize/build.js";
/**
 * `sops/flux-no-decryption` as the controller sees it. Each Flux Kustomization of this repository is built
 * offline (its kustomization.yaml, or the one Flux generates), with its `spec.patches`; a Kustomization object
 * that a parent's patch gives `spec.decryption.provider: sops` decrypts. A Kustomization without decryption
 * whose build emits encrypted YAML/JSON files is reported at the Kustomization, the files listed as `related`.
 * `kustomizationFiles` are the files holding Flux Kustomizations; `encrypted` the SOPS files to consider.
 */
export declare function fluxDecryptionFindings(tree: KustomizeTree, kustomizationFiles: readonly string[], encrypted: ReadonlySet<string>): Promise<Finding[]>;

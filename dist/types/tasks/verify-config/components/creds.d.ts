import type { RepoCheck, ValuesCheck } from "./types.js";
/**
 * Plaintext credentials in what Git stores in the clear: ConfigMap data, HelmRelease `spec.values` and Flux
 * Kustomization `spec.postBuild.substitute`, including configs embedded in them as strings. Secrets are
 * skipped (SOPS encrypts them; unencrypted Secrets are sops-check's business).
 */
export declare const checkRepoCredentials: RepoCheck;
/**
 * Plaintext credentials in plain values files (`helm install -f values.yaml`). Keys whose value came from a
 * manifest are left to the repository scan (no duplicate findings), and values from decrypted Secrets are
 * never reported: they are encrypted in Git.
 */
export declare const checkValuesCredentials: ValuesCheck;

import type { Finding } from "../../../core/finding.js";
import type { RepoManifest } from "../components/types.js";
import type { VerifyConfigOptions } from "../options.js";
import type { LoadedRepo } from "../repo/load.js";
/**
 * Decrypt, in memory only, the SOPS-encrypted Secrets among the repository's manifests with the given age
 * identities (the sops-check engine: data key, values and MAC verified like `sops decrypt`). Returns
 * plaintext bodies by manifest; decrypted values are registered with `addSecret` before anything can print
 * them. A file that fails to decrypt gives one warning; nothing throws except MXOPS_INPUT for unusable keys.
 */
export declare function decryptSecrets(repo: LoadedRepo, options: Pick<VerifyConfigOptions, "ageKeys" | "agePassphrase">, addSecret: (s: string) => void, findings: Finding[]): Promise<Map<RepoManifest, Record<string, unknown>>>;

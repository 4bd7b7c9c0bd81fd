import type { Finding } from "../../../core/finding.js";
import { describeError } from "../../../core/errors.js";
import { decryptSopsYaml, loadAgeIdentities, type AgeIdentities } from "../../../core/sops/index.js";
import { registerDecrypted } from "../../../core/secret-values.js";
import type { RepoManifest } from "../components/types.js";
import type { VerifyConfigOptions } from "../options.js";
import type { LoadedRepo } from "../repo/load.js";
import { isRecord } from "../repo/load.js";

/**
 * Decrypt, in memory only, the SOPS-encrypted Secrets among the repository's manifests with the given age
 * identities (the sops-check engine: data key, values and MAC verified like `sops decrypt`). Returns
 * plaintext bodies by manifest; decrypted values are registered with `addSecret` before anything can print
 * them. A file that fails to decrypt gives one warning; nothing throws except MXOPS_INPUT for unusable keys.
 */
export async function decryptSecrets(
  repo: LoadedRepo,
  options: Pick<VerifyConfigOptions, "ageKeys" | "agePassphrase">,
  addSecret: (s: string) => void,
  findings: Finding[],
): Promise<Map<RepoManifest, Record<string, unknown>>> {
  const out = new Map<RepoManifest, Record<string, unknown>>();
  const targets = repo.manifests.filter((m) => m.kind === "Secret" && "sops" in m.body);
  if (!options.ageKeys || options.ageKeys.length === 0 || targets.length === 0) return out;
  const loadOpts: { passphrase?: string; onSecret: (s: string) => void } = { onSecret: addSecret };
  if (options.agePassphrase !== undefined) loadOpts.passphrase = options.agePassphrase;
  const identities: AgeIdentities = await loadAgeIdentities(options.ageKeys, loadOpts);
  const byFile = new Map<string, RepoManifest[]>();
  for (const m of targets) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m]);
  for (const [file, ms] of byFile) {
    const lf = repo.files.find((f) => f.rel === file);
    if (!lf) continue;
    try {
      const r = await decryptSopsYaml(lf.view.text, identities);
      if (!r.ok) {
        findings.push({
          ruleId: "flux/values-decrypt-failed",
          severity: "warning",
          message: `cannot decrypt with the given age identities (${r.reason}): ${r.message}; its values are not checked`,
          file,
          hint: "Run `mxops sops-check` on this file for details.",
        });
        continue;
      }
      for (const m of ms) {
        const body = r.docs[m.docIndex];
        if (!isRecord(body)) continue;
        registerDecrypted(body, addSecret, { secretData: true });
        out.set(m, body);
      }
    } catch (e) {
      findings.push({
        ruleId: "flux/values-decrypt-failed",
        severity: "warning",
        message: `cannot decrypt: ${describeError(e)}`,
        file,
      });
    }
  }
  return out;
}

import type { Finding } from "../../../core/finding.js";
import { describeError } from "../../../core/errors.js";
import { decryptSopsYaml, loadAgeIdentities, type AgeIdentities } from "../../../core/sops/index.js";
import { parseYaml, toJS } from "../../../core/yaml.js";
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
        registerStrings(body, addSecret);
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

/** Keys whose values are secrets in any config (Kubernetes Secret data, chart values, Synapse/MAS configs). */
const SECRET_KEY =
  /(secret|passw|token|private|credential|passphrase|macaroon|signing|api[_-]?key|(^|[_.-])key$|[a-z]Key$|^key$|dsn$|webhook)/i;

/** Values that look generated (long, no spaces, letters and digits): masked whatever their key. IDs excepted. */
function looksGenerated(v: string): boolean {
  const t = v.trim();
  if (t.length < 20 || /\s/.test(t) || /^https?:\/\//i.test(t)) return false;
  if (/^[0-9A-HJKMNP-TV-Z]{26}$/.test(t)) return false; // ULID (MAS provider/client ids)
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(t)) return false; // host names
  return /[A-Za-z]/.test(t) && /\d/.test(t);
}

/**
 * Register decrypted secret values with the redactor: leaves under secret-like keys and generated-looking
 * strings. Multi-line strings holding YAML (a values.yaml, a Synapse/MAS config) are followed leaf by leaf.
 * Plain values (host names, ids, booleans, names) stay readable: masking them would mangle findings.
 */
function registerStrings(v: unknown, add: (s: string) => void, depth = 0, secretKey = false): void {
  if (depth > 32) return;
  if (typeof v === "string") {
    if (v.includes("\n")) {
      const docs = parseYaml(v).docs;
      const js = docs.length === 1 && docs[0] && docs[0].errors.length === 0 ? toJS(docs[0]) : undefined;
      if (js && "value" in js && typeof js.value === "object" && js.value !== null)
        return registerStrings(js.value, add, depth + 1, false);
      if (secretKey) add(v);
      for (const line of v.split(/\r?\n/))
        if (secretKey ? line.trim().length >= 4 : looksGenerated(line)) add(line.trim());
      return;
    }
    if ((secretKey && v.trim().length >= 4) || looksGenerated(v)) add(v);
  } else if (typeof v === "number" || typeof v === "bigint") {
    if (secretKey && String(v).length >= 4) add(String(v));
  } else if (Array.isArray(v)) v.forEach((x) => registerStrings(x, add, depth + 1, secretKey));
  else if (isRecord(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (depth === 0 && ["metadata", "apiVersion", "kind", "type", "sops"].includes(k)) continue;
      // Every key of a Secret's data is secret unless it holds a YAML document we can look into.
      const secretHere = SECRET_KEY.test(k) || (depth === 1 && !(typeof x === "string" && x.includes("\n")));
      registerStrings(x, add, depth + 1, secretHere);
    }
  }
}

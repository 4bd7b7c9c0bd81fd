import type { Finding } from "../../../core/finding.js";
import { describeError } from "../../../core/errors.js";
import { parseYaml, toJS } from "../../../core/yaml.js";
import type { RepoManifest } from "../components/types.js";
import type { LoadedRepo } from "../repo/load.js";
import { isRecord } from "../repo/load.js";

/** The part of the SOPS engine (src/core/sops) verify-config uses. */
interface SopsEngine {
  loadAgeIdentities(keys: string): unknown;
  decryptSopsYaml(text: string, identities: unknown): unknown;
}

/** Loaded lazily so verify-config works (treating encrypted sources as unknown) while the engine is absent. */
async function loadEngine(): Promise<SopsEngine | undefined> {
  const modulePath = "../../../core/sops/index.js";
  try {
    const mod = (await import(modulePath)) as Partial<SopsEngine>;
    if (typeof mod.loadAgeIdentities === "function" && typeof mod.decryptSopsYaml === "function") return mod as SopsEngine;
  } catch {
    /* engine not built in: encrypted values stay unknown */
  }
  return undefined;
}

/** Turn whatever the engine returns (YAML text, `{ text }`, or a JS tree) into the documents of the file. */
function documentsOf(result: unknown): unknown[] {
  const text = typeof result === "string" ? result : isRecord(result) && typeof result.text === "string" ? result.text : isRecord(result) && typeof result.plaintext === "string" ? result.plaintext : undefined;
  if (text === undefined) return Array.isArray(result) ? result : [result];
  return parseYaml(text).docs.map((d) => {
    const js = toJS(d);
    return "value" in js ? js.value : undefined;
  });
}

/**
 * Decrypt, in memory only, the SOPS-encrypted Secrets among the repository's manifests with the given age
 * identities. Returns plaintext bodies by manifest; every decrypted string value is registered with
 * `addSecret` before it can reach any output. Files that fail to decrypt give one warning each; nothing throws.
 */
export async function decryptSecrets(repo: LoadedRepo, ageKey: string | undefined, addSecret: (s: string) => void, findings: Finding[]): Promise<Map<RepoManifest, Record<string, unknown>>> {
  const out = new Map<RepoManifest, Record<string, unknown>>();
  const targets = repo.manifests.filter((m) => m.kind === "Secret" && "sops" in m.body);
  if (!ageKey || targets.length === 0) return out;
  const engine = await loadEngine();
  if (!engine) return out;
  let identities: unknown;
  try {
    identities = await engine.loadAgeIdentities(ageKey);
  } catch (e) {
    findings.push({ ruleId: "flux/values-decrypt-failed", severity: "warning", message: `age identities could not be loaded: ${describeError(e)}` });
    return out;
  }
  const byFile = new Map<string, RepoManifest[]>();
  for (const m of targets) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m]);
  for (const [file, ms] of byFile) {
    const lf = repo.files.find((f) => f.rel === file);
    if (!lf) continue;
    try {
      const docs = documentsOf(await engine.decryptSopsYaml(lf.view.text, identities));
      for (const m of ms) {
        const body = docs[m.docIndex] ?? (ms.length === 1 ? docs[0] : undefined);
        if (!isRecord(body)) continue;
        registerStrings(body, addSecret);
        out.set(m, body);
      }
    } catch (e) {
      findings.push({ ruleId: "flux/values-decrypt-failed", severity: "warning", message: `cannot decrypt with the given age identities: ${describeError(e)}`, file });
    }
  }
  return out;
}

/** Values too plain to be secret; masking them would mangle unrelated output (hosts, booleans, words). */
function worthMasking(s: string): boolean {
  const t = s.trim();
  if (t.length < 6) return false;
  if (/^(true|false|null|yes|no)$/i.test(t)) return false;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(t) || /^https?:\/\/[^@\s]+$/i.test(t)) return false;
  return !/^[a-z]+$/.test(t);
}

/**
 * Register decrypted leaf values with the redactor. Multi-line strings holding YAML (a values.yaml, a
 * Synapse config) are registered leaf by leaf; registering whole lines would mask ordinary words elsewhere.
 */
function registerStrings(v: unknown, add: (s: string) => void, depth = 0): void {
  if (depth > 6) return;
  if (typeof v === "string") {
    if (v.includes("\n")) {
      const docs = parseYaml(v).docs;
      const js = docs.length === 1 && docs[0] && docs[0].errors.length === 0 ? toJS(docs[0]) : undefined;
      if (js && "value" in js && typeof js.value === "object" && js.value !== null) return registerStrings(js.value, add, depth + 1);
      for (const line of v.split(/\r?\n/)) if (worthMasking(line)) add(line.trim());
      return;
    }
    if (worthMasking(v)) add(v);
  } else if (Array.isArray(v)) v.forEach((x) => registerStrings(x, add, depth + 1));
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (depth > 0 || !["metadata", "apiVersion", "kind", "type", "sops"].includes(k)) registerStrings(x, add, depth + 1);
}

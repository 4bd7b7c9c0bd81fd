import type { Finding } from "../../../core/finding.js";
import { isSopsMarkedName } from "../../sops-check/evidence.js";
import type { PathSeg } from "../../../core/yaml.js";
import type { EssValuesContext, RepoCheck, RepoIndex, RepoManifest, ValuesCheck } from "./types.js";
import {
  classifySecretValue,
  isCredentialKey,
  scanCredentials,
  type CredentialHit,
  type Locator,
} from "./util/credentials.js";
import { at, isRecord } from "./util/where.js";

const HINT =
  "Move the value into a SOPS-encrypted Secret and reference it: ESS credentials take `{secret: <name>, secretKey: <key>}`, " +
  "additional configs take `configSecret`/`configSecretKey`, Synapse/MAS options have `*_file`/`*_path` variants, " +
  "and Flux can inject it with `valuesFrom` or postBuild `substituteFrom` a Secret.";

function toFinding(hit: CredentialHit, where: string): Finding {
  if (hit.kind === "placeholder") {
    return {
      ruleId: "creds/placeholder-credential",
      severity: "warning",
      message: `${hit.keyPath} in ${where} holds a well-known placeholder instead of a secret`,
      ...at(hit.location),
      keyPath: hit.keyPath,
      hint: "Anyone can guess a placeholder; generate a real secret and keep it in a SOPS-encrypted Secret.",
    };
  }
  return {
    ruleId: "creds/plaintext-credential",
    severity: "error",
    message:
      hit.kind === "url"
        ? `${hit.keyPath} in ${where} is a URL with a plaintext password`
        : `${hit.keyPath} in ${where} is a plaintext credential`,
    ...at(hit.location),
    keyPath: hit.keyPath,
    hint: HINT,
  };
}

function manifestLocator(m: RepoManifest): Locator {
  return { key: (p) => m.locate(p), inString: (p, l, c) => m.locateInString(p, l, c) };
}

function scanConfigMap(m: RepoManifest): CredentialHit[] {
  const data = m.body.data;
  if (!isRecord(data)) return [];
  const hits: CredentialHit[] = [];
  for (const [key, value] of Object.entries(data)) {
    const path: PathSeg[] = ["data", key];
    // Flat entries (`CLIENT_SECRET: ...`) are judged by their key; file-like entries are opened by the scanner.
    if (isCredentialKey(key, data, path)) {
      const kind = classifySecretValue(value);
      if (kind !== "none") hits.push({ kind, keyPath: `data.${key}`, location: m.locate(path) });
      continue;
    }
    hits.push(...scanCredentials({ [key]: value }, ["data"], manifestLocator(m)));
  }
  return hits;
}

function describe(m: RepoManifest): string {
  return `${m.kind ?? "document"} ${m.namespace ? `${m.namespace}/` : ""}${m.name ?? "?"}`;
}

/**
 * Plaintext credentials in what Git stores in the clear: ConfigMap data, HelmRelease `spec.values` and Flux
 * Kustomization `spec.postBuild.substitute`, including configs embedded in them as strings. Secrets are
 * skipped (SOPS encrypts them; unencrypted Secrets are sops-check's business).
 */
export const checkRepoCredentials: RepoCheck = (repo) => {
  const out: Finding[] = [];
  for (const m of repo.manifests) {
    let hits: CredentialHit[] = [];
    if (m.kind === "ConfigMap") hits = scanConfigMap(m);
    else if (m.kind === "HelmRelease" && isRecord(m.body.spec) && isRecord(m.body.spec.values)) {
      hits = scanCredentials(m.body.spec.values, ["spec", "values"], manifestLocator(m));
    } else if (m.kind === "Kustomization" && isRecord(m.body.spec) && isRecord(m.body.spec.postBuild)) {
      const sub = m.body.spec.postBuild.substitute;
      if (isRecord(sub)) hits = scanCredentials(sub, ["spec", "postBuild", "substitute"], manifestLocator(m));
    }
    for (const h of hits) out.push(toFinding(h, describe(m)));
  }
  return out;
};

const COVERED_KINDS = new Set(["ConfigMap", "HelmRelease", "Kustomization", "Secret"]);

/** True when the file is reported by the repository scan, or is encrypted (Secret, SOPS file). */
function coveredOrEncrypted(repo: RepoIndex, file: string): boolean {
  if (isSopsMarkedName(file)) return true;
  return repo.manifests.some(
    (m) => m.file === file && ((m.kind !== undefined && COVERED_KINDS.has(m.kind)) || "sops" in m.body),
  );
}

/**
 * Plaintext credentials in plain values files (`helm install -f values.yaml`). Keys whose value came from a
 * manifest are left to the repository scan (no duplicate findings), and values from decrypted Secrets are
 * never reported: they are encrypted in Git.
 */
export const checkValuesCredentials: ValuesCheck = (ctx: EssValuesContext) => {
  const hits = scanCredentials(ctx.values, [], {
    key: (p) => ctx.locate(p),
    inString: (p, l, c) => ctx.locateInString(p, l, c),
  });
  return hits
    .filter((h) => h.location && !coveredOrEncrypted(ctx.repo, h.location.file))
    .map((h) => toFinding(h, ctx.subject));
};

import type { Finding, RelatedLocation } from "../../core/finding.js";
import {
  isFluxKustomization,
  KustomizeTree,
  normaliseSourcePath,
  type BuiltResource,
} from "../../core/kustomize/build.js";
import { objectId } from "../../core/kustomize/select.js";
import { formatForPath } from "../../core/sops/tree.js";

interface WrittenKustomization {
  file: string;
  doc: number;
  line: number;
  name: string;
  spec: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Flux Kustomizations as written in the given files. */
async function writtenKustomizations(tree: KustomizeTree, files: readonly string[]): Promise<WrittenKustomization[]> {
  const out: WrittenKustomization[] = [];
  for (const file of files) {
    const docs = (await tree.docs(file)) ?? [];
    docs.forEach((d, doc) => {
      if (!isRecord(d.value)) return;
      const id = objectId(d.value);
      if (!isFluxKustomization(id)) return;
      const spec = isRecord(d.value.spec) ? d.value.spec : {};
      out.push({ file, doc, line: d.line, name: id.name ?? "(unnamed)", spec });
    });
  }
  return out;
}

/**
 * Names of the GitRepository sources that are this repository: `flux-system` (what `flux bootstrap` creates)
 * and the one most Kustomizations use. Other sources (OCIRepository, Bucket, other GitRepositories) hold
 * other content.
 */
function selfSources(ks: readonly WrittenKustomization[]): Set<string> {
  const uses = new Map<string, number>();
  for (const k of ks) {
    const src = isRecord(k.spec.sourceRef) ? k.spec.sourceRef : {};
    if ((src.kind === undefined || src.kind === "GitRepository") && typeof src.name === "string")
      uses.set(src.name, (uses.get(src.name) ?? 0) + 1);
  }
  const top = [...uses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return new Set(["flux-system", ...(top ? [top[0]] : [])]);
}

/** The directory of this repository a Kustomization builds, or undefined when it builds something else. */
function builtDir(k: WrittenKustomization, self: ReadonlySet<string>): string | undefined {
  const src = isRecord(k.spec.sourceRef) ? k.spec.sourceRef : {};
  if (src.kind !== undefined && src.kind !== "GitRepository") return undefined;
  if (typeof src.name === "string" && !self.has(src.name)) return undefined;
  const raw = k.spec.path ?? "./";
  // A path with ${VAR} is substituted by a parent Kustomization at apply time: not known offline.
  if (typeof raw !== "string" || raw.includes("${")) return undefined;
  return normaliseSourcePath(raw);
}

const key = (file: string, doc: number) => `${file}#${doc}`;

/** flux-operator entry points: FluxInstance `spec.sync.path` and flux-instance chart values `instance.sync.path`. */
async function syncPaths(tree: KustomizeTree, files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    for (const d of (await tree.docs(file)) ?? []) {
      const v = d.value;
      if (!isRecord(v)) continue;
      const spec = isRecord(v.spec) ? v.spec : {};
      const holders = [
        v.kind === "FluxInstance" ? { sync: spec.sync } : undefined,
        v.instance,
        isRecord(spec.values) ? spec.values.instance : undefined,
      ];
      for (const h of holders) {
        if (isRecord(h) && isRecord(h.sync) && typeof h.sync.path === "string" && !h.sync.path.includes("${"))
          out.push(normaliseSourcePath(h.sync.path));
      }
    }
  }
  return [...new Set(out)];
}

/**
 * Kustomizations Flux applies: the entry points and what their builds reach, transitively. Undefined when the
 * repository shows no entry point (then every Kustomization counts, as the cluster's root may live elsewhere).
 * A Kustomization no live build reaches (an .archive tree, a ks.yaml the parent kustomization.yaml forgot) is
 * never applied.
 */
function liveKustomizations(
  ks: readonly WrittenKustomization[],
  builds: ReadonlyMap<WrittenKustomization, BuiltResource[]>,
  entries: ReadonlySet<string>,
): Set<string> | undefined {
  if (entries.size === 0) return undefined;
  const byKey = new Map(ks.map((k) => [key(k.file, k.doc), k]));
  const live = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const k = byKey.get(queue.pop()!);
    if (!k || live.has(key(k.file, k.doc))) continue;
    live.add(key(k.file, k.doc));
    for (const r of builds.get(k) ?? []) if (isFluxKustomization(r.id)) queue.push(key(r.file, r.doc));
  }
  return live;
}

/**
 * `sops/flux-no-decryption` as the controller sees it. Each Flux Kustomization of this repository is built
 * offline (its kustomization.yaml, or the one Flux generates), with its `spec.patches`; a Kustomization object
 * that a parent's patch gives `spec.decryption.provider: sops` decrypts. A Kustomization without decryption
 * whose build emits encrypted YAML/JSON files is reported at the Kustomization, the files listed as `related`.
 * `kustomizationFiles` are the files holding Flux Kustomizations; `encrypted` the SOPS files to consider.
 */
export async function fluxDecryptionFindings(
  tree: KustomizeTree,
  kustomizationFiles: readonly string[],
  encrypted: ReadonlySet<string>,
): Promise<Finding[]> {
  const files = [...new Set(kustomizationFiles)].sort();
  const ks = await writtenKustomizations(tree, files);
  const self = selfSources(ks);
  const patched = new Set<string>();
  const reached = new Set<string>();
  const builds = new Map<WrittenKustomization, BuiltResource[]>();
  const entries = new Set<string>();
  // One at a time: builds share a memo and must not wait on each other.
  for (const k of ks) {
    const dir = builtDir(k, self);
    if (dir === undefined) continue;
    const built = await tree.buildFlux(dir, k.spec.patches);
    if (!built) continue;
    builds.set(k, built);
    for (const r of built) {
      if (!isFluxKustomization(r.id)) continue;
      reached.add(key(r.file, r.doc));
      if (r.patchedSops) patched.add(key(r.file, r.doc));
      // flux-system (flux bootstrap) or any Kustomization that applies itself is where the cluster starts.
      if (r.file === k.file && r.doc === k.doc) entries.add(key(k.file, k.doc));
    }
    if (k.name === "flux-system") entries.add(key(k.file, k.doc));
  }
  for (const dir of await syncPaths(tree, files)) {
    for (const r of (await tree.buildFlux(dir, undefined)) ?? [])
      if (isFluxKustomization(r.id)) entries.add(key(r.file, r.doc));
  }
  const live = liveKustomizations(ks, builds, entries);
  const out: Finding[] = [];
  for (const [k, built] of builds) {
    if (live && !live.has(key(k.file, k.doc))) continue;
    const own = isRecord(k.spec.decryption) && k.spec.decryption.provider === "sops";
    if (own || patched.has(key(k.file, k.doc))) continue;
    const related: RelatedLocation[] = [];
    const seen = new Set<string>();
    for (const r of built) {
      if (seen.has(r.file) || !encrypted.has(r.file)) continue;
      const fmt = formatForPath(r.file);
      if (fmt !== "yaml" && fmt !== "json") continue;
      seen.add(r.file);
      related.push({ file: r.file, line: r.line, message: "SOPS-encrypted, applied by this Kustomization" });
    }
    if (related.length === 0) continue;
    related.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    out.push({
      ruleId: "sops/flux-no-decryption",
      severity: "error",
      message: `Flux Kustomization ${JSON.stringify(k.name)} applies ${related.length} SOPS-encrypted file(s) without spec.decryption.provider: sops, so ciphertext would reach the cluster (first: ${related[0].file})`,
      file: k.file,
      line: k.line,
      hint: "add spec.decryption: {provider: sops, secretRef: {name: sops-age}} to the Kustomization, or patch it in from the parent Kustomization",
      data: { kustomization: k.name, files: related.map((r) => r.file) },
      related,
    });
  }
  return out;
}

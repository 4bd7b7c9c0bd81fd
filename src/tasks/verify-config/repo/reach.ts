import path from "node:path/posix";
import { isFluxKustomization } from "../flux/kinds.js";
import { isRecord, type LoadedRepo } from "./load.js";

/**
 * The files Flux actually applies, followed from the cluster's entry points: the `flux-system` Kustomization
 * (flux bootstrap), a Kustomization whose path holds its own file, and FluxInstance / flux-instance chart `sync.path` (flux-operator). From a folder: its
 * kustomization.yaml entries, or, without one, every file below it (Flux generates the kustomization, taking
 * nested kustomization folders as units); from a file: the spec.path of each Flux Kustomization in it.
 * A `${VAR}` in a path reaches every folder it could name. Undefined when there is no entry point: then every
 * file counts as deployed.
 */
export function deployedFiles(repo: LoadedRepo): Set<string> | undefined {
  const roots = entryPaths(repo);
  if (roots.length === 0) return undefined;
  const all = [...repo.allPaths];
  const kdirs = new Map<string, Record<string, unknown>>();
  for (const lf of repo.files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    kdirs.set(path.dirname(lf.rel), isRecord(lf.values[0]) ? lf.values[0] : {});
  }
  const ksByFile = new Map<string, string[]>();
  for (const m of repo.manifests) {
    if (!isFluxKustomization(m)) continue;
    const spec = isRecord(m.body.spec) ? m.body.spec : {};
    const src = isRecord(spec.sourceRef) ? spec.sourceRef : {};
    // Another source (an OCIRepository such as the flux-manifests artifact) holds other content than this repository.
    if (src.kind !== undefined && src.kind !== "GitRepository") continue;
    const p = typeof spec.path === "string" ? spec.path : "./";
    ksByFile.set(m.file, [...(ksByFile.get(m.file) ?? []), p]);
  }
  const files = new Set<string>();
  const dirs = new Set<string>();
  const norm = (p: string) => path.normalize(p.replace(/^\.?\/+/, "") || ".");
  let allDirs: string[] | undefined;
  /** A path with `${VAR}` reaches every existing folder it could name (over-approximating keeps errors). */
  const reachPath = (p: string) => {
    if (!p.includes("${")) return reachDir(norm(p));
    allDirs ??= [
      ...new Set(
        all.flatMap((f) =>
          f
            .split("/")
            .slice(0, -1)
            .map((_, i, a) => a.slice(0, i + 1).join("/")),
        ),
      ),
    ];
    const re = new RegExp(
      `^${norm(p)
        .split(/\$\{[^}]*\}/)
        .map((x) => x.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&"))
        .join("[^/]+")}$`,
    );
    for (const d of allDirs) if (re.test(d)) reachDir(d);
  };
  const reachFile = (f: string) => {
    if (files.has(f)) return;
    files.add(f);
    for (const p of ksByFile.get(f) ?? []) reachPath(p);
  };
  const reachDir = (dir: string): void => {
    if (dirs.has(dir)) return;
    dirs.add(dir);
    const body = kdirs.get(dir);
    if (body) {
      for (const k of ["kustomization.yaml", "kustomization.yml"])
        if (repo.allPaths.has(path.join(dir, k))) files.add(path.join(dir, k));
      for (const field of ["resources", "components", "crds"]) {
        const list = body[field];
        if (!Array.isArray(list)) continue;
        for (const r of list) {
          if (typeof r !== "string" || r.includes("://")) continue;
          const target = path.normalize(path.join(dir, r));
          if (repo.allPaths.has(target)) reachFile(target);
          else reachDir(target);
        }
      }
      return;
    }
    const prefix = dir === "." ? "" : `${dir}/`;
    const nested = [...kdirs.keys()].filter((d) => d !== dir && (dir === "." || d.startsWith(prefix)));
    const top = nested.filter((d) => !nested.some((o) => o !== d && d.startsWith(`${o}/`)));
    for (const d of top) reachDir(d);
    for (const f of all) if (f.startsWith(prefix) && !top.some((d) => f.startsWith(`${d}/`))) reachFile(f);
  };
  for (const r of roots) reachPath(r);
  return files;
}

/** Entry points: the flux-system Kustomization's path, self-applying roots and flux-operator sync paths. */
function entryPaths(repo: LoadedRepo): string[] {
  const out: string[] = [];
  for (const m of repo.manifests) {
    const spec = isRecord(m.body.spec) ? m.body.spec : undefined;
    if (isFluxKustomization(m) && spec && typeof spec.path === "string") {
      // flux-system (flux bootstrap), or any root that applies itself: its own file lies below its path.
      const own = path.normalize(spec.path.replace(/^\.?\/+/, "") || ".");
      const src = isRecord(spec.sourceRef) ? spec.sourceRef : {};
      const fromGit = src.kind === undefined || src.kind === "GitRepository";
      const selfApplying = fromGit && !spec.path.includes("${") && (own === "." || m.file.startsWith(`${own}/`));
      if (m.name === "flux-system" || selfApplying) out.push(spec.path);
    }
    if (m.kind === "FluxInstance" && spec && isRecord(spec.sync) && typeof spec.sync.path === "string")
      out.push(spec.sync.path);
  }
  // The flux-instance chart's values (inline or in a generator's values file): instance.sync.path.
  for (const lf of repo.files) {
    if (!lf.view.text.includes("sync:")) continue;
    for (const v of lf.values) {
      const holders = isRecord(v) ? [v, isRecord(v.spec) && isRecord(v.spec.values) ? v.spec.values : undefined] : [];
      for (const h of holders) {
        const inst = h && isRecord(h.instance) ? h.instance : undefined;
        if (inst && isRecord(inst.sync) && typeof inst.sync.path === "string") out.push(inst.sync.path);
      }
    }
  }
  return out;
}

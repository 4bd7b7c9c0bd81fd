import path from "node:path/posix";
import type { Finding } from "../../../core/finding.js";
import type { LoadedRepo } from "../repo/load.js";
import { isRecord } from "../repo/load.js";
import { isFluxKustomization } from "../flux/kinds.js";

/**
 * kustomization.yaml entries that name local files or folders (resources, components, patches by path,
 * generator files) must exist: `kustomize build` and Flux fail on the first missing one. Remote
 * references (URLs, git refs) are not checked.
 */
export function kustomizeReferenceFindings(repo: LoadedRepo, exists: (rel: string) => boolean): Finding[] {
  const out: Finding[] = [];
  const deployed = deployedKustomizations(repo);
  for (const lf of repo.files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    const body = lf.values[0];
    if (!isRecord(body)) continue;
    const dir = path.dirname(lf.rel);
    const reached = !deployed || deployed.has(dir);
    const check = (ref: unknown, keyPath: (string | number)[]) => {
      if (typeof ref !== "string" || ref === "" || /:\/\/|^github\.com\/|^git@|\?ref=|\$\{/.test(ref)) return;
      const rel = path.normalize(path.join(dir, ref));
      if (rel.startsWith("..") || exists(rel)) return;
      const node = lf.view.parsed.docs[0]?.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
      const pos = node?.range ? lf.view.parsed.lineCounter.linePos(node.range[0]) : undefined;
      out.push({
        ruleId: "k8s/kustomize-missing-file",
        // A kustomization no Flux Kustomization reaches is not deployed: still broken, but not failing anything.
        severity: reached ? "error" : "warning",
        message: `${keyPath[0]} entry ${JSON.stringify(ref)} does not exist (${rel})${reached ? "" : "; this kustomization is not reached from any Flux Kustomization"}`,
        file: lf.rel,
        ...(pos ? { line: pos.line, column: pos.col } : {}),
        hint: "kustomize build stops at a missing file; fix the path or add the file.",
      });
    };
    for (const field of ["resources", "components", "crds"] as const) {
      const list = body[field];
      if (Array.isArray(list)) list.forEach((r, i) => check(r, [field, i]));
    }
    for (const field of ["patches", "patchesStrategicMerge"] as const) {
      const list = body[field];
      if (!Array.isArray(list)) continue;
      list.forEach((p, i) => {
        if (typeof p === "string" && !p.includes("\n")) check(p, [field, i]);
        else if (isRecord(p) && typeof p.path === "string") check(p.path, [field, i, "path"]);
      });
    }
    for (const field of ["configMapGenerator", "secretGenerator"] as const) {
      const list = body[field];
      if (!Array.isArray(list)) continue;
      list.forEach((g, i) => {
        if (!isRecord(g)) return;
        if (Array.isArray(g.files))
          g.files.forEach(
            (f, j) =>
              typeof f === "string" && check(f.includes("=") ? f.slice(f.indexOf("=") + 1) : f, [field, i, "files", j]),
          );
        if (Array.isArray(g.envs)) g.envs.forEach((f, j) => check(f, [field, i, "envs", j]));
      });
    }
  }
  return out;
}

/**
 * Folders of kustomization.yaml files that Flux builds: those at a Flux Kustomization's spec.path and those
 * listed (as folders) in the resources/components of one already reached. A spec.path without its own
 * kustomization.yaml makes Flux include everything below it. Undefined when the repository has no
 * checkable Flux Kustomization (plain kustomize repos): then every kustomization counts as deployed.
 */
function deployedKustomizations(repo: LoadedRepo): Set<string> | undefined {
  const kdirs = new Map<string, Record<string, unknown>>();
  for (const lf of repo.files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    const body = lf.values[0];
    kdirs.set(path.dirname(lf.rel), isRecord(body) ? body : {});
  }
  const roots: string[] = [];
  for (const m of repo.manifests) {
    if (!isFluxKustomization(m)) continue;
    const spec = isRecord(m.body.spec) ? m.body.spec : {};
    const p = typeof spec.path === "string" ? spec.path : "./";
    if (p.includes("${")) return undefined; // cannot tell what is deployed
    roots.push(path.normalize(p.replace(/^\.?\/+/, "") || "."));
  }
  if (roots.length === 0) return undefined;
  const reached = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const dir = queue.pop() as string;
    if (reached.has(dir)) continue;
    reached.add(dir);
    const body = kdirs.get(dir);
    if (!body) {
      // Flux generates a kustomization for the folder: it takes each topmost nested folder that has its own
      // kustomization.yaml as a whole (and that one decides what below it is built).
      const below = [...kdirs.keys()].filter((d) => dir === "." || d.startsWith(`${dir}/`));
      for (const d of below) if (!below.some((o) => o !== d && d.startsWith(`${o}/`))) queue.push(d);
      continue;
    }
    for (const field of ["resources", "components"]) {
      const list = body[field];
      if (!Array.isArray(list)) continue;
      for (const r of list)
        if (typeof r === "string" && !r.includes("://")) queue.push(path.normalize(path.join(dir, r)));
    }
  }
  return reached;
}

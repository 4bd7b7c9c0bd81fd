import path from "node:path/posix";
import type { RepoManifest } from "../components/types.js";
import type { LoadedRepo } from "../repo/load.js";
import { isRecord } from "../repo/load.js";

/**
 * Namespace of each manifest as it will be applied: metadata.namespace, else the `namespace:` of a
 * kustomization.yaml that lists the file (directly or through its folder), else undefined (decided by the
 * Flux Kustomization's targetNamespace or the cluster default, which the repo alone does not tell).
 */
export function namespaceResolver(repo: LoadedRepo): (m: RepoManifest) => string | undefined {
  const byFile = new Map<string, string>();
  for (const lf of repo.files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    const body = lf.values[0];
    if (!isRecord(body) || typeof body.namespace !== "string" || !Array.isArray(body.resources)) continue;
    const dir = path.dirname(lf.rel);
    for (const r of body.resources) {
      if (typeof r !== "string" || r.includes("://")) continue;
      const target = path.normalize(path.join(dir, r));
      byFile.set(target, body.namespace);
    }
    byFile.set(`${dir}/`, body.namespace);
  }
  return (m) => {
    if (m.namespace) return m.namespace;
    const direct = byFile.get(m.file);
    if (direct) return direct;
    // A folder listed as a resource (its own kustomization.yaml sets no namespace): walk up.
    let dir = path.dirname(m.file);
    while (dir && dir !== ".") {
      const ns = byFile.get(dir) ?? byFile.get(`${dir}/`);
      if (ns) return ns;
      dir = path.dirname(dir);
    }
    return byFile.get("./") ?? undefined;
  };
}

/** Namespaces match when equal or when either is not known from the repo. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

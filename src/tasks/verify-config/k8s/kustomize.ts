import path from "node:path/posix";
import type { Finding } from "../../../core/finding.js";
import type { LoadedRepo } from "../repo/load.js";
import { isRecord } from "../repo/load.js";

/**
 * kustomization.yaml entries that name local files or folders (resources, components, patches by path,
 * generator files) must exist: `kustomize build` and Flux fail on the first missing one. Remote
 * references (URLs, git refs) are not checked.
 */
export function kustomizeReferenceFindings(repo: LoadedRepo, exists: (rel: string) => boolean): Finding[] {
  const out: Finding[] = [];
  for (const lf of repo.files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    const body = lf.values[0];
    if (!isRecord(body)) continue;
    const dir = path.dirname(lf.rel);
    const check = (ref: unknown, keyPath: (string | number)[]) => {
      if (typeof ref !== "string" || ref === "" || /:\/\/|^github\.com\/|^git@|\?ref=|\$\{/.test(ref)) return;
      const rel = path.normalize(path.join(dir, ref));
      if (rel.startsWith("..") || exists(rel)) return;
      const node = lf.view.parsed.docs[0]?.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
      const pos = node?.range ? lf.view.parsed.lineCounter.linePos(node.range[0]) : undefined;
      out.push({
        ruleId: "k8s/kustomize-missing-file",
        severity: "error",
        message: `${keyPath[0]} entry ${JSON.stringify(ref)} does not exist (${rel})`,
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
        if (Array.isArray(g.files)) g.files.forEach((f, j) => typeof f === "string" && check(f.includes("=") ? f.slice(f.indexOf("=") + 1) : f, [field, i, "files", j]));
        if (Array.isArray(g.envs)) g.envs.forEach((f, j) => check(f, [field, i, "envs", j]));
      });
    }
  }
  return out;
}

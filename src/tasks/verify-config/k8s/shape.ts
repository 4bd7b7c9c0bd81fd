import type { Finding } from "../../../core/finding.js";
import type { LoadedRepo } from "../repo/load.js";
import { isRecord } from "../repo/load.js";
import { isNonManifestPath, isToolConfig } from "./classify.js";

const HINT =
  "Every Kubernetes object needs apiVersion, kind and metadata.name; kubectl and Flux reject the document otherwise.";

/**
 * Kubernetes shape: a document that has apiVersion or kind is meant as an object and must carry
 * apiVersion, kind and metadata.name (or generateName). Documents with neither are other YAML and are
 * left alone, as are files that are never manifests (CI, SOPS/lint configs, Helm charts and values).
 */
export function k8sShapeFindings(repo: LoadedRepo): Finding[] {
  const out: Finding[] = [];
  for (const m of repo.manifests) {
    if (isNonManifestPath(m.file) || repo.patchFiles.has(m.file)) continue;
    const b = m.body;
    const hasApi = "apiVersion" in b;
    const hasKind = "kind" in b;
    if (!hasApi && !hasKind) continue;
    const at = m.locate([]) ?? { file: m.file };
    if (typeof b.apiVersion !== "string" || b.apiVersion === "") {
      out.push({
        ...at,
        ruleId: "k8s/missing-api-version",
        severity: "error",
        message: `document ${m.docIndex + 1} has kind but no apiVersion`,
        hint: HINT,
      });
      continue;
    }
    if (typeof b.kind !== "string" || b.kind === "") {
      out.push({
        ...(m.locate(["apiVersion"]) ?? at),
        ruleId: "k8s/missing-kind",
        severity: "error",
        message: `document ${m.docIndex + 1} has apiVersion but no kind`,
        hint: HINT,
      });
      continue;
    }
    if (isToolConfig(b.apiVersion, b.kind)) continue;
    const meta = b.metadata;
    const named =
      isRecord(meta) &&
      ((typeof meta.name === "string" && meta.name !== "") ||
        (typeof meta.generateName === "string" && meta.generateName !== ""));
    if (!named) {
      out.push({
        ...(m.locate(isRecord(meta) ? ["metadata"] : ["kind"]) ?? at),
        ruleId: "k8s/missing-name",
        severity: "error",
        message: `${b.kind} has no metadata.name`,
        hint: HINT,
      });
    }
  }
  return out;
}

import path from "node:path/posix";
import type { Finding } from "../../../core/finding.js";
import type { LoadedRepo } from "../repo/load.js";
import { isRecord } from "../repo/load.js";
import { isFluxKustomization, isHelmRelease } from "./kinds.js";
import type { ValuesProvider } from "./providers.js";
import { hrLabel } from "./values.js";

/**
 * Flux Kustomization `spec.path` must exist in the repository (for Git sources; paths in other sources or
 * containing `${VAR}` substitutions cannot be checked offline). `exists` answers for paths relative to the
 * repository root.
 */
export function kustomizationPathFindings(repo: LoadedRepo, exists: (rel: string) => boolean): Finding[] {
  const out: Finding[] = [];
  const self = selfSources(repo);
  for (const m of repo.manifests) {
    if (!isFluxKustomization(m)) continue;
    const spec = isRecord(m.body.spec) ? m.body.spec : {};
    const src = isRecord(spec.sourceRef) ? spec.sourceRef : {};
    if (src.kind !== undefined && src.kind !== "GitRepository") continue;
    // A Kustomization built from another Git repository (e.g. fluxcd/flux2 manifests) has paths in that repository.
    if (typeof src.name === "string" && !self.has(src.name)) continue;
    const p = spec.path;
    if (p === undefined) continue; // defaults to the source root
    if (typeof p !== "string" || p.includes("${")) continue;
    const rel = path.normalize(p.replace(/^\.?\/+/, "") || ".");
    if (rel.startsWith("..")) continue;
    if (!exists(rel)) {
      out.push({
        ...(m.locate(["spec", "path"]) ?? { file: m.file }),
        ruleId: "flux/kustomization-path-missing",
        severity: "error",
        message: `Kustomization ${m.name ?? "?"}: spec.path ${JSON.stringify(p)} does not exist in the repository`,
        hint: "spec.path is relative to the root of the Git source; fix the path or add the folder.",
      });
    }
  }
  return out;
}

/**
 * Names of the GitRepository sources that are this repository: `flux-system` (what `flux bootstrap` creates)
 * and the one most Kustomizations use. Other GitRepositories point at other repositories.
 */
function selfSources(repo: LoadedRepo): Set<string> {
  const uses = new Map<string, number>();
  for (const m of repo.manifests) {
    if (!isFluxKustomization(m)) continue;
    const spec = isRecord(m.body.spec) ? m.body.spec : {};
    const src = isRecord(spec.sourceRef) ? spec.sourceRef : {};
    if ((src.kind === undefined || src.kind === "GitRepository") && typeof src.name === "string")
      uses.set(src.name, (uses.get(src.name) ?? 0) + 1);
  }
  const top = [...uses].sort((a, b) => b[1] - a[1])[0];
  return new Set(["flux-system", ...(top ? [top[0]] : [])]);
}

/**
 * HelmRelease chart: `spec.chart.spec.chart` (or `spec.chartRef`) is required; a chart from a
 * HelmRepository without `version` floats to the newest release on every reconcile (warning).
 */
export function helmReleaseChartFindings(repo: LoadedRepo): Finding[] {
  const out: Finding[] = [];
  // Overlays often set the chart version (or more) in a patch: such releases are not judged on the base alone.
  const patched = new Set(
    repo.manifests.filter((m) => isHelmRelease(m) && repo.patchFiles.has(m.file)).map((m) => m.name),
  );
  for (const m of repo.manifests) {
    if (!isHelmRelease(m) || repo.patchFiles.has(m.file) || patched.has(m.name)) continue;
    const spec = isRecord(m.body.spec) ? m.body.spec : {};
    if (isRecord(spec.chartRef)) continue;
    const chart = isRecord(spec.chart) && isRecord(spec.chart.spec) ? spec.chart.spec : undefined;
    if (!chart || typeof chart.chart !== "string" || chart.chart === "") {
      out.push({
        ...(m.locate(chart ? ["spec", "chart", "spec"] : ["spec"]) ?? { file: m.file }),
        ruleId: "flux/helmrelease-chart-missing",
        severity: "error",
        message: `${hrLabel(m)} names no chart (spec.chart.spec.chart or spec.chartRef)`,
        hint: "Set spec.chart.spec.chart with a sourceRef, or spec.chartRef to an OCIRepository/HelmChart.",
      });
      continue;
    }
    const srcKind = isRecord(chart.sourceRef) ? chart.sourceRef.kind : undefined;
    if (
      (srcKind === undefined || srcKind === "HelmRepository") &&
      (typeof chart.version !== "string" || chart.version.trim() === "" || chart.version.trim() === "*")
    ) {
      out.push({
        ...(m.locate(["spec", "chart", "spec", "chart"]) ?? { file: m.file }),
        ruleId: "flux/helmrelease-version-missing",
        severity: "warning",
        message: `${hrLabel(m)}: chart ${chart.chart} has no pinned version, so every reconcile may upgrade to the newest release`,
        hint: "Pin spec.chart.spec.version (e.g. 26.4.0) and upgrade deliberately.",
      });
    }
  }
  return out;
}

/** Keys that mark a ConfigMap/Secret as Helm values. */
export function looksLikeValuesKey(key: string): boolean {
  return /^(values|[\w.-]+[-_.]values|values[-_.][\w.-]+)\.ya?ml$/i.test(key);
}

/** ConfigMaps/Secrets holding a values-like key that no HelmRelease references (warning). */
export function unusedValuesSourceFindings(
  providers: readonly ValuesProvider[],
  referenced: ReadonlySet<ValuesProvider>,
): Finding[] {
  const out: Finding[] = [];
  for (const p of providers) {
    if (referenced.has(p) || !p.entries) continue;
    const key = [...p.entries.keys()].find(looksLikeValuesKey);
    if (!key) continue;
    out.push({
      ...p.at,
      ruleId: "flux/values-source-unused",
      severity: "warning",
      message: `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name} holds ${key} but no HelmRelease takes values from it`,
      hint: "Reference it from the HelmRelease's spec.valuesFrom (same namespace), or remove it; edits to it change nothing.",
    });
  }
  return out;
}

/**
 * `valuesFrom` lists nested in other objects (flux-operator ResourceSets, HelmRelease templates, patches)
 * also reference values sources: mark every provider they name as used, whatever the namespace.
 */
export function markNestedReferences(
  repo: LoadedRepo,
  providers: readonly ValuesProvider[],
  referenced: Set<ValuesProvider>,
): void {
  const names = new Set<string>();
  const scan = (v: unknown, depth: number): void => {
    if (depth > 40) return;
    if (Array.isArray(v)) v.forEach((x) => scan(x, depth + 1));
    else if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k === "valuesFrom" && Array.isArray(x))
          for (const r of x) if (isRecord(r) && typeof r.name === "string") names.add(`${String(r.kind)}/${r.name}`);
        scan(x, depth + 1);
      }
    }
  };
  for (const lf of repo.files) if (lf.view.text.includes("valuesFrom")) lf.values.forEach((v) => scan(v, 0));
  for (const p of providers) if (names.has(`${p.kind}/${p.name}`)) referenced.add(p);
}

import type { RepoManifest, RepoIndex, EssValuesContext } from "../components/types.js";
import { isFluxSource } from "../flux/kinds.js";
import { sameNamespace } from "../flux/namespaces.js";
import { hrLabel, locateEffective, locateInStringEffective, type EffectiveValues } from "../flux/values.js";
import { isRecord, type LoadedFile } from "../repo/load.js";
import { locateInStringOfView, locateInView } from "../repo/view.js";

/** The ESS chart name. */
export const ESS_CHART = "matrix-stack";

/** Chart name and pinned version of a HelmRelease, following chartRef to an OCIRepository/HelmChart in the repo. */
export function chartOf(hr: RepoManifest, repo: RepoIndex): { chart?: string; version?: string } {
  const spec = isRecord(hr.body.spec) ? hr.body.spec : {};
  const chartSpec = isRecord(spec.chart) && isRecord(spec.chart.spec) ? spec.chart.spec : undefined;
  if (chartSpec) {
    const out: { chart?: string; version?: string } = {};
    if (typeof chartSpec.chart === "string") out.chart = chartSpec.chart.replace(/^.*\//, "");
    if (typeof chartSpec.version === "string") out.version = chartSpec.version;
    return out;
  }
  const ref = isRecord(spec.chartRef) ? spec.chartRef : undefined;
  if (!ref || typeof ref.name !== "string") return {};
  const ns = typeof ref.namespace === "string" ? ref.namespace : hr.namespace;
  const src = repo.manifests.find(
    (m) => m.name === ref.name && isFluxSource(m, String(ref.kind)) && sameNamespace(m.namespace, ns),
  );
  if (!src) return {};
  const sspec = isRecord(src.body.spec) ? src.body.spec : {};
  const out: { chart?: string; version?: string } = {};
  if (src.kind === "OCIRepository") {
    if (typeof sspec.url === "string")
      out.chart = sspec.url.replace(/\/+$/, "").replace(/^.*\//, "").replace(/:.*$/, "");
    const r = isRecord(sspec.ref) ? sspec.ref : {};
    if (typeof r.tag === "string") out.version = r.tag;
    else if (typeof r.semver === "string") out.version = r.semver;
  } else if (src.kind === "HelmChart") {
    if (typeof sspec.chart === "string") out.chart = sspec.chart.replace(/^.*\//, "");
    if (typeof sspec.version === "string") out.version = sspec.version;
  }
  return out;
}

/** ESS context of a HelmRelease's effective values. */
export function releaseContext(ev: EffectiveValues, repo: RepoIndex, version: string | undefined): EssValuesContext {
  const ctx: EssValuesContext = {
    values: ev.values,
    // The empty path (the values as a whole) falls back to the HelmRelease itself.
    locate: (p) =>
      locateEffective(ev, p) ??
      (p.length === 0 ? (ev.release.locate(["metadata", "name"]) ?? { file: ev.release.file }) : undefined),
    locateInString: (p, l, c) => locateInStringEffective(ev, p, l, c),
    subject: hrLabel(ev.release),
    repo,
  };
  if (ev.incomplete) ctx.incomplete = true;
  if (version !== undefined) ctx.chartVersion = version.replace(/^v/, "");
  return ctx;
}

const ESS_TOP_KEYS = [
  "serverName",
  "synapse",
  "matrixAuthenticationService",
  "elementWeb",
  "elementAdmin",
  "wellKnownDelegation",
  "matrixRTC",
  "hookshot",
];
/** Sections only matrix-stack has (other Matrix charts also use `serverName` and `synapse`). */
const ESS_ONLY_KEYS = ["matrixAuthenticationService", "elementWeb", "elementAdmin", "wellKnownDelegation", "matrixRTC"];

/**
 * A YAML file that is a plain `matrix-stack` values file: one document, no apiVersion/kind, at least two ESS
 * top-level sections of which one only matrix-stack has (so values of e.g. the matrix-synapse chart, which
 * also has `serverName` and `synapse`, are not taken for ESS values).
 */
export function looksLikeEssValues(lf: LoadedFile): boolean {
  if (lf.values.length !== 1) return false;
  const v = lf.values[0];
  if (!isRecord(v) || "apiVersion" in v || "kind" in v) return false;
  return ESS_TOP_KEYS.filter((k) => k in v).length >= 2 && ESS_ONLY_KEYS.some((k) => k in v);
}

/** ESS context of plain values files merged in order like `helm install -f a -f b` (later files win). */
export function valuesFileContext(
  files: readonly LoadedFile[],
  repo: RepoIndex,
  version: string | undefined,
  merged: Record<string, unknown>,
): EssValuesContext {
  const has = (lf: LoadedFile, p: readonly (string | number)[]) => {
    let cur: unknown = lf.values[0];
    for (const s of p) {
      if (!isRecord(cur) && !Array.isArray(cur)) return false;
      cur = (cur as Record<string, unknown>)[String(s)];
      if (cur === undefined) return false;
    }
    return true;
  };
  const last = (p: readonly (string | number)[]) => [...files].reverse().find((f) => has(f, p));
  const ctx: EssValuesContext = {
    values: merged,
    locate: (p) => {
      const f = last(p);
      return f ? locateInView(f.view, 0, p) : undefined;
    },
    locateInString: (p, l, c) => {
      const f = last(p);
      return f ? locateInStringOfView(f.view, 0, p, l, c) : undefined;
    },
    subject: `values ${files.map((f) => f.rel).join(" + ")}`,
    repo,
  };
  if (version !== undefined) ctx.chartVersion = version;
  return ctx;
}

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { defaultDeps, type Deps } from "../../core/deps.js";
import { describeError, inputError } from "../../core/errors.js";
import type { Finding, Report } from "../../core/finding.js";
import { selectFiles, selectFilesWithProblems } from "../../core/files.js";
import { makeReport } from "../../core/report.js";
import { withYamlParseCache } from "../../core/yaml.js";
import { REPO_CHECKS, VALUES_CHECKS } from "./components/index.js";
import type { EssValuesContext, RepoIndex } from "./components/types.js";
import { ESS_CHECKS } from "./ess/index.js";
import { liveHints } from "./ess/hints.js";
import { chartOf, ESS_CHART, looksLikeEssValues, releaseContext, valuesFileContext } from "./ess/select.js";
import { decryptSecrets } from "./flux/decrypt.js";
import { isHelmRelease } from "./flux/kinds.js";
import { mergeMaps } from "./flux/merge.js";
import { namespaceResolver } from "./flux/namespaces.js";
import { collectProviders } from "./flux/providers.js";
import {
  helmReleaseChartFindings,
  kustomizationPathFindings,
  markNestedReferences,
  unusedValuesSourceFindings,
} from "./flux/rules.js";
import { ValuesResolver } from "./flux/values.js";
import { kustomizeReferenceFindings } from "./k8s/kustomize.js";
import { k8sShapeFindings } from "./k8s/shape.js";
import { runLiveProbes } from "./live/index.js";
import type { VerifyConfigOptions } from "./options.js";
import { loadRepo, loadText, type LoadedFile, type LoadedRepo } from "./repo/load.js";
import { deployedFiles } from "./repo/reach.js";

export type { VerifyConfigOptions } from "./options.js";

/** Run one rule; a crash of a rule becomes a finding and never stops the others. */
function guarded(name: string, findings: Finding[], fn: () => Finding[]): void {
  try {
    findings.push(...fn());
  } catch (e) {
    findings.push({
      ruleId: "verify-config/rule-failed",
      severity: "error",
      message: `internal error in ${name}: ${describeError(e)} (please report this)`,
    });
  }
}

/** Everything the offline pass produced, for callers that need more than the report (bench, live hints). */
export interface OfflineResult {
  findings: Finding[];
  repo: LoadedRepo;
  essContexts: EssValuesContext[];
}

/**
 * The offline pass over one repository root: YAML, Kubernetes shape, kustomize references, Flux
 * Kustomization paths, HelmRelease charts and values (helm-controller merge, SOPS Secrets decrypted in
 * memory when `ageKeys` are given), ESS matrix-stack values and the component rules. Never throws on the
 * repository's content; throws MxopsError MXOPS_INPUT/MXOPS_USAGE for a bad root, path or range.
 */
export async function verifyOffline(options: VerifyConfigOptions, deps: Deps): Promise<OfflineResult> {
  return withYamlParseCache(() => offlinePass(options, deps));
}

async function offlinePass(options: VerifyConfigOptions, deps: Deps): Promise<OfflineResult> {
  const root = path.resolve(deps.cwd, options.root ?? ".");
  const findings: Finding[] = [];
  // The whole repository is read even with --changed or paths: references cross files.
  const { files, unreadable } = await selectFilesWithProblems(deps.exec, { root });
  // Like sops-check: a path that cannot be read is a finding for it, not a failure of the run.
  for (const u of unreadable) {
    const dir = u.rel.endsWith("/");
    findings.push({
      ruleId: "yaml/unreadable",
      severity: "error",
      message: `${dir ? "directory cannot be listed" : "file cannot be read"} (${u.code}); ${dir ? "its files were" : "it was"} not checked`,
      file: u.rel,
    });
  }
  const repo = await loadRepo(root, files, findings, options.maxFileSize);
  const exists = (rel: string) => existsSync(path.join(root, rel));
  return analyzeRepo(repo, exists, options, deps, findings);
}

/**
 * Every offline rule over an already loaded repository (findings from loading passed in). Split from the file
 * walk so hostile-input tests can drive it from memory; `exists` answers whether a repo-relative path exists.
 */
export async function analyzeRepo(
  repo: LoadedRepo,
  exists: (rel: string) => boolean,
  options: VerifyConfigOptions,
  deps: Deps,
  findings: Finding[] = [],
): Promise<OfflineResult> {
  guarded("k8s shape", findings, () => k8sShapeFindings(repo));
  guarded("kustomize references", findings, () => kustomizeReferenceFindings(repo, exists));
  guarded("flux kustomization", findings, () => kustomizationPathFindings(repo, exists));
  guarded("flux helmrelease", findings, () => helmReleaseChartFindings(repo));

  const decrypted = await decryptSecrets(repo, options, (s) => deps.redactor.add(s), findings);
  const providers = collectProviders(repo, decrypted);
  const resolver = new ValuesResolver(providers, namespaceResolver(repo), findings);
  const essContexts: EssValuesContext[] = [];
  const patchedReleases = new Set(
    repo.manifests
      .filter((m) => isHelmRelease(m) && repo.patchFiles.has(m.file))
      .map((m) => `${m.namespace ?? ""}/${m.name ?? ""}`),
  );
  for (const hr of repo.manifests.filter((m) => isHelmRelease(m) && !repo.patchFiles.has(m.file))) {
    try {
      const ev = resolver.resolve(hr);
      // A kustomize patch may change this release's values: what we computed is not the whole story.
      if (patchedReleases.has(`${hr.namespace ?? ""}/${hr.name ?? ""}`)) ev.incomplete = true;
      const chart = chartOf(hr, repo);
      if (chart.chart === ESS_CHART) essContexts.push(releaseContext(ev, repo, chart.version));
    } catch (e) {
      findings.push({
        ruleId: "verify-config/rule-failed",
        severity: "error",
        message: `internal error resolving values: ${describeError(e)}`,
        file: hr.file,
      });
    }
  }
  markNestedReferences(repo, providers, resolver.referenced);
  guarded("unused values sources", findings, () => unusedValuesSourceFindings(providers, resolver.referenced));
  essContexts.push(...(await plainValuesContexts(repo, options, findings)));

  for (const ctx of essContexts) {
    for (const check of [...ESS_CHECKS, ...VALUES_CHECKS])
      guarded(`${check.name || "values check"} (${ctx.subject})`, findings, () => check(ctx));
  }
  const index: RepoIndex = repo;
  for (const check of REPO_CHECKS) guarded(check.name || "repo check", findings, () => check(index));
  return { findings: downgradeUndeployed(findings, deployedFiles(repo)), repo, essContexts };
}

/** Rule families about what Flux would fail to apply; irrelevant for files Flux never applies. */
const DEPLOY_RULES = /^(k8s|flux|ess)\//;

/**
 * Errors in files no Flux entry point reaches (archived apps, commented-out folders) become warnings:
 * the file is still wrong, but nothing deployed fails because of it.
 */
function downgradeUndeployed(findings: Finding[], deployed: Set<string> | undefined): Finding[] {
  if (!deployed) return findings;
  return findings.map((f) =>
    f.severity === "error" && f.file !== undefined && !deployed.has(f.file) && DEPLOY_RULES.test(f.ruleId)
      ? { ...f, severity: "warning", message: `${f.message} (not deployed: no Flux Kustomization reaches this file)` }
      : f,
  );
}

/** Plain matrix-stack values files: the --values set (merged in order) and any other file that looks like one. */
async function plainValuesContexts(
  repo: LoadedRepo,
  options: VerifyConfigOptions,
  findings: Finding[],
): Promise<EssValuesContext[]> {
  const out: EssValuesContext[] = [];
  const explicit = (options.values ?? []).map((v) =>
    path.relative(repo.root, path.resolve(repo.root, v)).split(path.sep).join("/"),
  );
  const chosen: LoadedFile[] = [];
  for (const rel of explicit) {
    const known = repo.files.find((f) => f.rel === rel);
    if (known) {
      chosen.push(known);
      continue;
    }
    // A values file outside the scanned tree (or ignored by git) is read on its own.
    const text = await readFile(path.resolve(repo.root, rel), "utf8").catch((e: unknown) => {
      throw inputError(rel, "cannot read the values file", e);
    });
    chosen.push(loadText(rel, text, findings));
  }
  if (chosen.length > 0) {
    let merged: Record<string, unknown> = {};
    for (const f of chosen) {
      const v = f.values[0];
      if (typeof v === "object" && v !== null && !Array.isArray(v))
        merged = mergeMaps(merged, v as Record<string, unknown>);
    }
    out.push(valuesFileContext(chosen, repo, options.chartVersion, merged));
  }
  for (const f of repo.files) {
    if (explicit.includes(f.rel) || !looksLikeEssValues(f)) continue;
    out.push(valuesFileContext([f], repo, options.chartVersion, f.values[0] as Record<string, unknown>));
  }
  return out;
}

/** Keep findings in the selected paths / changed files (findings without a file always stay). */
async function scopeFilter(options: VerifyConfigOptions, deps: Deps, root: string): Promise<(f: Finding) => boolean> {
  if (!options.changed && !(options.paths && options.paths.length > 0)) return () => true;
  const sel: { root: string; paths?: string[]; changed?: string } = { root };
  if (options.paths) sel.paths = options.paths;
  if (options.changed !== undefined) sel.changed = options.changed;
  const keep = new Set((await selectFiles(deps.exec, sel)).map((f) => f.rel));
  return (f) => f.file === undefined || keep.has(f.file);
}

/** `verify-config`: the offline checks, then the live probes when options.live is set. */
export async function runVerifyConfig(options: VerifyConfigOptions, deps: Deps): Promise<Report> {
  const root = path.resolve(deps.cwd, options.root ?? ".");
  const inScope = await scopeFilter(options, deps, root);
  const offline = await verifyOffline(options, deps);
  const findings = offline.findings.filter(inScope);
  if (options.live) findings.push(...(await runLiveProbes(options.live, liveHints(offline.essContexts), deps)));
  return makeReport("verify-config", findings, { root });
}

/**
 * Library entry: run verify-config with typed options (see VerifyConfigOptions). `deps` defaults to the
 * real world (defaultDeps). Problems in the repository are findings; throws MxopsError only for bad input.
 */
export async function verifyConfig(options: VerifyConfigOptions, deps: Deps = defaultDeps()): Promise<Report> {
  for (const k of options.ageKeys ?? []) for (const line of k.text.split(/\r?\n/)) deps.redactor.add(line.trim());
  deps.redactor.add(options.agePassphrase);
  return runVerifyConfig(options, deps);
}

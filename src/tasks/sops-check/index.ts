import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { defaultDeps, type Deps } from "../../core/deps.js";
import { inputError } from "../../core/errors.js";
import type { Finding, Report } from "../../core/finding.js";
import { DEFAULT_MAX_FILE_BYTES, selectFiles, selectFilesWithProblems, type RepoFile } from "../../core/files.js";
import { makeReport } from "../../core/report.js";
import { formatForPath } from "../../core/sops/tree.js";
import { checkFile } from "./check-file.js";
import { ConfigLookup, configFindings, matchRule } from "./config.js";
import { KustomizeTree } from "../../core/kustomize/build.js";
import { fluxDecryptionFindings } from "./flux.js";
import { loadIdentities, type AgeKeyOptions } from "./keys.js";

/** Options of sops-check (the library form of the CLI flags). */
export interface SopsCheckOptions extends AgeKeyOptions {
  /** Scanned root; findings are relative to it. Flux `spec.path` is resolved against it. */
  root: string;
  /** Paths below root to check (default: everything). */
  paths?: string[];
  /** Git revision range: only files changed in it (e.g. `origin/main...HEAD`). */
  changed?: string;
  /** A .sops.yaml to use for every file instead of the nearest one. */
  config?: string;
  /** Files larger than this many bytes are reported, not read (default 4 MiB). */
  maxFileSize?: number;
}

const CONFIG_NAMES = new Set([".sops.yaml", ".sops.yml"]);

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A path sops-check could not read: fail closed, since it may hold a plaintext Secret. */
function unreadableFinding(rel: string, code: string): Finding {
  const dir = rel.endsWith("/");
  return {
    ruleId: "sops/unreadable",
    severity: "error",
    message: `${dir ? "directory cannot be listed" : "file cannot be read"} (${/^[A-Z0-9_]{1,32}$/.test(code) ? code : "error"}); ${dir ? "its files were" : "it was"} not checked`,
    file: rel,
    hint: "make it readable for the user running mxops, or exclude it from the GitOps tree",
  };
}

/** A file's text, or undefined when it is missing, unreadable or larger than `maxBytes`. */
async function readCapped(abs: string, maxBytes: number): Promise<string | undefined> {
  try {
    if ((await stat(abs)).size > maxBytes) return undefined;
    return await readFile(abs, "utf8");
  } catch {
    return undefined;
  }
}

/** Files that can hold Flux Kustomizations or flux-operator sync paths. */
const FLUX_TEXT = /kustomize\.toolkit\.fluxcd\.io|\bsync:/;

/** Files of the whole tree that can matter to Flux (for --changed/--paths runs, where few files are selected). */
async function allFluxFiles(deps: Deps, root: string, maxBytes: number): Promise<string[]> {
  const files = await selectFiles(deps.exec, { root });
  const out: string[] = [];
  await pool(files, 32, async (f) => {
    if (formatForPath(f.rel) !== "yaml") return;
    const text = await readCapped(f.abs, maxBytes);
    if (text !== undefined && FLUX_TEXT.test(text)) out.push(f.rel);
  });
  return out;
}

/**
 * Run sops-check: every selected file that must be SOPS-encrypted is checked without a key (metadata, every
 * value against its crypt rule, creation rule and recipients) and, when age identities are configured, decrypted
 * in memory with its MAC verified. Flux Kustomizations that would apply encrypted files without decryption are
 * reported. Throws MxopsError for bad input (missing root or key file, malformed keys); problems in the repo are
 * findings. Plaintext never leaves memory; decrypted values are registered with the redactor.
 */
export async function runSopsCheck(options: SopsCheckOptions, deps: Deps): Promise<Report> {
  const root = path.resolve(deps.cwd, options.root);
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
  const select: { root: string; paths?: string[]; changed?: string } = { root };
  if (options.paths && options.paths.length > 0) select.paths = options.paths;
  if (options.changed !== undefined) select.changed = options.changed;
  const { files, unreadable } = await selectFilesWithProblems(deps.exec, select);
  const identities = await loadIdentities(options, deps.cwd, (s) => deps.redactor.add(s));
  let configPath: string | undefined;
  if (options.config) {
    configPath = path.resolve(deps.cwd, options.config);
    if (!(await stat(configPath).catch(() => undefined))?.isFile())
      throw inputError(options.config, "no such .sops.yaml file");
  }
  const lookup = new ConfigLookup(configPath);
  const findings: Finding[] = unreadable.map((u) => unreadableFinding(u.rel, u.code));
  const encrypted: string[] = [];
  let fluxFiles: string[] = [];
  deps.log.debug(
    `sops-check: ${files.length} file(s) selected${identities ? `, ${identities.list.length} age identit${identities.list.length === 1 ? "y" : "ies"}` : ", no age identity (MAC not verified)"}`,
  );
  await pool(files, 16, async (file: RepoFile) => {
    if (CONFIG_NAMES.has(path.basename(file.rel))) return;
    const cfg = await lookup.forFile(file.abs);
    const expected = cfg ? matchRule(cfg, file.abs) : undefined;
    const rule = expected && expected.pathRegex !== undefined ? expected : undefined;
    let st;
    let text: string;
    try {
      st = await stat(file.abs);
      text = st.size > maxBytes ? "" : await readFile(file.abs, "utf8");
    } catch (e) {
      findings.push(unreadableFinding(file.rel, (e as NodeJS.ErrnoException).code ?? "error"));
      return;
    }
    if (st.size > maxBytes) {
      const fmt = formatForPath(file.rel);
      if (rule || fmt === "yaml" || fmt === "json") {
        findings.push({
          ruleId: "sops/file-too-large",
          severity: "warning",
          message: `file is larger than ${maxBytes} bytes and was not checked`,
          file: file.rel,
          hint: "raise --max-file-size if it must be checked",
        });
      }
      return;
    }
    const ctx: Parameters<typeof checkFile>[0] = { rel: file.rel, text, redactor: deps.redactor };
    if (rule) ctx.rule = rule;
    if (expected) {
      ctx.expected = expected;
      const cfgRel = path.relative(root, expected.config).split(path.sep).join("/");
      ctx.ruleLabel = `${cfgRel} rule #${expected.index + 1}`;
    }
    if (identities) ctx.identities = identities;
    let outcome;
    try {
      outcome = await checkFile(ctx);
    } catch {
      // A file mxops cannot process must not abort the others; the error text is not shown (it may quote content).
      findings.push({
        ruleId: "sops/yaml-invalid",
        severity: "error",
        message: "cannot process the file (unexpected structure)",
        file: file.rel,
      });
      return;
    }
    findings.push(...outcome.findings);
    if (outcome.encrypted) encrypted.push(file.rel);
    if (formatForPath(file.rel) === "yaml" && FLUX_TEXT.test(text)) fluxFiles.push(file.rel);
  });
  // Flux Kustomizations and what they build come from the whole tree, also when only some files are checked.
  const restricted = options.changed !== undefined || select.paths !== undefined;
  if (restricted) fluxFiles = await allFluxFiles(deps, root, maxBytes);
  const treeFiles = restricted ? await selectFiles(deps.exec, { root }) : files;
  const tree = new KustomizeTree(
    treeFiles.map((f) => f.rel),
    (rel) => readCapped(path.join(root, rel), maxBytes),
  );
  findings.push(...(await fluxDecryptionFindings(tree, fluxFiles, new Set(encrypted))));
  // Config problems are reported even for a .sops.yaml above the scanned root (its path then starts with "..").
  findings.push(...configFindings(lookup, root));
  return makeReport("sops-check", findings, { root });
}

/**
 * Library entry: run sops-check with typed options. `deps` defaults to `defaultDeps()` (real filesystem and git,
 * no logging). Returns the report; throws MxopsError for bad input (see {@link runSopsCheck}).
 */
export async function sopsCheck(options: SopsCheckOptions, deps?: Deps): Promise<Report> {
  return runSopsCheck(options, deps ?? defaultDeps());
}

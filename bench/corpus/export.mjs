#!/usr/bin/env node
// Precision corpus: export the pinned commits of bench/corpus/repos.json from local git mirrors into a work
// directory outside any git work tree, run `sops-check` and `verify-config` of dist/cli.js on each (no age key:
// these are other people's repositories), and print per repository the files, errors, warnings, exit codes and
// run time, then every error as `repo@short rule file:line message` with its verdict from triage.tsv, and totals
// with false errors per 1,000 files.
//
// Usage: node bench/corpus/export.mjs [--mirror DIR] [--work DIR] [--only TEXT] [--timeout SECONDS]
//                                     [--fresh] [--json FILE] [--untriaged-tsv]
//   --mirror DIR   where the bare mirrors live (env MXOPS_CORPUS_MIRROR; default /work/.mirror, the layout the
//                  session's fetch tool produces: DIR/<owner>+<name>/repo). Also accepted: DIR/<owner>+<name>,
//                  DIR/<owner>/<name>.git, DIR/<owner>/<name>.
//   --work DIR     export directory (env MXOPS_CORPUS_WORK; default <os tmpdir>/mxops-corpus). Must not be inside a
//                  git work tree: mxops then lists files with git and an ignored directory would look empty.
//   --only TEXT    only repositories whose "owner/name@short" contains TEXT (repeatable).
//   --timeout S    per CLI run (default 600).
//   --fresh        re-export even when the work directory already holds the export.
//   --json FILE    also write the per-repository results (findings included) as JSON.
//   --untriaged-tsv  print untriaged errors as triage.tsv rows with an empty verdict, to paste and fill in.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, "../..");
const cli = path.join(projectRoot, "dist/cli.js");

// --- arguments ------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opts = { only: [], fresh: false, untriagedTsv: false, timeout: 600 };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const next = () => {
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    return argv[++i];
  };
  if (a === "--mirror") opts.mirror = next();
  else if (a === "--work") opts.work = next();
  else if (a === "--only") opts.only.push(next());
  else if (a === "--timeout") opts.timeout = Number(next());
  else if (a === "--fresh") opts.fresh = true;
  else if (a === "--json") opts.json = next();
  else if (a === "--untriaged-tsv") opts.untriagedTsv = true;
  else if (a === "-h" || a === "--help") usage();
  else usage(`unknown argument ${a}`);
}
function usage(problem) {
  const text = readFileSync(fileURLToPath(import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("//"))
    .map((l) => l.slice(3))
    .join("\n");
  if (problem) {
    console.error(`export.mjs: ${problem}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}
const mirrorRoot = path.resolve(opts.mirror ?? process.env.MXOPS_CORPUS_MIRROR ?? "/work/.mirror");
const workRoot = path.resolve(opts.work ?? process.env.MXOPS_CORPUS_WORK ?? path.join(os.tmpdir(), "mxops-corpus"));
if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage("--timeout needs a positive number of seconds");
if (!existsSync(cli)) usage(`${cli} is missing (the lead builds dist/)`);

function git(args, options = {}) {
  const r = spawnSync("git", args, { encoding: "buffer", maxBuffer: 1 << 30, ...options });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.toString().trim()}`);
  return r.stdout;
}
const insideGit = spawnSync("git", ["-C", path.dirname(workRoot), "rev-parse", "--is-inside-work-tree"], {
  encoding: "utf8",
});
if (insideGit.status === 0 && insideGit.stdout.trim() === "true") {
  usage(`work directory ${workRoot} is inside a git work tree; pass --work outside it (e.g. under ${os.tmpdir()})`);
}

// --- corpus and triage --------------------------------------------------------------------------------------
const corpus = JSON.parse(readFileSync(path.join(here, "repos.json"), "utf8")).repos;
const label = (r) => `${r.repo}@${r.commit.slice(0, 7)}`;
const selected = corpus.filter((r) => opts.only.length === 0 || opts.only.some((o) => label(r).includes(o)));

/**
 * triage.tsv: repo@commit, ruleId, file:line, verdict (true|false), class, why, match (tab-separated, '#' comments).
 * `match` is empty, or a piece of the message that tells apart several findings of one rule on one line (e.g. the
 * Flux Kustomization named in sops/flux-no-decryption).
 */
function loadTriage() {
  const file = path.join(here, "triage.tsv");
  const map = new Map();
  if (!existsSync(file)) return map;
  const lines = readFileSync(file, "utf8").split("\n");
  for (const line of lines) {
    if (!line.trim() || line.startsWith("#") || line.startsWith("repo@commit\t")) continue;
    const [repoAt, ruleId, where, verdict, cls, why, match = ""] = line.split("\t");
    const key = `${repoAt}\t${ruleId}\t${where}`;
    if (!map.has(key)) map.set(key, []);
    map.get(key).push({ verdict, cls, why, match });
  }
  return map;
}
const triage = loadTriage();
/** Rows are used up in order, so N identical findings on one line need N rows (one per finding). */
function verdictFor(repoAt, ruleId, where, message) {
  const rows = triage.get(`${repoAt}\t${ruleId}\t${where}`) ?? [];
  const fits = (t) => !t.match || message.includes(t.match);
  const row = rows.find((t) => !t.used && t.match && message.includes(t.match)) ?? rows.find((t) => !t.used && fits(t));
  if (row) row.used = true;
  return row ?? rows.find(fits);
}

// --- export ----------------------------------------------------------------------------------------------
const EXPORT_EXT = /\.(ya?ml|json|env|ini)$/i;
/** Files a checker of SOPS and GitOps config reads: data formats, anything named sops or env, .sops.yaml. */
function wantedByName(p) {
  const base = p.split("/").pop();
  return EXPORT_EXT.test(base) || /sops/i.test(base) || /^\.env(\.|$)/.test(base) || /\.env\./.test(base);
}

function findMirror(repo) {
  const [owner, name] = repo.split("/");
  const candidates = [
    path.join(mirrorRoot, `${owner}+${name}`, "repo"),
    path.join(mirrorRoot, `${owner}+${name}`),
    path.join(mirrorRoot, owner, `${name}.git`),
    path.join(mirrorRoot, owner, name),
  ];
  return candidates.find((c) => existsSync(path.join(c, "HEAD")) || existsSync(path.join(c, ".git")));
}

/** The creation-rule path regexes of every .sops.yaml at the commit, to also export files only they select. */
function creationRuleMatchers(gitDir, commit, paths) {
  const out = [];
  for (const p of paths.filter((f) => /(^|\/)\.sops\.ya?ml$/.test(f))) {
    const dir = p.includes("/") ? p.slice(0, p.lastIndexOf("/") + 1) : "";
    let doc;
    try {
      doc = YAML.parse(git(["--git-dir", gitDir, "show", `${commit}:${p}`]).toString("utf8"), { maxAliasCount: -1 });
    } catch {
      continue;
    }
    for (const rule of Array.isArray(doc?.creation_rules) ? doc.creation_rules : []) {
      if (typeof rule?.path_regex !== "string") continue;
      try {
        // Go RE2 inline flags such as (?i) at the start are the only syntax difference seen in practice.
        const m = /^\(\?([a-z]+)\)/.exec(rule.path_regex);
        const re = m ? new RegExp(rule.path_regex.slice(m[0].length), m[1]) : new RegExp(rule.path_regex);
        out.push({ dir, re });
      } catch {
        /* a regex JavaScript cannot read: the files it selects are exported only by name */
      }
    }
  }
  return out;
}

function exportRepo(r) {
  const dest = path.join(workRoot, `${r.repo.replace("/", "+")}@${r.commit.slice(0, 7)}`);
  const marker = path.join(dest, ".mxops-corpus-export");
  if (!opts.fresh && existsSync(marker)) return { dest, files: JSON.parse(readFileSync(marker, "utf8")).files };
  const gitDir = findMirror(r.repo);
  if (!gitDir) throw new Error(`no mirror of ${r.repo} under ${mirrorRoot} (fetch github:${r.repo} first)`);
  const all = git(["--git-dir", gitDir, "ls-tree", "-r", "-z", "--name-only", r.commit])
    .toString("utf8")
    .split("\0")
    .filter(Boolean);
  const matchers = creationRuleMatchers(gitDir, r.commit, all);
  const files = all.filter(
    (p) =>
      wantedByName(p) ||
      matchers.some(({ dir, re }) => (dir === "" || p.startsWith(dir)) && (re.test(p) || re.test(p.slice(dir.length)))),
  );
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  // The whole tree, so that files the configuration refers to (scripts in a configMapGenerator, chart files)
  // exist as they do in a checkout; `files` counts only the configuration files defined above.
  const tar = git(["--git-dir", gitDir, "archive", "--format=tar", r.commit]);
  const x = spawnSync("tar", ["-x", "-C", dest], { input: tar, maxBuffer: 1 << 30 });
  if (x.status !== 0) throw new Error(`tar -x into ${dest}: ${x.stderr.toString().trim()}`);
  writeFileSync(marker, JSON.stringify({ repo: r.repo, commit: r.commit, files: files.length }));
  return { dest, files: files.length };
}

// --- run the CLI -----------------------------------------------------------------------------------------
function runTask(task, dir) {
  const started = process.hrtime.bigint();
  const env = { ...process.env };
  for (const k of ["SOPS_AGE_KEY", "SOPS_AGE_KEY_FILE", "MXOPS_AGE_KEY_PASSPHRASE"]) delete env[k];
  // No age identity at all: also keep sops' default keys.txt out of reach.
  env.HOME = path.join(workRoot, ".home");
  env.XDG_CONFIG_HOME = path.join(workRoot, ".home", ".config");
  mkdirSync(env.XDG_CONFIG_HOME, { recursive: true });
  const r = spawnSync(process.execPath, [cli, task, dir, "--format", "json", "--fail-on", "never"], {
    encoding: "utf8",
    env,
    timeout: opts.timeout * 1000,
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    /* crash, timeout or exit 2: no report */
  }
  const problem = r.error
    ? String(r.error.code ?? r.error.message)
    : r.status !== 0
      ? `exit ${r.status ?? r.signal}: ${(r.stderr || "").trim().split("\n")[0]}`
      : undefined;
  return { task, status: r.status, seconds, report, problem };
}

// --- main ------------------------------------------------------------------------------------------------
mkdirSync(workRoot, { recursive: true });
const results = [];
for (const r of selected) {
  const id = label(r);
  let exp;
  try {
    exp = exportRepo(r);
  } catch (e) {
    console.log(`${id}: export failed: ${e.message}`);
    results.push({ id, repo: r.repo, commit: r.commit, files: 0, runs: [], errors: [], warnings: 0, skipped: true });
    continue;
  }
  const runs = ["sops-check", "verify-config"].map((t) => runTask(t, exp.dest));
  const errors = [];
  let warnings = 0;
  for (const run of runs) {
    for (const f of run.report?.findings ?? []) {
      if (f.severity === "warning") warnings++;
      if (f.severity !== "error") continue;
      const where = `${f.file ?? ""}:${f.line ?? 0}`;
      const t = verdictFor(`${r.repo}@${r.commit}`, f.ruleId, where, f.message);
      errors.push({ task: run.task, ruleId: f.ruleId, where, message: f.message, triage: t });
    }
  }
  results.push({ id, repo: r.repo, commit: r.commit, files: exp.files, runs, errors, warnings });
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(
  `${pad("repository", 44)} ${lpad("files", 6)} ${lpad("errors", 6)} ${lpad("warn", 5)} ${lpad("false", 5)} ${lpad("untri", 5)}  runs (exit, seconds)`,
);
const totals = { files: 0, errors: 0, warnings: 0, falseErrors: 0, trueErrors: 0, untriaged: 0, crashes: 0 };
const byClass = new Map();
for (const res of results) {
  const falseErrors = res.errors.filter((e) => e.triage?.verdict === "false");
  const untriaged = res.errors.filter((e) => !e.triage);
  const crashes = res.runs.filter((x) => x.problem).length;
  totals.files += res.files;
  totals.errors += res.errors.length;
  totals.warnings += res.warnings;
  totals.falseErrors += falseErrors.length;
  totals.trueErrors += res.errors.filter((e) => e.triage?.verdict === "true").length;
  totals.untriaged += untriaged.length;
  totals.crashes += crashes;
  for (const e of falseErrors) byClass.set(e.triage.cls, (byClass.get(e.triage.cls) ?? 0) + 1);
  const runs = res.runs
    .map((x) => `${x.task} ${x.problem ? `PROBLEM(${x.problem})` : x.status} ${x.seconds.toFixed(1)}s`)
    .join(", ");
  console.log(
    `${pad(res.id, 44)} ${lpad(res.files, 6)} ${lpad(res.errors.length, 6)} ${lpad(res.warnings, 5)} ${lpad(falseErrors.length, 5)} ${lpad(untriaged.length, 5)}  ${res.skipped ? "not exported" : runs}`,
  );
}
const per1000 = totals.files ? (1000 * totals.falseErrors) / totals.files : 0;
console.log(
  `${pad("TOTAL", 44)} ${lpad(totals.files, 6)} ${lpad(totals.errors, 6)} ${lpad(totals.warnings, 5)} ${lpad(totals.falseErrors, 5)} ${lpad(totals.untriaged, 5)}  crashes/exit-2/timeouts: ${totals.crashes}`,
);
console.log(
  `true errors ${totals.trueErrors}, false errors ${totals.falseErrors}, untriaged ${totals.untriaged}; false errors per 1,000 files: ${per1000.toFixed(1)}`,
);
if (byClass.size > 0) {
  console.log(
    `false errors by class: ${[...byClass.entries()]
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
      .map(([c, n]) => `${c}=${n}`)
      .join(" ")}`,
  );
}

console.log("\nerror findings:");
for (const res of results) {
  for (const e of res.errors) {
    const verdict = e.triage ? `${e.triage.verdict}${e.triage.cls ? `/${e.triage.cls}` : ""}` : "untriaged";
    console.log(`${res.id} ${e.ruleId} ${e.where} [${verdict}] ${e.message.replace(/\s+/g, " ")}`);
  }
}
if (opts.untriagedTsv) {
  console.log("\nuntriaged rows for triage.tsv:");
  for (const res of results) {
    for (const e of res.errors.filter((x) => !x.triage))
      console.log(`${res.repo}@${res.commit}\t${e.ruleId}\t${e.where}\t\t\t`);
  }
}
if (opts.json) {
  writeFileSync(opts.json, JSON.stringify({ totals, per1000, byClass: Object.fromEntries(byClass), results }, null, 2));
}

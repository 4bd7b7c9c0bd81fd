import { MxopsError } from "./errors.js";
import type { ExecFn, ExecResult } from "./exec.js";

/**
 * Settings that keep a scanned repository's own `.git/config` from running programs: git reads that file for
 * every command, and keys such as `core.fsmonitor` name a command git runs. `-c` outranks the repository's
 * config. mxops only reads (ls-files, diff --name-only, rev-parse, cat-file, log, tag), so nothing here is lost.
 */
export const SAFE_GIT_CONFIG: readonly string[] = [
  "core.fsmonitor=false",
  "core.hooksPath=/dev/null",
  "core.pager=cat",
  "core.editor=true",
  "core.askPass=",
  "core.sshCommand=false",
  "credential.helper=",
  "diff.external=",
  "protocol.allow=never",
].flatMap((kv) => ["-c", kv]);

/**
 * Environment for git: no system-wide config (GIT_CONFIG_NOSYSTEM), no prompts, no pager, no optional index
 * writes (GIT_OPTIONAL_LOCKS=0) while mxops only looks.
 */
export function safeGitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_EXTERNAL_DIFF: "",
  };
}

/**
 * Run git with {@link SAFE_GIT_CONFIG} and {@link safeGitEnv}: every git call on a repository mxops checks goes
 * through here. Never throws for a non-zero exit (see `code`); throws like `exec` when git cannot be started.
 */
export function runGit(exec: ExecFn, args: readonly string[], options: { cwd?: string } = {}): Promise<ExecResult> {
  return exec("git", [...SAFE_GIT_CONFIG, ...args], { ...options, env: safeGitEnv() });
}

/** Top of the git work tree containing `dir`, or undefined when `dir` is not in one (or git is missing). */
export async function gitTopLevel(exec: ExecFn, dir: string): Promise<string | undefined> {
  try {
    const r = await runGit(exec, ["rev-parse", "--show-toplevel"], { cwd: dir });
    return r.code === 0 ? r.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

function splitZ(out: string): string[] {
  return out.split("\0").filter((s) => s.length > 0);
}

/** Tracked plus untracked-but-not-ignored files under `dir`, relative to `dir`. */
export async function gitListFiles(exec: ExecFn, dir: string): Promise<string[]> {
  const r = await runGit(
    exec,
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", "--", "."],
    { cwd: dir },
  );
  if (r.code !== 0)
    throw new MxopsError("MXOPS_INPUT", `${dir}: git ls-files failed: ${r.stderr.trim().split("\n")[0]}`);
  return [...new Set(splitZ(r.stdout))];
}

/**
 * Files changed in a rev range (`a..b`, `a...b`, or one rev meaning rev..HEAD), relative to `dir`,
 * excluding deletions. The range is validated so it cannot be read as an option by git.
 */
export async function gitChangedFiles(exec: ExecFn, dir: string, range: string): Promise<string[]> {
  if (!/^[A-Za-z0-9_./@^~{}:-]+$/.test(range) || range.startsWith("-")) {
    throw new MxopsError("MXOPS_USAGE", `--changed: not a git revision range: ${JSON.stringify(range)}`);
  }
  const r = await runGit(
    exec,
    [
      "diff",
      "--name-only",
      "-z",
      "--no-renames",
      "--no-ext-diff",
      "--no-textconv",
      "--diff-filter=d",
      "--relative",
      range,
      "--",
    ],
    { cwd: dir },
  );
  if (r.code !== 0) {
    throw new MxopsError("MXOPS_USAGE", `--changed ${range}: git diff failed: ${r.stderr.trim().split("\n")[0] ?? ""}`);
  }
  return splitZ(r.stdout);
}

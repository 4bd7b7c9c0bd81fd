import type { ExecFn, ExecResult } from "./exec.js";
/**
 * Settings that keep a scanned repository's own `.git/config` from running programs: git reads that file for
 * every command, and keys such as `core.fsmonitor` name a command git runs. `-c` outranks the repository's
 * config. mxops only reads (ls-files, diff --name-only, rev-parse, cat-file, log, tag), so nothing here is lost.
 */
export declare const SAFE_GIT_CONFIG: readonly string[];
/**
 * Environment for git: no system-wide config (GIT_CONFIG_NOSYSTEM), no prompts, no pager, no optional index
 * writes (GIT_OPTIONAL_LOCKS=0) while mxops only looks.
 */
export declare function safeGitEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
/**
 * Run git with {@link SAFE_GIT_CONFIG} and {@link safeGitEnv}: every git call on a repository mxops checks goes
 * through here. Never throws for a non-zero exit (see `code`); throws like `exec` when git cannot be started.
 */
export declare function runGit(exec: ExecFn, args: readonly string[], options?: {
    cwd?: string;
}): Promise<ExecResult>;
/** Top of the git work tree containing `dir`, or undefined when `dir` is not in one (or git is missing). */
export declare function gitTopLevel(exec: ExecFn, dir: string): Promise<string | undefined>;
/** Tracked plus untracked-but-not-ignored files under `dir`, relative to `dir`. */
export declare function gitListFiles(exec: ExecFn, dir: string): Promise<string[]>;
/**
 * Files changed in a rev range (`a..b`, `a...b`, or one rev meaning rev..HEAD), relative to `dir`,
 * excluding deletions. The range is validated so it cannot be read as an option by git.
 */
export declare function gitChangedFiles(exec: ExecFn, dir: string, range: string): Promise<string[]>;

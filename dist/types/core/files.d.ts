import type { ExecFn } from "./exec.js";
/** A file selected for checking: absolute path and path relative to the scanned root (forward slashes). */
export interface RepoFile {
    abs: string;
    rel: string;
}
export interface SelectOptions {
    /** Scanned root; findings are relative to it. */
    root: string;
    /** Paths (files or dirs) below root to restrict to; default the whole root. */
    paths?: readonly string[];
    /** Git revision range: only files changed in it that still exist. */
    changed?: string;
}
/** A path below the root that could not be read (a directory that cannot be listed, a file that cannot be stat-ed). */
export interface UnreadablePath {
    /** Relative to the root; directories end in `/`. */
    rel: string;
    /** The system error code (EACCES, ENAMETOOLONG, …). */
    code: string;
}
/** What {@link selectFilesWithProblems} found: the files to check and the paths it could not read. */
export interface Selection {
    files: RepoFile[];
    unreadable: UnreadablePath[];
}
/**
 * Select the files to check, as sops-check and verify-config do: inside a git work tree the tracked and
 * untracked-not-ignored files, otherwise a walk that skips .git and node_modules; restricted to `paths` and,
 * with `changed`, to files changed in that range that still exist. Sorted by relative path.
 * Throws MXOPS_INPUT when the root or a path does not exist.
 */
export declare function selectFiles(exec: ExecFn, options: SelectOptions): Promise<RepoFile[]>;
/**
 * {@link selectFiles}, plus the paths that could not be read (directories that cannot be listed, files that
 * cannot be stat-ed), for the tasks to report as findings instead of failing. Throws like selectFiles.
 */
export declare function selectFilesWithProblems(exec: ExecFn, options: SelectOptions): Promise<Selection>;
/** Default per-file size limit (bytes) for repository content. */
export declare const DEFAULT_MAX_FILE_BYTES: number;
/**
 * Read a repository file as UTF-8, refusing files over `maxBytes` (returns undefined, caller reports a finding).
 */
export declare function readRepoFile(file: RepoFile, maxBytes?: number): Promise<string | undefined>;

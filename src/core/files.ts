import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { inputError, MxopsError } from "./errors.js";
import type { ExecFn } from "./exec.js";
import { gitChangedFiles, gitListFiles, gitTopLevel } from "./git.js";

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

const SKIP_DIRS = new Set([".git", "node_modules"]);

function toRel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join("/");
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

function errCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^[A-Z0-9_]{1,32}$/.test(code) ? code : "error";
}

async function walk(root: string, dir: string, out: string[], realRoot: string, bad: UnreadablePath[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    // One unreadable directory is a finding for that path; the rest of the tree is still checked.
    bad.push({ rel: `${toRel(root, dir)}/`, code: errCode(e) });
    return;
  }
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(root, abs, out, realRoot, bad);
    } else if (e.isFile()) {
      out.push(abs);
    } else if (e.isSymbolicLink()) {
      // Follow a link only to a regular file that stays inside the root; never into directories (loops).
      try {
        const target = await realpath(abs);
        const st = await stat(target);
        if (st.isFile() && !path.relative(realRoot, target).startsWith("..")) out.push(abs);
      } catch {
        /* dangling link: nothing to check */
      }
    }
  }
}

/**
 * Select the files to check, as sops-check and verify-config do: inside a git work tree the tracked and
 * untracked-not-ignored files, otherwise a walk that skips .git and node_modules; restricted to `paths` and,
 * with `changed`, to files changed in that range that still exist. Sorted by relative path.
 * Throws MXOPS_INPUT when the root or a path does not exist.
 */
export async function selectFiles(exec: ExecFn, options: SelectOptions): Promise<RepoFile[]> {
  return (await selectFilesWithProblems(exec, options)).files;
}

/**
 * {@link selectFiles}, plus the paths that could not be read (directories that cannot be listed, files that
 * cannot be stat-ed), for the tasks to report as findings instead of failing. Throws like selectFiles.
 */
export async function selectFilesWithProblems(exec: ExecFn, options: SelectOptions): Promise<Selection> {
  const bad: UnreadablePath[] = [];
  const root = path.resolve(options.root);
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw inputError(options.root, "no such directory");
  const realRoot = await realpath(root);
  const top = await gitTopLevel(exec, root);
  let absList: string[];
  if (top) {
    absList = (await gitListFiles(exec, root)).map((r) => path.join(root, r));
  } else {
    absList = [];
    await walk(root, root, absList, realRoot, bad);
  }
  if (options.paths && options.paths.length > 0) {
    const wanted = await Promise.all(
      options.paths.map(async (p) => {
        const abs = path.resolve(root, p);
        const st = await lstat(abs).catch(() => undefined);
        if (!st) throw inputError(p, "no such file or directory");
        return { abs, dir: st.isDirectory() };
      }),
    );
    absList = absList.filter((f) =>
      wanted.some((w) => (w.dir ? !path.relative(w.abs, f).startsWith("..") : w.abs === f)),
    );
    // A file named explicitly but not listed by git (e.g. ignored) is still checked when asked for.
    for (const w of wanted) if (!w.dir && !absList.includes(w.abs)) absList.push(w.abs);
  }
  if (options.changed !== undefined) {
    if (!top) throw new MxopsError("MXOPS_USAGE", `--changed needs a git work tree, but ${options.root} is not in one`);
    const changed = new Set((await gitChangedFiles(exec, root, options.changed)).map((r) => path.join(root, r)));
    absList = absList.filter((f) => changed.has(f));
  }
  const files: RepoFile[] = [];
  for (const abs of new Set(absList)) {
    let st;
    try {
      st = await lstat(abs);
    } catch (e) {
      // Gone since git listed it: nothing to check. Anything else (a directory on the way that cannot be
      // searched) leaves the file unchecked, which is reported.
      if (errCode(e) !== "ENOENT") bad.push({ rel: toRel(root, abs), code: errCode(e) });
      continue;
    }
    if (st.isSymbolicLink()) {
      const target = await realpath(abs).catch(() => undefined);
      if (!target || path.relative(realRoot, target).startsWith("..")) continue;
      const tst = await stat(target).catch(() => undefined);
      if (!tst?.isFile()) continue;
    } else if (!st.isFile()) continue;
    files.push({ abs, rel: toRel(root, abs) });
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const paths = options.paths ?? [];
  if (paths.length > 0) {
    const inPaths = (rel: string) =>
      paths.some((p) => {
        const r = path.relative(path.resolve(root, p), path.resolve(root, rel));
        return r === "" || !r.startsWith("..");
      });
    return { files, unreadable: bad.filter((b) => inPaths(b.rel)) };
  }
  return { files, unreadable: bad };
}

/** Default per-file size limit (bytes) for repository content. */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Read a repository file as UTF-8, refusing files over `maxBytes` (returns undefined, caller reports a finding).
 */
export async function readRepoFile(file: RepoFile, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<string | undefined> {
  const st = await stat(file.abs);
  if (st.size > maxBytes) return undefined;
  return readFile(file.abs, "utf8");
}

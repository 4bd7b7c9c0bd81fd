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

async function walk(root: string, dir: string, out: string[], realRoot: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(root, abs, out, realRoot);
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
    await walk(root, root, absList, realRoot);
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
    const st = await lstat(abs).catch(() => undefined);
    if (!st) continue;
    if (st.isSymbolicLink()) {
      const target = await realpath(abs).catch(() => undefined);
      if (!target || path.relative(realRoot, target).startsWith("..")) continue;
      const tst = await stat(target).catch(() => undefined);
      if (!tst?.isFile()) continue;
    } else if (!st.isFile()) continue;
    files.push({ abs, rel: toRel(root, abs) });
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return files;
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

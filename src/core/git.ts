import { MxopsError } from "./errors.js";
import type { ExecFn } from "./exec.js";

/** Top of the git work tree containing `dir`, or undefined when `dir` is not in one (or git is missing). */
export async function gitTopLevel(exec: ExecFn, dir: string): Promise<string | undefined> {
  try {
    const r = await exec("git", ["rev-parse", "--show-toplevel"], { cwd: dir });
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
  const r = await exec(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", "--", "."],
    {
      cwd: dir,
    },
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
  const r = await exec(
    "git",
    ["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", "--relative", range, "--"],
    {
      cwd: dir,
    },
  );
  if (r.code !== 0) {
    throw new MxopsError("MXOPS_USAGE", `--changed ${range}: git diff failed: ${r.stderr.trim().split("\n")[0] ?? ""}`);
  }
  return splitZ(r.stdout);
}

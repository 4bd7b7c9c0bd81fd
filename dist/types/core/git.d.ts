import type { ExecFn } from "./exec.js";
/** Top of the git work tree containing `dir`, or undefined when `dir` is not in one (or git is missing). */
export declare function gitTopLevel(exec: ExecFn, dir: string): Promise<string | undefined>;
/** Tracked plus untracked-but-not-ignored files under `dir`, relative to `dir`. */
export declare function gitListFiles(exec: ExecFn, dir: string): Promise<string[]>;
/**
 * Files changed in a rev range (`a..b`, `a...b`, or one rev meaning rev..HEAD), relative to `dir`,
 * excluding deletions. The range is validated so it cannot be read as an option by git.
 */
export declare function gitChangedFiles(exec: ExecFn, dir: string, range: string): Promise<string[]>;

import type { TagMatcher } from "./glob.js";
import type { ExecFn } from "../../core/exec.js";
/** A tag as the local checkout has it. */
export interface LocalTag {
    commitSha: string;
    annotated: boolean;
    /** Annotation without any signature block. */
    message?: string;
}
/** A first-parent commit with its subject. */
export interface LocalCommit {
    sha: string;
    subject: string;
}
/**
 * Reject tag names git would not accept or that could be read as an option or a rev expression
 * (roughly `git check-ref-format`): no leading `-`, no `..`, `@{`, whitespace, control characters,
 * `~^:?*[\`, no trailing `.`/`/`/`.lock`. Throws MXOPS_USAGE.
 */
export declare function assertTagName(tag: string): void;
/** The local tag, or undefined when the checkout does not have it (or is not a git repo). */
export declare function readLocalTag(exec: ExecFn, cwd: string, tag: string): Promise<LocalTag | undefined>;
/** True when the checkout is shallow (history cut off), or when that cannot be told. */
export declare function isShallow(exec: ExecFn, cwd: string): Promise<boolean>;
/**
 * The nearest earlier tag matching `re` on the first-parent history of `commitSha` (tags on that
 * commit itself do not count), or undefined when there is none in the local history.
 */
export declare function previousLocalTag(exec: ExecFn, cwd: string, commitSha: string, re: TagMatcher): Promise<{
    tag: string;
    commitSha: string;
} | undefined>;
/** First-parent commits in `(from, to]` (all of `to`'s history when `from` is undefined), newest first, capped. */
export declare function localCommits(exec: ExecFn, cwd: string, from: string | undefined, to: string, max: number): Promise<LocalCommit[]>;

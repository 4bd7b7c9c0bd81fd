import type { TagMatcher } from "./glob.js";
import { usageError } from "../../core/errors.js";
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

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * Reject tag names git would not accept or that could be read as an option or a rev expression
 * (roughly `git check-ref-format`): no leading `-`, no `..`, `@{`, whitespace, control characters,
 * `~^:?*[\`, no trailing `.`/`/`/`.lock`. Throws MXOPS_USAGE.
 */
export function assertTagName(tag: string): void {
  const bad =
    tag.length === 0 ||
    tag.startsWith("-") ||
    tag.startsWith("/") ||
    tag.includes("..") ||
    tag.includes("@{") ||
    tag.includes("//") ||
    // eslint-disable-next-line no-control-regex -- git check-ref-format forbids control characters in ref names
    /[\s~^:?*[\\\x00-\x1f\x7f]/.test(tag) ||
    /(\.|\/|\.lock)$/.test(tag) ||
    tag === "@";
  if (bad) throw usageError(`not a valid tag name: ${JSON.stringify(tag)}`);
}

async function git(exec: ExecFn, cwd: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  try {
    const r = await exec("git", args, { cwd });
    return { ok: r.code === 0, out: r.stdout };
  } catch {
    // git missing or cwd unusable: the caller falls back to the forge API
    return { ok: false, out: "" };
  }
}

/** Strip an inline PGP/SSH/X.509 signature from a tag message. */
function stripSignature(message: string): string {
  const i = message.search(/^-----BEGIN (PGP|SSH|SIGNED) (SIGNATURE|MESSAGE)-----/m);
  return (i >= 0 ? message.slice(0, i) : message).replace(/\s+$/, "");
}

/** The local tag, or undefined when the checkout does not have it (or is not a git repo). */
export async function readLocalTag(exec: ExecFn, cwd: string, tag: string): Promise<LocalTag | undefined> {
  assertTagName(tag);
  const ref = `refs/tags/${tag}`;
  const commit = await git(exec, cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  const commitSha = commit.out.trim();
  if (!commit.ok || !SHA.test(commitSha)) return undefined;
  const type = await git(exec, cwd, ["cat-file", "-t", ref]);
  if (type.out.trim() !== "tag") return { commitSha, annotated: false };
  const raw = await git(exec, cwd, ["cat-file", "tag", ref]);
  const sep = raw.out.indexOf("\n\n");
  const message = sep >= 0 ? stripSignature(raw.out.slice(sep + 2)) : "";
  return { commitSha, annotated: true, message };
}

/** True when the checkout is shallow (history cut off), or when that cannot be told. */
export async function isShallow(exec: ExecFn, cwd: string): Promise<boolean> {
  const r = await git(exec, cwd, ["rev-parse", "--is-shallow-repository"]);
  return !r.ok || r.out.trim() !== "false";
}

/**
 * The nearest earlier tag matching `re` on the first-parent history of `commitSha` (tags on that
 * commit itself do not count), or undefined when there is none in the local history.
 */
export async function previousLocalTag(
  exec: ExecFn,
  cwd: string,
  commitSha: string,
  re: TagMatcher,
): Promise<{ tag: string; commitSha: string } | undefined> {
  const refs = await git(exec, cwd, [
    "for-each-ref",
    "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)",
    "refs/tags",
  ]);
  const byCommit = new Map<string, string[]>();
  for (const line of refs.out.split("\n")) {
    const [name, obj, peeled] = line.split("\0");
    if (!name || !re.test(name)) continue;
    const c = peeled || obj || "";
    byCommit.set(c, [...(byCommit.get(c) ?? []), name]);
  }
  if (byCommit.size === 0) return undefined;
  const list = await git(exec, cwd, ["rev-list", "--first-parent", commitSha]);
  for (const sha of list.out.split("\n").slice(1)) {
    const names = byCommit.get(sha.trim());
    if (names) return { tag: names.sort()[names.length - 1], commitSha: sha.trim() };
  }
  return undefined;
}

/** First-parent commits in `(from, to]` (all of `to`'s history when `from` is undefined), newest first, capped. */
export async function localCommits(
  exec: ExecFn,
  cwd: string,
  from: string | undefined,
  to: string,
  max: number,
): Promise<LocalCommit[]> {
  for (const s of [from, to])
    if (s !== undefined && !SHA.test(s)) throw usageError(`not a commit id: ${JSON.stringify(s)}`);
  const range = from ? `${from}..${to}` : to;
  const r = await git(exec, cwd, ["log", "--first-parent", `--max-count=${max}`, "--format=%H%x1f%s%x1e", range, "--"]);
  return r.out
    .split("\x1e")
    .map((rec) => rec.trim())
    .filter((rec) => rec.length > 0)
    .map((rec) => {
      const [sha, subject] = rec.split("\x1f");
      return { sha: sha ?? "", subject: subject ?? "" };
    });
}

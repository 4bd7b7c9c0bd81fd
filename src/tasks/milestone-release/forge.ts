/** A tag as the forge knows it. `annotated` is false for lightweight tags (no message of their own). */
export interface ForgeTag {
  name: string;
  commitSha: string;
  annotated: boolean;
  /** Full annotation (subject, blank line, body) for annotated tags. */
  message?: string;
  /** Commit time when the forge says (Gitea does, GitHub's tag list does not). */
  created?: string;
}

/** A release as mxops compares and reports it. */
export interface ForgeRelease {
  id: number;
  tagName: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  htmlUrl: string;
}

/** What mxops asks the forge to create or set. */
export interface ReleaseInput {
  tagName: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
}

/** A commit in a range, parents in order (first parent first). */
export interface ForgeCommit {
  sha: string;
  subject: string;
  parents: string[];
}

export interface ForgeMilestone {
  id: number;
  title: string;
  state: string;
}

/** A closed issue or pull request of a milestone. */
export interface ForgeIssue {
  number: number;
  title: string;
  url: string;
  pull: boolean;
}

/**
 * The forge operations milestone-release needs, implemented for Gitea and GitHub. Every method throws
 * MxopsError (MXOPS_HTTP / MXOPS_AUTH) for failures; "not found" is `undefined`, never an error.
 */
export interface ForgeClient {
  kind: "gitea" | "github";
  /** Web URL of the repository, e.g. `https://git.example.org/ops/gitops` (for commit links). */
  repoWebUrl: string;
  getTag(tag: string): Promise<ForgeTag | undefined>;
  listTags(): Promise<ForgeTag[]>;
  /** Commits reachable from `head` and not from `base`, newest first. */
  compare(base: string, head: string): Promise<ForgeCommit[]>;
  /** Up to `max` commits of `head`'s history, newest first (no previous tag). */
  history(head: string, max: number): Promise<ForgeCommit[]>;
  getReleaseByTag(tag: string): Promise<ForgeRelease | undefined>;
  /** `conflict` when the forge says a release for the tag already exists (Gitea 409, GitHub 422 already_exists). */
  createRelease(input: ReleaseInput): Promise<ForgeRelease | "conflict">;
  updateRelease(id: number, input: ReleaseInput): Promise<ForgeRelease>;
  listMilestones(): Promise<ForgeMilestone[]>;
  closedMilestoneItems(m: ForgeMilestone): Promise<ForgeIssue[]>;
  closeMilestone(m: ForgeMilestone): Promise<void>;
}

/** Keep the first-parent chain from `head` through a set of commits (API compare lists merged-in commits too). */
export function firstParentChain(commits: readonly ForgeCommit[], head: string): ForgeCommit[] {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const out: ForgeCommit[] = [];
  let cur = bySha.get(head) ?? commits.find((c) => c.sha.startsWith(head));
  const seen = new Set<string>();
  while (cur && !seen.has(cur.sha)) {
    seen.add(cur.sha);
    out.push(cur);
    const p = cur.parents[0];
    cur = p === undefined ? undefined : bySha.get(p);
  }
  return out;
}

/** Subject line of a commit or tag message. */
export function subjectOf(message: string): string {
  return message.split(/\r?\n/, 1)[0].trim();
}

/** Release fields Gitea and GitHub name alike in their JSON (GitHub may send null for name/body). */
export interface ReleaseJson {
  id?: number;
  tag_name?: string;
  name?: string | null;
  body?: string | null;
  draft?: boolean;
  prerelease?: boolean;
  html_url?: string;
}

/** Commit fields Gitea and GitHub name alike in their JSON. */
export interface CommitJson {
  sha?: string;
  commit?: { message?: string };
  parents?: Array<{ sha?: string }>;
}

/** A forge release from either API's JSON. */
export function releaseFromJson(r: ReleaseJson): ForgeRelease {
  return {
    id: r.id ?? 0,
    tagName: r.tag_name ?? "",
    name: r.name ?? "",
    body: r.body ?? "",
    draft: r.draft === true,
    prerelease: r.prerelease === true,
    htmlUrl: r.html_url ?? "",
  };
}

/** A forge commit (first line of the message as subject) from either API's JSON. */
export function commitFromJson(c: CommitJson): ForgeCommit {
  return {
    sha: c.sha ?? "",
    subject: (c.commit?.message ?? "").split(/\r?\n/, 1)[0].trim(),
    parents: (c.parents ?? []).map((p) => p.sha ?? ""),
  };
}

// A stateful fake Gitea (API v1) for milestone-release and the Action's end-to-end tests. Requests and
// responses are validated by OpenApiFake against test/fixtures/specs/gitea/api-subset.json merged with the
// extra operations in test/fixtures/milestone-release/gitea-api-extra.json (version, compare, commits,
// issues, tags list — their shapes only: paths, parameters, types and required fields of Gitea 1.27.1). Behaviour follows FACTS.md:
// one release per tag, tag-only rows turned into releases by POST, 409 on duplicates, 404 for tag-only
// rows on GET, X-Total-Count + Link pagination, milestones addressed by id or name.
import { execFileSync } from "node:child_process";
import { giteaSpecPath, paginate } from "./gitea-spec.js";
import { OpenApiFake, type FakeRequest, type FakeResponse } from "./openapi.js";

export { giteaSpecPath } from "./gitea-spec.js";

type Json = Record<string, unknown>;

export interface FakeTag {
  name: string;
  /** Tag object SHA for annotated tags; the commit SHA for lightweight ones (as Gitea reports them). */
  id: string;
  message: string;
  commitSha: string;
  created: string;
}
export interface FakeCommit {
  sha: string;
  message: string;
  parents: string[];
  created: string;
}
export interface FakeRelease {
  id: number;
  tag_name: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  /** Gitea keeps a row per pushed tag; such rows are invisible to the release endpoints. */
  isTag: boolean;
  created_at: string;
}
export interface FakeAttachment {
  id: number;
  releaseId: number;
  name: string;
  bytes: Buffer;
  created_at: string;
}
export interface FakeMilestone {
  id: number;
  title: string;
  state: "open" | "closed";
  description?: string;
}
export interface FakeIssue {
  number: number;
  title: string;
  state: "open" | "closed";
  milestoneId?: number;
  pull?: boolean;
}

const T0 = Date.parse("2026-05-01T10:00:00Z");

/** The fake server. Set `token` to require `Authorization: token …` (or Bearer). */
export class FakeGitea {
  readonly api: OpenApiFake;
  readonly tags = new Map<string, FakeTag>();
  readonly commits = new Map<string, FakeCommit>();
  readonly releases: FakeRelease[] = [];
  readonly milestones: FakeMilestone[] = [];
  readonly issues: FakeIssue[] = [];
  /** Files attached to releases (POST releases/{id}/assets). */
  readonly attachments: FakeAttachment[] = [];
  /** When set, the next release POST first lets "another run" create the release, then answers 409. */
  raceNextCreate = false;
  maxPage = 50;
  private nextId = 1;
  private clock = 0;

  constructor(
    readonly owner = "ops",
    readonly repo = "gitops",
    readonly token = "gitea-test-token-5f1c",
  ) {
    this.api = new OpenApiFake({
      specPath: giteaSpecPath(),
      authorize: (req) =>
        req.operationId === "getVersion" ||
        [`token ${this.token}`, `Bearer ${this.token}`].includes(String(req.headers.authorization ?? "")),
      authBody: { message: "token is required", url: "" },
    });
    this.routes();
  }

  get url(): string {
    return this.api.url;
  }
  get violations(): string[] {
    return this.api.violations;
  }
  get requests(): FakeRequest[] {
    return this.api.requests;
  }
  start(): Promise<string> {
    return this.api.start();
  }
  stop(): Promise<void> {
    return this.api.stop();
  }

  private now(): string {
    return new Date(T0 + 60_000 * this.clock++).toISOString().replace(/\.000Z$/, "Z");
  }

  /** Mirror tags and commits of a real git repository (the "server side" of the test). */
  syncFromGit(dir: string): void {
    const git = (args: string[]) =>
      execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    for (const rec of git(["log", "--all", "--format=%H%x1f%P%x1f%cI%x1f%B%x1e"]).split("\x1e")) {
      const [sha, parents, created, message] = rec.replace(/^\n/, "").split("\x1f");
      if (!sha) continue;
      this.commits.set(sha, {
        sha,
        parents: parents ? parents.split(" ") : [],
        created: new Date(created).toISOString().replace(/\.000Z$/, "Z"),
        message: message ?? "",
      });
    }
    for (const line of git([
      "for-each-ref",
      "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(objecttype)",
      "refs/tags",
    ]).split("\n")) {
      const [name, obj, peeled, type] = line.split("\0");
      if (!name) continue;
      const commitSha = type === "tag" ? peeled : obj;
      const message =
        type === "tag"
          ? git(["cat-file", "tag", obj]).split("\n\n").slice(1).join("\n\n")
          : (this.commits.get(commitSha)?.message ?? "");
      this.tags.set(name, {
        name,
        id: obj,
        message,
        commitSha,
        created: this.commits.get(commitSha)?.created ?? this.now(),
      });
      if (!this.releases.some((r) => r.tag_name === name))
        this.releases.push(this.row(name, "", "", false, false, true));
    }
  }

  private row(
    tag: string,
    name: string,
    body: string,
    draft: boolean,
    prerelease: boolean,
    isTag: boolean,
  ): FakeRelease {
    return { id: this.nextId++, tag_name: tag, name, body, draft, prerelease, isTag, created_at: this.now() };
  }

  addMilestone(title: string, state: "open" | "closed" = "open"): FakeMilestone {
    const m: FakeMilestone = { id: this.nextId++, title, state };
    this.milestones.push(m);
    return m;
  }

  addIssue(
    title: string,
    milestone: FakeMilestone | undefined,
    options: { state?: "open" | "closed"; pull?: boolean } = {},
  ): FakeIssue {
    const i: FakeIssue = {
      number: this.issues.length + 1,
      title,
      state: options.state ?? "closed",
      pull: options.pull ?? false,
    };
    if (milestone) i.milestoneId = milestone.id;
    this.issues.push(i);
    return i;
  }

  /** Real releases (tag-only rows excluded). */
  realReleases(): FakeRelease[] {
    return this.releases.filter((r) => !r.isTag);
  }

  private web(p: string): string {
    return `${this.url}/${this.owner}/${this.repo}${p}`;
  }

  private releaseJson(r: FakeRelease): Json {
    return {
      id: r.id,
      tag_name: r.tag_name,
      target_commitish: "main",
      name: r.name,
      body: r.body,
      url: `${this.url}/api/v1/repos/${this.owner}/${this.repo}/releases/${r.id}`,
      html_url: this.web(`/releases/tag/${encodeURIComponent(r.tag_name)}`),
      tarball_url: this.web(`/archive/${r.tag_name}.tar.gz`),
      zipball_url: this.web(`/archive/${r.tag_name}.zip`),
      upload_url: `${this.url}/api/v1/repos/${this.owner}/${this.repo}/releases/${r.id}/assets`,
      draft: r.draft,
      prerelease: r.prerelease,
      created_at: r.created_at,
      published_at: r.created_at,
      author: { id: 1, login: "mxops-bot" },
      assets: this.attachments.filter((a) => a.releaseId === r.id).map((a) => this.attachmentJson(a)),
    };
  }

  private attachmentJson(a: FakeAttachment): Json {
    return {
      id: a.id,
      name: a.name,
      size: a.bytes.length,
      download_count: 0,
      created_at: a.created_at,
      uuid: `00000000-0000-4000-8000-${String(a.id).padStart(12, "0")}`,
      browser_download_url: this.web(`/releases/download/${a.id}/${encodeURIComponent(a.name)}`),
    };
  }

  private tagJson(t: FakeTag): Json {
    return {
      name: t.name,
      id: t.id,
      message: t.message,
      commit: {
        sha: t.commitSha,
        url: `${this.url}/api/v1/repos/${this.owner}/${this.repo}/git/commits/${t.commitSha}`,
        created: t.created,
      },
      zipball_url: this.web(`/archive/${t.name}.zip`),
      tarball_url: this.web(`/archive/${t.name}.tar.gz`),
    };
  }

  private commitJson(c: FakeCommit): Json {
    return {
      sha: c.sha,
      url: `${this.url}/api/v1/repos/${this.owner}/${this.repo}/git/commits/${c.sha}`,
      html_url: this.web(`/commit/${c.sha}`),
      created: c.created,
      commit: { message: c.message, url: "", author: { name: "dev", email: "dev@example.org", date: c.created } },
      parents: c.parents.map((p) => ({ sha: p, url: "" })),
    };
  }

  private milestoneJson(m: FakeMilestone): Json {
    const of = this.issues.filter((i) => i.milestoneId === m.id);
    return {
      id: m.id,
      title: m.title,
      description: m.description ?? "",
      state: m.state,
      open_issues: of.filter((i) => i.state === "open").length,
      closed_issues: of.filter((i) => i.state === "closed").length,
      created_at: this.now(),
    };
  }

  private page(req: FakeRequest, all: Json[]): FakeResponse {
    return paginate(req, all, this.url, this.maxPage);
  }

  private ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s) || !this.commits.has(s)) continue;
      seen.add(s);
      stack.push(...this.commits.get(s)!.parents);
    }
    return seen;
  }

  private resolve(ref: string): string | undefined {
    if (this.tags.has(ref)) return this.tags.get(ref)!.commitSha;
    if (this.commits.has(ref)) return ref;
    return [...this.commits.keys()].find((s) => ref.length >= 7 && s.startsWith(ref));
  }

  private routes(): void {
    const a = this.api;
    const notFound: FakeResponse = {
      status: 404,
      body: { errors: [], message: "The target couldn't be found.", url: "" },
    };
    const mine = (req: FakeRequest) => req.params.owner === this.owner && req.params.repo === this.repo;
    a.on("getVersion", () => ({ status: 200, body: { version: "1.27.1" } }));
    a.on("repoGetTag", (req) => {
      const t = mine(req) ? this.tags.get(req.params.tag) : undefined;
      return t ? { status: 200, body: this.tagJson(t) } : notFound;
    });
    a.on("repoListTags", (req) => {
      // Gitea lists tags newest first.
      const all = [...this.tags.values()]
        .sort((x, y) => y.created.localeCompare(x.created))
        .map((t) => this.tagJson(t));
      return mine(req) ? this.page(req, all) : notFound;
    });
    a.on("repoCompareDiff", (req) => {
      const [base, head] = req.params.basehead.split("...");
      const b = this.resolve(base ?? "");
      const h = this.resolve(head ?? "");
      if (!mine(req) || !b || !h) return notFound;
      const exclude = this.ancestors(b);
      const list = [...this.ancestors(h)]
        .filter((s) => !exclude.has(s))
        .map((s) => this.commitJson(this.commits.get(s)!));
      return { status: 200, body: { total_commits: list.length, commits: list } };
    });
    a.on("repoGetAllCommits", (req) => {
      const h = this.resolve(req.query.get("sha") ?? "main");
      if (!mine(req) || !h) return notFound;
      const all = [...this.ancestors(h)]
        .map((s) => this.commits.get(s)!)
        .sort((x, y) => y.created.localeCompare(x.created));
      return this.page(
        req,
        all.map((c) => this.commitJson(c)),
      );
    });
    a.on("repoListReleases", (req) =>
      mine(req)
        ? this.page(
            req,
            this.realReleases().map((r) => this.releaseJson(r)),
          )
        : notFound,
    );
    a.on("repoGetReleaseByTag", (req) => {
      const r = mine(req) ? this.realReleases().find((x) => x.tag_name === req.params.tag) : undefined;
      return r ? { status: 200, body: this.releaseJson(r) } : notFound;
    });
    a.on("repoGetRelease", (req) => {
      const r = mine(req) ? this.realReleases().find((x) => x.id === Number(req.params.id)) : undefined;
      return r ? { status: 200, body: this.releaseJson(r) } : notFound;
    });
    a.on("repoCreateRelease", (req) => {
      if (!mine(req)) return notFound;
      const b = req.body as { tag_name: string; name?: string; body?: string; draft?: boolean; prerelease?: boolean };
      if (this.raceNextCreate) {
        this.raceNextCreate = false;
        this.upsert(b.tag_name, {
          name: "racing run",
          body: "created by a concurrent run",
          draft: false,
          prerelease: false,
        });
      }
      if (this.realReleases().some((r) => r.tag_name === b.tag_name))
        return { status: 409, body: { message: "Release is has no Tag", url: "" } };
      const r = this.upsert(b.tag_name, {
        name: b.name ?? "",
        body: b.body ?? "",
        draft: b.draft ?? false,
        prerelease: b.prerelease ?? false,
      });
      return { status: 201, body: this.releaseJson(r) };
    });
    a.on("repoEditRelease", (req) => {
      const r = mine(req) ? this.realReleases().find((x) => x.id === Number(req.params.id)) : undefined;
      if (!r) return notFound;
      const b = req.body as { name?: string; body?: string; draft?: boolean; prerelease?: boolean };
      // Gitea ignores empty strings in EditReleaseOption.
      if (b.name) r.name = b.name;
      if (b.body) r.body = b.body;
      if (b.draft !== undefined) r.draft = b.draft;
      if (b.prerelease !== undefined) r.prerelease = b.prerelease;
      return { status: 200, body: this.releaseJson(r) };
    });
    a.on("repoCreateReleaseAttachment", async (req) => {
      const r = mine(req) ? this.realReleases().find((x) => x.id === Number(req.params.id)) : undefined;
      const file = req.form?.get("attachment");
      if (!r) return notFound;
      if (!file || typeof file === "string") return { status: 400, body: { message: "no attachment", url: "" } };
      // Gitea names the attachment after the `name` query parameter, else the uploaded file name.
      const a: FakeAttachment = {
        id: this.nextId++,
        releaseId: r.id,
        name: req.query.get("name") || file.name,
        bytes: Buffer.from(await file.arrayBuffer()),
        created_at: this.now(),
      };
      this.attachments.push(a);
      return { status: 201, body: this.attachmentJson(a) };
    });
    a.on("issueGetMilestonesList", (req) => {
      if (!mine(req)) return notFound;
      const state = req.query.get("state") ?? "open";
      const name = req.query.get("name");
      const all = this.milestones.filter(
        (m) => (state === "all" || m.state === state) && (!name || m.title.toLowerCase().includes(name.toLowerCase())),
      );
      return this.page(
        req,
        all.map((m) => this.milestoneJson(m)),
      );
    });
    a.on("issueEditMilestone", (req) => {
      const key = req.params.id;
      const m = mine(req)
        ? (this.milestones.find((x) => String(x.id) === key) ?? this.milestones.find((x) => x.title === key))
        : undefined;
      if (!m) return notFound;
      const b = req.body as { state?: string; title?: string };
      if (b.state === "closed" || b.state === "open") m.state = b.state;
      if (b.title) m.title = b.title;
      return { status: 200, body: this.milestoneJson(m) };
    });
    a.on("issueListIssues", (req) => {
      if (!mine(req)) return notFound;
      const state = req.query.get("state") ?? "open";
      const type = req.query.get("type");
      const wanted = (req.query.get("milestones") ?? "").split(",").filter(Boolean);
      const ids = new Set(
        wanted
          .map(
            (w) => (this.milestones.find((m) => m.title === w) ?? this.milestones.find((m) => String(m.id) === w))?.id,
          )
          .filter((x): x is number => x !== undefined),
      );
      const all = this.issues.filter(
        (i) =>
          (state === "all" || i.state === state) &&
          (!type || (type === "pulls") === !!i.pull) &&
          (wanted.length === 0 || (i.milestoneId !== undefined && ids.has(i.milestoneId))),
      );
      return this.page(
        req,
        all.map((i) => {
          const j: Json = {
            id: 1000 + i.number,
            number: i.number,
            title: i.title,
            state: i.state,
            html_url: this.web(`/${i.pull ? "pulls" : "issues"}/${i.number}`),
          };
          if (i.pull) j.pull_request = { merged: true, html_url: this.web(`/pulls/${i.number}`) };
          return j;
        }),
      );
    });
  }

  private upsert(tag: string, f: { name: string; body: string; draft: boolean; prerelease: boolean }): FakeRelease {
    let r = this.releases.find((x) => x.tag_name === tag);
    if (!r) {
      r = this.row(tag, f.name, f.body, f.draft, f.prerelease, false);
      this.releases.push(r);
    }
    Object.assign(r, f, { isTag: false });
    return r;
  }
}

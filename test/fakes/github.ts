// A stateful fake of the GitHub REST endpoints milestone-release uses. GitHub's OpenAPI description is too
// large to vendor here, so requests are checked by hand against the documented shapes (REST API version
// 2022-11-28): Bearer auth, the version header, known query parameters, release/milestone bodies with only
// documented fields. Behaviour: drafts are invisible to GET releases/tags/{tag}, a second release for a tag
// is 422 `already_exists`, annotated tags live in the git database (git/ref + git/tags), /version is 404.
// Release assets are uploaded to the release's `upload_url` (here /uploads/… on the same server, standing in
// for uploads.github.com) as the raw body with `?name=`; a second asset of the same name is 422.
import { execFileSync } from "node:child_process";
import http from "node:http";
import { closeServer, listenBuffered } from "./loopback.js";

interface Rel {
  id: number;
  tag_name: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
}
interface Tag {
  name: string;
  objectSha: string;
  type: "tag" | "commit";
  commitSha: string;
  message: string;
}
interface Commit {
  sha: string;
  message: string;
  parents: string[];
}

const RELEASE_FIELDS = new Set([
  "tag_name",
  "target_commitish",
  "name",
  "body",
  "draft",
  "prerelease",
  "discussion_category_name",
  "generate_release_notes",
  "make_latest",
]);
const MILESTONE_FIELDS = new Set(["title", "state", "description", "due_on"]);

export class FakeGitHub {
  readonly violations: string[] = [];
  readonly requests: Array<{ method: string; path: string }> = [];
  readonly releases: Rel[] = [];
  readonly milestones: Array<{ number: number; title: string; state: "open" | "closed" }> = [];
  readonly issues: Array<{ number: number; title: string; state: string; milestone?: number; pull?: boolean }> = [];
  readonly tags = new Map<string, Tag>();
  readonly assets: Array<{ id: number; releaseId: number; name: string; bytes: Buffer; contentType: string }> = [];
  readonly commits = new Map<string, Commit>();
  raceNextCreate = false;
  private server?: http.Server;
  private nextId = 100;
  url = "";

  constructor(readonly token = "ghs_faketoken0123456789") {}

  syncFromGit(dir: string): void {
    const git = (args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });
    for (const rec of git(["log", "--all", "--format=%H%x1f%P%x1f%B%x1e"]).split("\x1e")) {
      const [sha, parents, message] = rec.replace(/^\n/, "").split("\x1f");
      if (sha) this.commits.set(sha, { sha, parents: parents ? parents.split(" ") : [], message: message ?? "" });
    }
    for (const line of git([
      "for-each-ref",
      "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(objecttype)",
      "refs/tags",
    ]).split("\n")) {
      const [name, obj, peeled, type] = line.split("\0");
      if (!name) continue;
      const annotated = type === "tag";
      const message = annotated ? git(["cat-file", "tag", obj]).split("\n\n").slice(1).join("\n\n") : "";
      this.tags.set(name, {
        name,
        objectSha: obj,
        type: annotated ? "tag" : "commit",
        commitSha: annotated ? peeled : obj,
        message,
      });
    }
  }

  realReleases(): Rel[] {
    return this.releases;
  }

  async start(): Promise<string> {
    const { server, url } = await listenBuffered((req, body, res) => this.handle(req, body, res), this.violations);
    this.server = server;
    this.url = url;
    return url;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  private web(p: string): string {
    return `${this.url}/web/ops/gitops${p}`;
  }

  private rel(r: Rel): Record<string, unknown> {
    return {
      id: r.id,
      tag_name: r.tag_name,
      name: r.name,
      body: r.body,
      draft: r.draft,
      prerelease: r.prerelease,
      html_url: this.web(`/releases/tag/${r.tag_name}`),
      upload_url: `${this.url}/uploads/repos/ops/gitops/releases/${r.id}/assets{?name,label}`,
      assets: this.assets.filter((a) => a.releaseId === r.id).map((a) => this.assetJson(a)),
    };
  }

  private assetJson(a: (typeof this.assets)[number]): Record<string, unknown> {
    return {
      id: a.id,
      name: a.name,
      size: a.bytes.length,
      state: "uploaded",
      content_type: a.contentType,
      browser_download_url: this.web(`/releases/download/${a.id}/${a.name}`),
    };
  }

  private ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s) || !this.commits.has(s)) continue;
      seen.add(s);
      stack.push(...this.commits.get(s)!.parents);
    }
    return seen;
  }

  private commitJson(c: Commit): Record<string, unknown> {
    return { sha: c.sha, commit: { message: c.message }, parents: c.parents.map((sha) => ({ sha })) };
  }

  private handle(req: http.IncomingMessage, bytes: Buffer, res: http.ServerResponse): void {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const url = new URL(req.url ?? "/", "http://x");
    const method = req.method ?? "GET";
    this.requests.push({ method, path: url.pathname });
    const allowQuery = (...names: string[]) => {
      for (const k of url.searchParams.keys())
        if (!names.includes(k)) this.violations.push(`${method} ${url.pathname}: undocumented query ${k}`);
    };
    if (url.pathname === "/version") return send(404, { message: "Not Found" });
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { message: "Bad credentials" });
    if (req.headers["x-github-api-version"] !== "2022-11-28")
      this.violations.push(`${url.pathname}: missing X-GitHub-Api-Version`);
    if (!String(req.headers.accept).includes("application/vnd.github+json"))
      this.violations.push(`${url.pathname}: accept is ${req.headers.accept}`);
    const up = /^\/uploads\/repos\/ops\/gitops\/releases\/(\d+)\/assets$/.exec(url.pathname);
    if (up) return this.upload(Number(up[1]), url, req, bytes, send);
    const raw = bytes.toString("utf8");
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const fields = (allowed: Set<string>) => {
      for (const k of Object.keys(body ?? {}))
        if (!allowed.has(k)) this.violations.push(`${method} ${url.pathname}: undocumented field ${k}`);
    };
    const m = /^\/repos\/ops\/gitops\/(.+)$/.exec(url.pathname);
    if (!m) return send(404, { message: "Not Found" });
    const p = m[1];
    let x: RegExpExecArray | null;
    if (method === "GET" && (x = /^git\/ref\/tags\/(.+)$/.exec(p))) {
      const t = this.tags.get(decodeURIComponent(x[1]));
      return t
        ? send(200, { ref: `refs/tags/${t.name}`, object: { type: t.type, sha: t.objectSha } })
        : send(404, { message: "Not Found" });
    }
    if (method === "GET" && (x = /^git\/tags\/([0-9a-f]{40})$/.exec(p))) {
      const t = [...this.tags.values()].find((y) => y.type === "tag" && y.objectSha === x![1]);
      return t
        ? send(200, { sha: t.objectSha, tag: t.name, message: t.message, object: { type: "commit", sha: t.commitSha } })
        : send(404, { message: "Not Found" });
    }
    if (method === "GET" && p === "tags") {
      allowQuery("per_page", "page");
      return send(
        200,
        [...this.tags.values()].map((t) => ({ name: t.name, commit: { sha: t.commitSha } })),
      );
    }
    if (method === "GET" && (x = /^compare\/([^/]+)\.\.\.([^/]+)$/.exec(p))) {
      allowQuery("per_page", "page");
      const res2 = (ref: string) => this.tags.get(ref)?.commitSha ?? (this.commits.has(ref) ? ref : undefined);
      const b = res2(decodeURIComponent(x[1]));
      const h = res2(decodeURIComponent(x[2]));
      if (!b || !h) return send(404, { message: "Not Found" });
      const ex = this.ancestors(b);
      return send(200, {
        commits: [...this.ancestors(h)].filter((s) => !ex.has(s)).map((s) => this.commitJson(this.commits.get(s)!)),
      });
    }
    if (method === "GET" && p === "commits") {
      allowQuery("sha", "per_page", "page", "path", "author", "since", "until");
      return send(
        200,
        [...this.ancestors(url.searchParams.get("sha") ?? "")].map((s) => this.commitJson(this.commits.get(s)!)),
      );
    }
    if (method === "GET" && (x = /^releases\/tags\/(.+)$/.exec(p))) {
      const r = this.releases.find((y) => !y.draft && y.tag_name === decodeURIComponent(x![1]));
      return r ? send(200, this.rel(r)) : send(404, { message: "Not Found" });
    }
    if (method === "GET" && p === "releases") {
      allowQuery("per_page", "page");
      return send(
        200,
        this.releases.map((r) => this.rel(r)),
      );
    }
    if (method === "POST" && p === "releases") {
      fields(RELEASE_FIELDS);
      if (typeof body?.tag_name !== "string")
        return send(422, {
          message: "Validation Failed",
          errors: [{ resource: "Release", code: "missing_field", field: "tag_name" }],
        });
      if (this.raceNextCreate) {
        this.raceNextCreate = false;
        this.releases.push({
          id: this.nextId++,
          tag_name: body.tag_name,
          name: "racing",
          body: "racing",
          draft: false,
          prerelease: false,
        });
      }
      if (this.releases.some((r) => r.tag_name === body.tag_name)) {
        return send(422, {
          message: "Validation Failed",
          errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }],
        });
      }
      const r: Rel = {
        id: this.nextId++,
        tag_name: body.tag_name,
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the fake stores whatever the client sent
        name: String(body.name ?? ""),
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- as above
        body: String(body.body ?? ""),
        draft: body.draft === true,
        prerelease: body.prerelease === true,
      };
      this.releases.push(r);
      return send(201, this.rel(r));
    }
    if (method === "PATCH" && (x = /^releases\/(\d+)$/.exec(p))) {
      fields(RELEASE_FIELDS);
      const r = this.releases.find((y) => y.id === Number(x![1]));
      if (!r) return send(404, { message: "Not Found" });
      if (typeof body?.name === "string") r.name = body.name;
      if (typeof body?.body === "string") r.body = body.body;
      if (typeof body?.draft === "boolean") r.draft = body.draft;
      if (typeof body?.prerelease === "boolean") r.prerelease = body.prerelease;
      return send(200, this.rel(r));
    }
    if (method === "GET" && p === "milestones") {
      allowQuery("state", "sort", "direction", "per_page", "page");
      const st = url.searchParams.get("state") ?? "open";
      return send(
        200,
        this.milestones.filter((ms) => st === "all" || ms.state === st),
      );
    }
    if (method === "PATCH" && (x = /^milestones\/(\d+)$/.exec(p))) {
      fields(MILESTONE_FIELDS);
      const ms = this.milestones.find((y) => y.number === Number(x![1]));
      if (!ms) return send(404, { message: "Not Found" });
      if (body?.state === "closed" || body?.state === "open") ms.state = body.state;
      return send(200, ms);
    }
    if (method === "GET" && p === "issues") {
      allowQuery(
        "milestone",
        "state",
        "assignee",
        "creator",
        "mentioned",
        "labels",
        "sort",
        "direction",
        "since",
        "per_page",
        "page",
      );
      const num = Number(url.searchParams.get("milestone"));
      const st = url.searchParams.get("state") ?? "open";
      const list = this.issues.filter((i) => i.milestone === num && (st === "all" || i.state === st));
      return send(
        200,
        list.map((i) => ({
          number: i.number,
          title: i.title,
          state: i.state,
          html_url: this.web(`/issues/${i.number}`),
          ...(i.pull ? { pull_request: { url: "" } } : {}),
        })),
      );
    }
    this.violations.push(`unexpected ${method} ${url.pathname}`);
    return send(404, { message: "Not Found" });
  }

  private upload(
    releaseId: number,
    url: URL,
    req: http.IncomingMessage,
    bytes: Buffer,
    send: (status: number, body?: unknown) => void,
  ): void {
    for (const k of url.searchParams.keys())
      if (k !== "name" && k !== "label") this.violations.push(`upload: undocumented query ${k}`);
    const name = url.searchParams.get("name");
    const contentType = String(req.headers["content-type"] ?? "");
    if (req.method !== "POST" || !name || !contentType || contentType.startsWith("multipart/"))
      this.violations.push(`upload: expected POST ?name= with a raw body and its content type`);
    if (!this.releases.some((r) => r.id === releaseId)) return send(404, { message: "Not Found" });
    if (this.assets.some((a) => a.releaseId === releaseId && a.name === name))
      return send(422, {
        message: "Validation Failed",
        errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }],
      });
    const a = { id: this.nextId++, releaseId, name: name ?? "", bytes, contentType };
    this.assets.push(a);
    return send(201, this.assetJson(a));
  }
}

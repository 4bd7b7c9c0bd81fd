import { call, getAll, seg, type ApiContext } from "./api.js";
import {
  commitFromJson,
  releaseFromJson,
  type CommitJson,
  type ForgeClient,
  type ForgeIssue,
  type ForgeMilestone,
  type ForgeTag,
  type ReleaseInput,
  type ReleaseJson,
} from "./forge.js";

interface GTag {
  name?: string;
  id?: string;
  message?: string;
  commit?: { sha?: string; created?: string };
}
interface GIssue {
  number?: number;
  title?: string;
  html_url?: string;
  pull_request?: unknown;
}

const LIMIT = 50;

function tag(t: GTag): ForgeTag {
  const commitSha = t.commit?.sha ?? "";
  // Gitea reports a lightweight tag with the commit's SHA as its id (and the commit message as "message").
  const annotated = !!t.id && t.id !== commitSha;
  const out: ForgeTag = { name: t.name ?? "", commitSha, annotated };
  if (annotated && t.message !== undefined) out.message = t.message;
  if (t.commit?.created) out.created = t.commit.created;
  return out;
}

/**
 * Gitea (API v1) client for one repository. Facts it relies on (Gitea 1.27): release per tag with
 * tag-only rows turned into releases by POST, 409 for an existing release or a create race,
 * PATCH ignoring empty strings, `milestones=` on the issue list taking names or ids.
 */
export function giteaClient(api: ApiContext, owner: string, repo: string, repoWebUrl: string): ForgeClient {
  const r = `/repos/${seg(owner)}/${seg(repo)}`;
  return {
    kind: "gitea",
    repoWebUrl,
    async getTag(name) {
      const res = await call(api, "GET", `${r}/tags/${seg(name)}`, { accept: [404] });
      return res.status === 404 ? undefined : tag(res.json<GTag>());
    },
    async listTags() {
      return (await getAll<GTag>(api, `${r}/tags`, {}, { size: "limit", limit: LIMIT })).map(tag);
    },
    async compare(base, head) {
      const res = await call(api, "GET", `${r}/compare/${seg(base)}...${seg(head)}`);
      return (res.json<{ commits?: CommitJson[] }>().commits ?? []).map(commitFromJson);
    },
    async history(head, max) {
      const q = new URLSearchParams({
        sha: head,
        limit: String(Math.min(max, LIMIT)),
        stat: "false",
        verification: "false",
        files: "false",
      });
      const res = await call(api, "GET", `${r}/commits?${q.toString()}`);
      return res.json<CommitJson[]>().map(commitFromJson);
    },
    async getReleaseByTag(name) {
      const res = await call(api, "GET", `${r}/releases/tags/${seg(name)}`, { accept: [404] });
      return res.status === 404 ? undefined : releaseFromJson(res.json<ReleaseJson>());
    },
    async createRelease(input: ReleaseInput) {
      const body = {
        tag_name: input.tagName,
        name: input.name,
        body: input.body,
        draft: input.draft,
        prerelease: input.prerelease,
      };
      const res = await call(api, "POST", `${r}/releases`, { body, accept: [409] });
      return res.status === 409 ? "conflict" : releaseFromJson(res.json<ReleaseJson>());
    },
    async updateRelease(id, input) {
      const body = { name: input.name, body: input.body, draft: input.draft, prerelease: input.prerelease };
      return releaseFromJson((await call(api, "PATCH", `${r}/releases/${id}`, { body })).json<ReleaseJson>());
    },
    async listMilestones() {
      const list = await getAll<{ id?: number; title?: string; state?: string }>(
        api,
        `${r}/milestones`,
        { state: "all" },
        { size: "limit", limit: LIMIT },
      );
      return list.map((m) => ({ id: m.id ?? 0, title: m.title ?? "", state: m.state ?? "" }));
    },
    async closedMilestoneItems(m: ForgeMilestone): Promise<ForgeIssue[]> {
      // Names are tried first by Gitea; a title with a comma would split, so use the id then.
      const filter = m.title.includes(",") ? String(m.id) : m.title;
      const list = await getAll<GIssue>(
        api,
        `${r}/issues`,
        { state: "closed", milestones: filter },
        { size: "limit", limit: LIMIT },
      );
      return list.map((i) => ({
        number: i.number ?? 0,
        title: i.title ?? "",
        url: i.html_url ?? "",
        pull: i.pull_request != null,
      }));
    },
    async closeMilestone(m) {
      await call(api, "PATCH", `${r}/milestones/${m.id}`, { body: { state: "closed" } });
    },
  };
}

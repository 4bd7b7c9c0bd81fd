import { MxopsError } from "../../core/errors.js";
import { redactUrl } from "../../core/http.js";
import { call, getAll, seg, type ApiContext } from "./api.js";
import {
  commitFromJson,
  releaseFromJson,
  type CommitJson,
  type ForgeClient,
  type ForgeTag,
  type ReleaseInput,
  type ReleaseJson,
} from "./forge.js";

const PER_PAGE = 100;

/** True for GitHub's "Validation Failed" answer to a second release for the same tag. */
function alreadyExists(body: string): boolean {
  try {
    const b = JSON.parse(body) as { errors?: Array<{ code?: string; field?: string }> };
    return (b.errors ?? []).some((e) => e.code === "already_exists");
  } catch {
    return false;
  }
}

/**
 * GitHub REST client for one repository. GitHub differences it handles: tag messages live in the git
 * database (`git/ref/tags/…` then `git/tags/{sha}`), a duplicate release is 422 `already_exists`,
 * draft releases are not found by tag (so the release list is searched), milestones go by number.
 */
export function githubClient(api: ApiContext, owner: string, repo: string, repoWebUrl: string): ForgeClient {
  const r = `/repos/${seg(owner)}/${seg(repo)}`;
  return {
    kind: "github",
    repoWebUrl,
    async getTag(name) {
      const ref = await call(api, "GET", `${r}/git/ref/tags/${seg(name)}`, { accept: [404] });
      if (ref.status === 404) return undefined;
      const obj = ref.json<{ object?: { type?: string; sha?: string } }>().object ?? {};
      if (obj.type !== "tag") return { name, commitSha: obj.sha ?? "", annotated: false };
      const t = (await call(api, "GET", `${r}/git/tags/${seg(obj.sha ?? "")}`)).json<{
        message?: string;
        object?: { sha?: string };
      }>();
      const out: ForgeTag = { name, commitSha: t.object?.sha ?? "", annotated: true };
      if (t.message !== undefined) out.message = t.message;
      return out;
    },
    async listTags() {
      const list = await getAll<{ name?: string; commit?: { sha?: string } }>(
        api,
        `${r}/tags`,
        {},
        { size: "per_page", limit: PER_PAGE },
      );
      return list.map((t) => ({ name: t.name ?? "", commitSha: t.commit?.sha ?? "", annotated: false }));
    },
    async compare(base, head) {
      const res = await call(api, "GET", `${r}/compare/${seg(base)}...${seg(head)}?per_page=${PER_PAGE}`);
      return (res.json<{ commits?: CommitJson[] }>().commits ?? []).map(commitFromJson);
    },
    async history(head, max) {
      const q = new URLSearchParams({ sha: head, per_page: String(Math.min(max, PER_PAGE)) });
      return (await call(api, "GET", `${r}/commits?${q.toString()}`)).json<CommitJson[]>().map(commitFromJson);
    },
    async getReleaseByTag(name) {
      const res = await call(api, "GET", `${r}/releases/tags/${seg(name)}`, { accept: [404] });
      if (res.status !== 404) return releaseFromJson(res.json<ReleaseJson>());
      // Drafts have no tag yet and are only visible in the list.
      const first = await call(api, "GET", `${r}/releases?per_page=${PER_PAGE}`);
      const hit = first.json<ReleaseJson[]>().find((x) => x.tag_name === name);
      return hit ? releaseFromJson(hit) : undefined;
    },
    async createRelease(input: ReleaseInput) {
      const body = {
        tag_name: input.tagName,
        name: input.name,
        body: input.body,
        draft: input.draft,
        prerelease: input.prerelease,
      };
      const res = await call(api, "POST", `${r}/releases`, { body, accept: [422] });
      if (res.status === 422) {
        if (alreadyExists(res.body)) return "conflict";
        throw new MxopsError(
          "MXOPS_HTTP",
          `POST ${redactUrl(api.base + r)}/releases: 422 — GitHub refused the release (tag name invalid?)`,
        );
      }
      return releaseFromJson(res.json<ReleaseJson>());
    },
    async updateRelease(id, input) {
      const body = { name: input.name, body: input.body, draft: input.draft, prerelease: input.prerelease };
      return releaseFromJson((await call(api, "PATCH", `${r}/releases/${id}`, { body })).json<ReleaseJson>());
    },
    async listMilestones() {
      const list = await getAll<{ number?: number; title?: string; state?: string }>(
        api,
        `${r}/milestones`,
        { state: "all" },
        { size: "per_page", limit: PER_PAGE },
      );
      return list.map((m) => ({ id: m.number ?? 0, title: m.title ?? "", state: m.state ?? "" }));
    },
    async closedMilestoneItems(m) {
      const list = await getAll<{ number?: number; title?: string; html_url?: string; pull_request?: unknown }>(
        api,
        `${r}/issues`,
        { milestone: String(m.id), state: "closed" },
        { size: "per_page", limit: PER_PAGE },
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

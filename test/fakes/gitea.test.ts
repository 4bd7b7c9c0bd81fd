// The fake Gitea itself behaves like Gitea 1.27 where milestone-release depends on it (FACTS.md).
import { afterAll, describe, expect, it } from "vitest";
import { FakeGitea } from "./gitea.js";
import { TempRepo } from "../tasks/milestone-release/repo.js";

afterAll(() => TempRepo.cleanup());

describe("FakeGitea", () => {
  it("keeps tag-only rows hidden, turns one into the release on POST, answers 409 to a second POST, pages with headers", async () => {
    const repo = new TempRepo();
    repo.commit("one");
    repo.tag("m1-a-complete", "M1: a");
    repo.tag("light");
    const g = new FakeGitea();
    g.syncFromGit(repo.dir);
    await g.start();
    try {
      const h = { authorization: `token ${g.token}`, "content-type": "application/json" };
      const api = `${g.url}/api/v1/repos/ops/gitops`;
      const rowId = g.releases.find((r) => r.tag_name === "m1-a-complete")!.id;
      expect((await fetch(`${api}/releases/tags/m1-a-complete`, { headers: h })).status).toBe(404);
      const created = await fetch(`${api}/releases`, {
        method: "POST",
        headers: h,
        body: JSON.stringify({ tag_name: "m1-a-complete", name: "M1" }),
      });
      expect(created.status).toBe(201);
      expect(((await created.json()) as { id: number }).id).toBe(rowId);
      const dup = await fetch(`${api}/releases`, {
        method: "POST",
        headers: h,
        body: JSON.stringify({ tag_name: "m1-a-complete", name: "M1" }),
      });
      expect(dup.status).toBe(409);
      const tag = (await (await fetch(`${api}/tags/light`, { headers: h })).json()) as {
        id: string;
        commit: { sha: string };
      };
      expect(tag.id).toBe(tag.commit.sha);
      const annotated = (await (await fetch(`${api}/tags/m1-a-complete`, { headers: h })).json()) as {
        id: string;
        message: string;
        commit: { sha: string };
      };
      expect(annotated.id).not.toBe(annotated.commit.sha);
      expect(annotated.message).toBe("M1: a\n");
      for (let i = 0; i < 3; i++) g.addMilestone(`m${i}`);
      const page = await fetch(`${api}/milestones?state=all&limit=2&page=1`, { headers: h });
      expect(page.headers.get("x-total-count")).toBe("3");
      expect(page.headers.get("link")).toMatch(/page=2.*rel="next"/);
      expect((await fetch(`${api}/releases`, { headers: {} })).status).toBe(401);
      expect(g.violations).toEqual([]);
    } finally {
      await g.stop();
    }
  });
});

// milestone-release on GitHub (detected because /version is not Gitea's), against the hand-checked GitHub fake.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { defaultDeps } from "../../../src/core/deps.js";
import { createHttpClient } from "../../../src/core/http.js";
import { spec } from "../../../src/tasks/milestone-release/spec.js";
import type { MilestoneReleaseResults } from "../../../src/tasks/milestone-release/index.js";
import { FakeGitHub } from "../../fakes/github.js";
import { milestoneRepo, TempRepo } from "./repo.js";

const fakes: FakeGitHub[] = [];
afterEach(async () => {
  // Stop every fake before judging any, so one with violations does not leave the others running.
  const done = fakes.splice(0);
  await Promise.all(done.map((f) => f.stop()));
  for (const f of done) expect(f.violations).toEqual([]);
});
afterAll(() => TempRepo.cleanup());

async function github(repo: TempRepo): Promise<FakeGitHub> {
  const g = new FakeGitHub();
  g.syncFromGit(repo.dir);
  await g.start();
  fakes.push(g);
  return g;
}

async function run(dir: string, g: FakeGitHub, values: Record<string, string | boolean> = {}) {
  const deps = defaultDeps({ cwd: dir, http: createHttpClient({ sleep: async () => {}, retries: 1 }) });
  const env = {
    GITHUB_API_URL: g.url,
    GITHUB_SERVER_URL: `${g.url}/web`,
    GITHUB_REPOSITORY: "ops/gitops",
    GITHUB_TOKEN: g.token,
    GITHUB_REF: "refs/tags/m2-turn-complete",
  };
  const o = await spec.toOptions({ values, positionals: [], env, cwd: dir }, deps);
  const report = await spec.run(o, deps);
  return { report, results: report.results as MilestoneReleaseResults };
}

describe("milestone-release on GitHub", () => {
  it("detects GitHub, creates the release with milestone items by number, and a rerun is unchanged", async () => {
    const repo = milestoneRepo();
    const g = await github(repo);
    g.milestones.push({ number: 7, title: "m2-turn", state: "open" });
    g.issues.push(
      { number: 3, title: "relay", state: "closed", milestone: 7 },
      { number: 4, title: "PR relay", state: "closed", milestone: 7, pull: true },
    );
    const first = await run(repo.dir, g, { "close-milestone": true });
    expect(first.results).toMatchObject({
      forge: "github",
      release: { action: "created" },
      milestone: { action: "closed" },
    });
    expect(g.releases[0].body).toContain(`[\``);
    expect(g.releases[0].body).toContain(`${g.url}/web/ops/gitops/commit/`);
    expect(g.releases[0].body).toContain("### Pull requests\n\n- PR relay");
    expect(g.milestones[0].state).toBe("closed");
    const again = await run(repo.dir, g, { "close-milestone": true });
    expect(again.results.release.action).toBe("unchanged");
    expect(again.report.changed).toBe(false);
  });

  it("turns a 422 already_exists race into an update, and finds drafts through the release list", async () => {
    const repo = milestoneRepo();
    const g = await github(repo);
    g.raceNextCreate = true;
    expect((await run(repo.dir, g)).results.release.action).toBe("updated");
    expect(g.releases).toHaveLength(1);
    const repo2 = milestoneRepo();
    const g2 = await github(repo2);
    await run(repo2.dir, g2, { draft: true });
    const again = await run(repo2.dir, g2, { draft: true });
    expect(again.results.release.action).toBe("unchanged");
    expect(g2.releases).toHaveLength(1);
  });

  it("reads the annotation from the git database when the checkout has a lightweight tag", async () => {
    const repo = milestoneRepo();
    const g = await github(repo);
    const co = repo.checkoutLikeActions("m2-turn-complete");
    const { report } = await run(co.dir, g);
    expect(g.releases[0].name).toBe("M2: TURN and calls");
    expect(g.releases[0].body).toContain("## Changes since m1-k3s-complete");
    expect(report.findings.filter((f) => f.ruleId === "release/api-fallback")).toHaveLength(2);
  });
});

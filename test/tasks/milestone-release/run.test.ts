import { afterAll, afterEach, describe, expect, it } from "vitest";
import { defaultDeps } from "../../../src/core/deps.js";
import { createHttpClient } from "../../../src/core/http.js";
import type { Report } from "../../../src/core/finding.js";
import { spec } from "../../../src/tasks/milestone-release/spec.js";
import type { MilestoneReleaseResults } from "../../../src/tasks/milestone-release/index.js";
import { FakeGitea } from "../../fakes/gitea.js";
import { milestoneRepo, TempRepo } from "./repo.js";

const fakes: FakeGitea[] = [];
afterEach(async () => {
  // Stop every fake before judging any, so one with violations does not leave the others running.
  const done = fakes.splice(0);
  await Promise.all(done.map((f) => f.stop()));
  for (const f of done) expect(f.violations).toEqual([]);
});
afterAll(() => TempRepo.cleanup());

async function gitea(repo: TempRepo): Promise<FakeGitea> {
  const g = new FakeGitea();
  g.syncFromGit(repo.dir);
  await g.start();
  fakes.push(g);
  return g;
}

async function run(
  dir: string,
  values: Record<string, string | boolean>,
  env: Record<string, string | undefined>,
): Promise<{ report: Report; results: MilestoneReleaseResults; logs: string[] }> {
  const logs: string[] = [];
  const deps = defaultDeps({ cwd: dir, http: createHttpClient({ sleep: async () => {}, retries: 1 }) });
  const options = await spec.toOptions({ values, positionals: [], env, cwd: dir }, deps);
  const report = await spec.run(options, deps);
  return { report, results: report.results as MilestoneReleaseResults, logs };
}

function envFor(g: FakeGitea, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITEA_ACTIONS: "true",
    GITHUB_SERVER_URL: `${g.url}/`,
    GITHUB_API_URL: `${g.url}/api/v1`,
    GITHUB_REPOSITORY: "ops/gitops",
    GITEA_TOKEN: g.token,
    ...extra,
  };
}

describe("milestone-release against a fake Gitea", () => {
  it("creates the release from the annotated tag, with grouped commits since the previous milestone and the milestone's closed items", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    const ms = g.addMilestone("M2: TURN");
    g.addIssue("TURN relay behind NAT", ms);
    g.addIssue("Add coturn HelmRelease", ms, { pull: true });
    g.addIssue("still open", ms, { state: "open" });
    g.addIssue("other milestone", g.addMilestone("M3: Authentik"));
    const { report, results } = await run(repo.dir, {}, envFor(g, { GITHUB_REF: "refs/tags/m2-turn-complete" }));
    expect(report.changed).toBe(true);
    expect(results.release.action).toBe("created");
    const [rel] = g.realReleases();
    expect(g.realReleases()).toHaveLength(1);
    expect(rel.name).toBe("M2: TURN and calls");
    expect(rel.body).toMatch(
      /^TURN relay and MatrixRTC work\.\nCalls connect across NATs\.\n\n## Changes since m1-k3s-complete\n/,
    );
    expect(rel.body).toContain("### Features\n\n- **ess:** deploy matrix-stack ([`");
    expect(rel.body).toContain("### Fixes\n\n- **mas:** correct issuer URL");
    expect(rel.body).toMatch(new RegExp(`\\(\\[\`[0-9a-f]{7}\`\\]\\(${g.url}/ops/gitops/commit/[0-9a-f]{40}\\)\\)`));
    // first-parent only: the side-branch commit is represented by its merge
    expect(rel.body).not.toContain("side branch note");
    expect(rel.body).toContain("Merge branch 'side'");
    expect(rel.body).not.toContain("bootstrap cluster");
    expect(rel.body).toContain("## Milestone M2: TURN\n\n### Closed issues\n\n- TURN relay behind NAT");
    expect(rel.body).toContain("### Pull requests\n\n- Add coturn HelmRelease");
    expect(rel.body).not.toContain("still open");
    expect(results.outputs).toEqual({
      "release-url": rel && `${g.url}/ops/gitops/releases/tag/m2-turn-complete`,
      "release-id": String(rel.id),
      changed: "true",
    });
    expect(report.findings.map((f) => f.ruleId)).toEqual([]);
  });

  it("reconciles a create whose answer was lost: the release the forge made is used, never a second one", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    // The fake processes the POST, then drops the connection before answering.
    g.api.faults.push({ operationId: "repoCreateRelease", drop: "after" });
    const { results } = await run(repo.dir, { tag: "m2-turn-complete" }, envFor(g));
    expect(results.release.action).toBe("created");
    expect(g.realReleases()).toHaveLength(1);
    expect(g.requests.filter((r) => r.operationId === "repoCreateRelease")).toHaveLength(1);
  });

  it("creates again only after looking, when the lost POST never reached the forge", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    g.api.faults.push({ operationId: "repoCreateRelease", drop: "before" });
    const { results } = await run(repo.dir, { tag: "m2-turn-complete" }, envFor(g));
    expect(results.release.action).toBe("created");
    expect(g.realReleases()).toHaveLength(1);
    expect(g.requests.filter((r) => r.operationId === "repoCreateRelease")).toHaveLength(2);
  });

  it("is idempotent: a rerun changes nothing, a changed annotation updates the one release", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    const env = envFor(g);
    await run(repo.dir, { tag: "m2-turn-complete" }, env);
    const again = await run(repo.dir, { tag: "m2-turn-complete" }, env);
    expect(again.report.changed).toBe(false);
    expect(again.results.release.action).toBe("unchanged");
    expect(g.requests.filter((r) => r.method !== "GET")).toHaveLength(1);
    repo.run("tag", "-f", "-a", "m2-turn-complete", "-m", "M2: TURN, calls and more");
    const upd = await run(repo.dir, { tag: "m2-turn-complete" }, env);
    expect(upd.results.release.action).toBe("updated");
    expect(upd.results.release.previous).toMatchObject({
      title: "M2: TURN and calls",
      body: expect.stringContaining("## Changes since m1-k3s-complete") as string,
    });
    expect(g.realReleases()).toHaveLength(1);
    expect(g.realReleases()[0].name).toBe("M2: TURN, calls and more");
  });

  it("never turns a published release back into a draft", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    await run(repo.dir, { tag: "m2-turn-complete", draft: true }, envFor(g));
    expect(g.realReleases()[0].draft).toBe(true);
    g.realReleases()[0].draft = false; // published by hand in the web UI
    const again = await run(repo.dir, { tag: "m2-turn-complete", draft: true }, envFor(g));
    expect(again.results.release.action).toBe("unchanged");
    expect(g.realReleases()[0].draft).toBe(false);
  });

  it("handles a 409 create race by fetching and updating the other run's release", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    g.raceNextCreate = true;
    const { results } = await run(repo.dir, { tag: "m2-turn-complete" }, envFor(g));
    expect(results.release.action).toBe("updated");
    expect(g.realReleases()).toHaveLength(1);
    expect(g.realReleases()[0].name).toBe("M2: TURN and calls");
    expect(g.requests.map((r) => r.operationId)).toEqual(
      expect.arrayContaining(["repoCreateRelease", "repoEditRelease"]),
    );
  });

  it("falls back to the API when the checkout is shallow with a lightweight tag, and says so", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    const ms = g.addMilestone("m2-turn");
    g.addIssue("coturn", ms);
    const co = repo.checkoutLikeActions("m2-turn-complete");
    const { report, results } = await run(
      co.dir,
      { "close-milestone": true },
      envFor(g, { GITHUB_REF: "refs/tags/m2-turn-complete" }),
    );
    const rel = g.realReleases()[0];
    expect(rel.name).toBe("M2: TURN and calls");
    expect(rel.body).toContain("## Changes since m1-k3s-complete");
    expect(rel.body).toContain("correct issuer URL");
    expect(rel.body).not.toContain("side branch note");
    expect(rel.body).toContain("- coturn");
    expect(report.findings.filter((f) => f.ruleId === "release/api-fallback")).toHaveLength(2);
    expect(report.findings.every((f) => f.severity === "info")).toBe(true);
    expect(g.milestones[0].state).toBe("closed");
    expect(results.milestone).toMatchObject({ title: "m2-turn", action: "closed", closed: true });
  });

  it("with fetch-depth: 0 only the annotation comes from the API; the range stays local", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    const co = repo.checkoutLikeActions("m2-turn-complete", { full: true });
    const { report } = await run(co.dir, { tag: "m2-turn-complete" }, envFor(g));
    expect(report.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /annotation of m2-turn-complete from the forge API: the checkout has it as a lightweight tag/,
      ),
    ]);
    expect(g.requests.map((r) => r.operationId)).not.toContain("repoCompareDiff");
    expect(g.realReleases()[0].body).toContain("## Changes since m1-k3s-complete");
  });

  it("dry run reads but never writes, and reports what it would do", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    g.addMilestone("M2");
    const { report, results } = await run(
      repo.dir,
      { tag: "m2-turn-complete", "dry-run": true, "close-milestone": true },
      envFor(g),
    );
    expect(g.requests.every((r) => r.method === "GET")).toBe(true);
    expect(results.release.action).toBe("would-create");
    expect(report.changed).toBe(false);
    expect(report.findings.find((f) => f.ruleId === "release/dry-run")?.message).toMatch(
      /would create release "M2: TURN and calls" for m2-turn-complete and close milestone "M2"/,
    );
  });

  it("works offline for a dry run without a forge, and warns about lightweight tags", async () => {
    const repo = new TempRepo();
    repo.commit("one");
    repo.tag("m1-a-complete");
    const { report, results } = await run(repo.dir, { tag: "m1-a-complete", "dry-run": true }, {});
    expect(results.release).toMatchObject({ action: "would-create", title: "m1-a-complete" });
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual([
      "release/dry-run",
      "release/lightweight-tag",
      "release/no-previous-tag",
    ]);
  });

  it("first milestone: notes list the history; plain subjects stay a flat list", async () => {
    const repo = new TempRepo();
    repo.commit("set up repo");
    repo.commit("add flux");
    repo.tag("m1-base-complete", "M1: base");
    const g = await gitea(repo);
    const { report } = await run(repo.dir, { tag: "m1-base-complete" }, envFor(g));
    const body = g.realReleases()[0].body;
    expect(body).toMatch(/^## Changes\n\n- add flux \(/);
    expect(body).not.toContain("###");
    expect(report.findings.map((f) => f.ruleId)).toEqual(["release/no-previous-tag"]);
  });
});

describe("milestone-release options", () => {
  const deps = defaultDeps();
  const opts = (values: Record<string, string | boolean>, env: Record<string, string>) =>
    spec.toOptions({ values, positionals: [], env, cwd: "/tmp" }, deps);

  it("takes the tag from GITHUB_REF and rejects tags outside the pattern", async () => {
    await expect(opts({ "dry-run": true }, { GITHUB_REF: "refs/tags/m4-x-complete" })).resolves.toMatchObject({
      tag: "m4-x-complete",
    });
    await expect(opts({ "dry-run": true }, { GITHUB_REF: "refs/heads/main" })).rejects.toThrow(/no tag/);
    await expect(opts({ tag: "v1.0", "dry-run": true }, {})).rejects.toThrow(
      /does not match --pattern "m\*-\*-complete"/,
    );
    await expect(opts({ tag: "v1.0", pattern: "v*", "dry-run": true }, {})).resolves.toMatchObject({ tag: "v1.0" });
    await expect(opts({ tag: "--upload-pack=x", pattern: "**", "dry-run": true }, {})).rejects.toThrow(
      /not a valid tag name/,
    );
  });

  it("builds the API base from GITHUB_SERVER_URL (trailing slash) and needs a token for real runs", async () => {
    const o = await opts(
      { tag: "m1-a-complete", "dry-run": true },
      { GITHUB_SERVER_URL: "https://git.example.org/", GITHUB_REPOSITORY: "o/r" },
    );
    expect(o.apiUrl).toBe("https://git.example.org/api/v1");
    expect(o.serverUrl).toBe("https://git.example.org");
    await expect(
      opts({ tag: "m1-a-complete" }, { GITHUB_API_URL: "https://git.example.org/api/v1", GITHUB_REPOSITORY: "o/r" }),
    ).rejects.toMatchObject({ code: "MXOPS_AUTH" });
    await expect(opts({ tag: "m1-a-complete", "api-url": "https://u:p@h/api" }, {})).rejects.toThrow(/credentials/);
    await expect(opts({ tag: "m1-a-complete", repo: "../x", "dry-run": true }, {})).rejects.toThrow(/owner\/name/);
  });

  it("registers tokens with the redactor", async () => {
    await opts({ tag: "m1-a-complete", "dry-run": true }, { GITEA_TOKEN: "secret-gitea-token-1" });
    expect(deps.redactor.redact("x secret-gitea-token-1 y")).toBe("x *** y");
  });
});

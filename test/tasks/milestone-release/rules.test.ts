// Each release/* rule: a case that triggers it and one that must not; plus error paths, pagination and leaks.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { defaultDeps } from "../../../src/core/deps.js";
import { createHttpClient } from "../../../src/core/http.js";
import { render, FORMATS } from "../../../src/format/index.js";
import { spec } from "../../../src/tasks/milestone-release/spec.js";
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

async function run(dir: string, values: Record<string, string | boolean>, env: Record<string, string>) {
  const deps = defaultDeps({ cwd: dir, http: createHttpClient({ sleep: async () => {}, retries: 2 }) });
  const o = await spec.toOptions(
    { values: { tag: "m2-turn-complete", ...values }, positionals: [], env, cwd: dir },
    deps,
  );
  return { report: await spec.run(o, deps), deps };
}
const env = (g: FakeGitea) => ({
  GITHUB_API_URL: `${g.url}/api/v1`,
  GITHUB_REPOSITORY: "ops/gitops",
  GITEA_TOKEN: g.token,
});
const ids = (r: { findings: Array<{ ruleId: string }> }) => r.findings.map((f) => f.ruleId);

describe("release/* rules", () => {
  it("release/milestone-ambiguous: two milestones match at the same step; one match does not trigger", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    g.addMilestone("M2: relay");
    g.addMilestone("m2 calls");
    const { report } = await run(repo.dir, {}, env(g));
    expect(ids(report)).toContain("release/milestone-ambiguous");
    const ok = await run(repo.dir, { milestone: "m2 calls" }, env(g));
    expect(ids(ok.report)).not.toContain("release/milestone-ambiguous");
    expect(ok.report.results).toMatchObject({ milestone: { title: "m2 calls" } });
  });

  it("release/milestone-not-found: named or to-be-closed milestone missing; none asked for stays silent", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    g.addMilestone("M9: other");
    expect(ids((await run(repo.dir, { milestone: "M2: TURN" }, env(g))).report)).toContain(
      "release/milestone-not-found",
    );
    expect(ids((await run(repo.dir, { "close-milestone": true }, env(g))).report)).toContain(
      "release/milestone-not-found",
    );
    expect(ids((await run(repo.dir, {}, env(g))).report)).not.toContain("release/milestone-not-found");
  });

  it("release/shallow-history: shallow checkout and no forge; a full clone does not trigger", async () => {
    const repo = milestoneRepo();
    const shallow = repo.checkoutLikeActions("m2-turn-complete", { depth: 2 });
    shallow.run("tag", "-f", "-a", "m2-turn-complete", "-m", "M2: local annotation");
    const { report } = await run(shallow.dir, { "dry-run": true }, {});
    expect(ids(report)).toContain("release/shallow-history");
    const full = await run(repo.dir, { "dry-run": true }, {});
    expect(ids(full.report)).not.toContain("release/shallow-history");
    expect(ids(full.report)).toEqual(["release/dry-run"]);
  });

  it("release/lightweight-tag: lightweight on the forge too; annotated on the forge only is api-fallback", async () => {
    const repo = new TempRepo();
    repo.commit("one");
    repo.tag("m2-turn-complete");
    const g = await gitea(repo);
    const { report } = await run(repo.dir, {}, env(g));
    expect(ids(report)).toContain("release/lightweight-tag");
    expect(g.realReleases()[0].name).toBe("m2-turn-complete");
    const ann = milestoneRepo();
    const g2 = await gitea(ann);
    const lw = ann.checkoutLikeActions("m2-turn-complete");
    expect(ids((await run(lw.dir, {}, env(g2))).report)).not.toContain("release/lightweight-tag");
  });
});

describe("milestone-release failures and paging", () => {
  it("follows Link pagination for milestones and issues", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    g.maxPage = 5;
    for (let i = 0; i < 12; i++) g.addMilestone(`other ${i}`);
    const ms = g.addMilestone("M2: TURN");
    for (let i = 0; i < 7; i++) g.addIssue(`issue ${i}`, ms);
    const { report } = await run(repo.dir, {}, env(g));
    expect(report.results).toMatchObject({ milestone: { title: "M2: TURN", items: 7 } });
    expect(g.requests.filter((r) => r.operationId === "issueGetMilestonesList").length).toBeGreaterThan(2);
  });

  it("retries 5xx, then fails with MXOPS_HTTP naming the endpoint; a tag missing everywhere is MXOPS_INPUT", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    g.api.faults.push({ operationId: "repoGetReleaseByTag", status: 503, times: 1 });
    const ok = await run(repo.dir, {}, env(g));
    expect(ok.report.changed).toBe(true);
    g.api.faults.push({ operationId: "repoEditRelease", status: 500, times: 5 });
    repo.run("tag", "-f", "-a", "m2-turn-complete", "-m", "M2: changed");
    await expect(run(repo.dir, {}, env(g))).rejects.toMatchObject({
      code: "MXOPS_HTTP",
      message: expect.stringMatching(/^PATCH .*\/releases\/\d+: unexpected 500/) as string,
    });
    const empty = new TempRepo();
    empty.commit("x");
    await expect(run(empty.dir, { tag: "m9-none-complete" }, env(g))).rejects.toMatchObject({ code: "MXOPS_INPUT" });
  });

  it("never lets the token into any output format or error", async () => {
    const repo = milestoneRepo();
    const g = await gitea(repo);
    const { report, deps } = await run(repo.dir, { "dry-run": true }, env(g));
    for (const f of FORMATS) expect(deps.redactor.redact(render(report, f))).not.toContain(g.token);
    expect(JSON.stringify(report)).not.toContain(g.token);
    const bad = { ...env(g), GITEA_TOKEN: "bad-token-abcdef" };
    const err = await run(repo.dir, {}, bad).catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/401/);
    expect(String((err as Error).message)).not.toContain("bad-token-abcdef");
  });
});

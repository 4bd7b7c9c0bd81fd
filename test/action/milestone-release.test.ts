// The milestone-release workflow step, run through the bundled Action against the fake Gitea.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeGitea } from "../fakes/gitea.js";
import { FakeGitHub } from "../fakes/github.js";
import { milestoneRepo, TempRepo } from "../tasks/milestone-release/repo.js";
import { bundleEntry } from "../helpers/bundle.js";
import {
  allStarted,
  startSynapse,
  SYNAPSE_HOOK_TIMEOUT_MS,
  type MatrixUser,
  type Synapse,
} from "../helpers/synapse.js";
import { runStep } from "./runner.js";

const TAG = "m2-turn-complete";
let upstream: TempRepo;
const fakes: Array<FakeGitea | FakeGitHub> = [];
// A real Synapse for the notification test: the bot posts into #ops, the admin reads the room back.
let hs: Synapse | undefined;
let bot: MatrixUser;
let opsRoom = "";

beforeAll(async () => {
  upstream = milestoneRepo();
  await allStarted([startSynapse().then((x) => (hs = x)), bundleEntry("action-main")]);
  const synapse = hs!; // allStarted threw if it did not start
  bot = await synapse.register("mxops-bot");
  opsRoom = await synapse.createRoom(synapse.admin, { alias: "ops" });
  await synapse.join(bot, opsRoom);
}, SYNAPSE_HOOK_TIMEOUT_MS);
afterEach(async () => {
  // Stop every fake before judging any, so one with violations does not leave the others running.
  const done = fakes.splice(0);
  await Promise.all(done.map((f) => f.stop()));
  for (const f of done) expect(f.violations).toEqual([]);
});
afterAll(async () => {
  TempRepo.cleanup();
  await hs?.stop();
});

async function gitea(): Promise<FakeGitea> {
  const g = new FakeGitea();
  g.syncFromGit(upstream.dir);
  g.addIssue("coturn relay", g.addMilestone("M2: TURN"));
  await g.start();
  fakes.push(g);
  return g;
}

/** The env act_runner gives a step of a tag-push workflow. */
function giteaEnv(g: FakeGitea, sha: string): Record<string, string> {
  return {
    GITEA_ACTIONS: "true",
    GITHUB_SERVER_URL: `${g.url}/`,
    GITHUB_API_URL: `${g.url}/api/v1`,
    GITHUB_REPOSITORY: "ops/gitops",
    GITHUB_REF: `refs/tags/${TAG}`,
    GITHUB_REF_NAME: TAG,
    GITHUB_REF_TYPE: "tag",
    GITHUB_SHA: sha,
    GITHUB_EVENT_NAME: "push",
    GITHUB_RUN_ID: "77",
    GITHUB_RUN_NUMBER: "12",
  };
}

describe("Action: milestone-release on Gitea", () => {
  it("creates the release from an actions/checkout-style workspace, then a rerun changes nothing", async () => {
    const g = await gitea();
    const ws = upstream.checkoutLikeActions(TAG);
    const step = {
      cwd: ws.dir,
      with: { task: "milestone-release", "close-milestone": "true" },
      env: giteaEnv(g, ws.head()),
      expressions: { "github.token": g.token },
    };
    const first = await runStep(step);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const rel = g.realReleases();
    expect(rel).toHaveLength(1);
    expect(rel[0].name).toBe("M2: TURN and calls");
    expect(rel[0].body).toContain("## Changes since m1-k3s-complete");
    expect(rel[0].body).toContain("- coturn relay");
    expect(first.outputs).toMatchObject({
      "release-url": `${g.url}/ops/gitops/releases/tag/${TAG}`,
      "release-id": String(rel[0].id),
      changed: "true",
      findings: "2",
      errors: "0",
    });
    expect(first.annotations.filter((a) => a.level === "notice").map((a) => a.props.title)).toEqual([
      "release/api-fallback",
      "release/api-fallback",
    ]);
    expect(first.summary).toContain(
      `**Release:** [M2: TURN and calls](${g.url}/ops/gitops/releases/tag/${TAG}) — created`,
    );
    expect(first.summary).toContain("<details><summary>Release notes</summary>");
    expect(g.milestones[0].state).toBe("closed");
    expect(first.masks).toContain(g.token);
    expect(first.all).not.toContain(g.token);

    const second = await runStep(step);
    expect(second.code).toBe(0);
    expect(second.outputs.changed).toBe("false");
    expect(second.summary).toContain("— unchanged");
    expect(g.realReleases()).toHaveLength(1);
    expect(g.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("survives a 409 create race with exactly one release", async () => {
    const g = await gitea();
    g.raceNextCreate = true;
    const r = await runStep({
      cwd: upstream.dir,
      with: { task: "milestone-release" },
      env: giteaEnv(g, upstream.head()),
      expressions: { "github.token": g.token },
    });
    expect(r.code).toBe(0);
    expect(r.outputs.changed).toBe("true");
    expect(g.realReleases()).toHaveLength(1);
    expect(g.realReleases()[0].name).toBe("M2: TURN and calls");
  });

  it("fails the step with one masked line when the token is rejected", async () => {
    const g = await gitea();
    const bad = "wrong-token-value-9d2e";
    const r = await runStep({
      cwd: upstream.dir,
      with: { task: "milestone-release", token: bad },
      env: giteaEnv(g, upstream.head()),
    });
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.level === "error")?.message).toMatch(/^mxops: error: GET .*401/);
    expect(r.all).not.toContain(bad);
    expect(g.realReleases()).toHaveLength(0);
  });

  it("rejects a tag outside the pattern as a usage error", async () => {
    const g = await gitea();
    const r = await runStep({
      cwd: upstream.dir,
      with: { task: "milestone-release", tag: "v1.0" },
      env: giteaEnv(g, upstream.head()),
      expressions: { "github.token": g.token },
    });
    expect(r.code).toBe(1);
    expect(r.annotations[0]?.message).toMatch(/does not match --pattern "m\*-\*-complete"/);
  });

  it("posts one Matrix notice with the release link for two identical runs; a broken homeserver is only a warning", async () => {
    const g = await gitea();
    const events = async () => (await hs!.messages(hs!.admin, opsRoom)).map((e) => e.content);
    const step = (token: string) => ({
      cwd: upstream.dir,
      with: {
        task: "milestone-release",
        "matrix-homeserver": hs!.url,
        "matrix-room": "#ops:example.org",
        "matrix-token": token,
      },
      env: giteaEnv(g, upstream.head()),
      expressions: { "github.token": g.token },
    });
    const one = await runStep(step(bot.accessToken));
    expect(one.code).toBe(0);
    // The second run finds the release unchanged: a different report, so a new notice...
    await runStep(step(bot.accessToken));
    // ...and a third identical run (unchanged again) is deduplicated by the txnId.
    await runStep(step(bot.accessToken));
    const posted = await events();
    expect(posted).toHaveLength(2);
    expect(posted[0].body).toMatch(
      new RegExp(
        `^mxops milestone-release on ops/gitops@${TAG}: release created — M2: TURN and calls ${g.url}/ops/gitops/releases/tag/${TAG}`,
      ),
    );
    expect(posted[0].msgtype).toBe("m.notice");
    expect(String(posted[0].body)).toContain(`/ops/gitops/actions/runs/12`);
    const broken = await runStep(step("not-the-token-1234"));
    expect(broken.code).toBe(0);
    expect(broken.annotations.find((a) => a.props.title === "notify/failed")?.message).toMatch(/401 M_UNKNOWN_TOKEN/);
    expect(broken.all).not.toContain("not-the-token-1234");
    expect(one.all).not.toContain(bot.accessToken);
    // A run that fails is reported to the room too, with its one error line.
    const failed = await runStep({
      ...step(bot.accessToken),
      with: { ...step(bot.accessToken).with, token: "bad-gitea-token-42" },
    });
    expect(failed.code).toBe(1);
    const after = await events();
    expect(after).toHaveLength(3);
    expect(after[2].body).toMatch(
      /^mxops milestone-release on ops\/gitops@m2-turn-complete: failed — mxops: error: GET .*401/,
    );
    expect(JSON.stringify(after)).not.toContain("bad-gitea-token-42");
  });
});

describe("Action: milestone-release on GitHub", () => {
  it("uses GITHUB_API_URL and the token input, detects GitHub, and creates one release", async () => {
    const g = new FakeGitHub();
    g.syncFromGit(upstream.dir);
    await g.start();
    fakes.push(g);
    const ws = upstream.checkoutLikeActions(TAG);
    const env = {
      GITHUB_API_URL: g.url,
      GITHUB_SERVER_URL: `${g.url}/web`,
      GITHUB_REPOSITORY: "ops/gitops",
      GITHUB_REF: `refs/tags/${TAG}`,
      GITHUB_SHA: ws.head(),
      GITHUB_EVENT_NAME: "push",
    };
    const r = await runStep({
      cwd: ws.dir,
      with: { task: "milestone-release" },
      env,
      expressions: { "github.token": g.token },
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs["release-url"]).toBe(`${g.url}/web/ops/gitops/releases/tag/${TAG}`);
    expect(g.releases.map((x) => x.name)).toEqual(["M2: TURN and calls"]);
    const again = await runStep({
      cwd: ws.dir,
      with: { task: "milestone-release" },
      env,
      expressions: { "github.token": g.token },
    });
    expect(again.outputs.changed).toBe("false");
    expect(g.releases).toHaveLength(1);
    expect(r.all + again.all).not.toContain(g.token);
  });
});

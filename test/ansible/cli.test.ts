// The modules with the real CLI (bundled from src with bundleEntry("bin")) on temp repositories: sops_check and
// verify_config clean and with faults, usage errors, milestone_release against the stateful fake Gitea
// (check mode + diff, create, idempotent rerun, closing the milestone), and the secrets never in -vvv output.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "../fakes/github.js";
import { FakeGitea } from "../fakes/gitea.js";
import { bundleEntry } from "../helpers/bundle.js";
import { FQCN, ROOT, makeWorkspace, resultsByTask, runPlaybook, type Run, type TaskResult } from "./harness.js";

const VECTORS = path.resolve("test", "fixtures", "sops-vectors", "sops-age");
const AGE_KEY = readFileSync(path.join(VECTORS, "key.txt"), "utf8");
const AGE_SECRET_LINE = AGE_KEY.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-"))!;
const PLAIN_PASSWORD = "hunter2-plaintext-in-git";

let run: Run;
let results: Map<string, TaskResult>;
let gitea: FakeGitea;
let github: FakeGitHub;
let releaseRepo: string;

function git(dir: string, ...args: string[]): void {
  execFileSync("git", args, {
    cwd: dir,
    stdio: "pipe",
    env: { ...process.env, GIT_AUTHOR_DATE: "2026-05-01T10:00:00Z", GIT_COMMITTER_DATE: "2026-05-01T10:00:00Z" },
  });
}

/** A checkout with two annotated milestone tags and conventional commits between them. */
function makeReleaseRepo(dir: string): void {
  mkdirSync(dir);
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.email", "ops@example.org");
  git(dir, "config", "user.name", "Ops");
  writeFileSync(path.join(dir, "a.txt"), "a\n");
  git(dir, "add", "a.txt");
  git(dir, "commit", "-q", "-m", "feat: bootstrap cluster");
  git(dir, "tag", "-a", "m1-base-complete", "-m", "M1: base", "-m", "The cluster runs.");
  writeFileSync(path.join(dir, "b.txt"), "b\n");
  git(dir, "add", "b.txt");
  git(dir, "commit", "-q", "-m", "feat(turn): deploy coturn");
  git(dir, "tag", "-a", "m2-turn-complete", "-m", "M2: TURN", "-m", "Calls work behind NAT.");
}

function res(name: string): TaskResult {
  const r = results.get(name);
  expect(r, `result of ${name}`).toBeDefined();
  return r!;
}
const ruleIds = (r: TaskResult) => (r.findings as { ruleId: string }[]).map((f) => f.ruleId);

beforeAll(async () => {
  const ws = makeWorkspace();
  const cli = await bundleEntry("bin");

  const clean = path.join(ws.dir, "clean");
  mkdirSync(clean);
  copyFileSync(path.join(VECTORS, "secret.enc.yaml"), path.join(clean, "secret.enc.yaml"));
  writeFileSync(
    path.join(clean, "cm.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: prod\n",
  );

  const faults = path.join(ws.dir, "faults");
  mkdirSync(faults);
  writeFileSync(
    path.join(faults, "db.yaml"),
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${PLAIN_PASSWORD}\n`,
  );
  // The vector with one character of its MAC changed: only detectable with the key.
  const enc = readFileSync(path.join(VECTORS, "secret.enc.yaml"), "utf8");
  writeFileSync(
    path.join(faults, "tampered.enc.yaml"),
    enc.replace(/(mac: ENC\[AES256_GCM,data:)(.)/, (_m, p: string, c: string) => p + (c === "A" ? "B" : "A")),
  );
  writeFileSync(
    path.join(faults, "dup.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\ndata:\n  a: one\n  a: two\n",
  );

  releaseRepo = path.join(ws.dir, "release");
  makeReleaseRepo(releaseRepo);
  gitea = new FakeGitea();
  gitea.syncFromGit(releaseRepo);
  gitea.addMilestone("M2: TURN");
  await gitea.start();
  github = new FakeGitHub();
  github.syncFromGit(releaseRepo);
  await github.start();
  const forge = {
    chdir: releaseRepo,
    tag: "m2-turn-complete",
    repo: "ops/gitops",
    api_url: `${gitea.url}/api/v1`,
    token: gitea.token,
  };
  // The CLI must not pick up a CI runner's own repository or token.
  const noCiEnv = {
    GITHUB_REPOSITORY: "",
    GITHUB_REF: "",
    GITHUB_API_URL: "",
    GITHUB_SERVER_URL: "",
    GITEA_ACTIONS: "",
    GITHUB_TOKEN: "",
    GITEA_TOKEN: "",
  };

  const t = (name: string, module: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    name,
    [`${FQCN}.${module}`]: { mxops_path: cli, ...args },
    environment: noCiEnv,
    ignore_errors: true,
    ...extra,
  });
  const tasks = [
    t("sops clean", "sops_check", { chdir: clean, age_key: AGE_KEY }),
    t("sops clean check", "sops_check", { chdir: clean, age_key: AGE_KEY }, { check_mode: true }),
    t("sops faults", "sops_check", { chdir: faults, age_key: AGE_KEY }),
    t("sops faults never", "sops_check", { chdir: faults, fail_on: "never" }),
    t("sops bad size", "sops_check", { chdir: clean, max_file_size: "lots" }),
    // The committed bundle, as the README suggests for a checkout (mxops_path: dist/cli.js, run with node).
    t("sops dist cli", "sops_check", { chdir: clean, age_key: AGE_KEY, mxops_path: path.join(ROOT, "dist", "cli.js") }),
    t("verify clean", "verify_config", { chdir: clean }),
    t("verify clean check", "verify_config", { chdir: clean }, { check_mode: true }),
    t("verify faults", "verify_config", { chdir: faults }),
    t("verify live without server", "verify_config", { chdir: clean, live: true }),
    // GitHub: the same module, the token reaches the CLI as GITHUB_TOKEN.
    t("github create", "milestone_release", { ...forge, forge: "github", api_url: github.url, token: github.token }),
    t("github rerun", "milestone_release", { ...forge, forge: "github", api_url: github.url, token: github.token }),
    t("release preview", "milestone_release", forge, { check_mode: true, diff: true }),
    t("release create", "milestone_release", forge),
    t("release rerun", "milestone_release", forge),
    t("release close check", "milestone_release", { ...forge, close_milestone: true }, { check_mode: true }),
    t("release close", "milestone_release", { ...forge, close_milestone: true }),
    // A new annotation for the same tag: the release is updated, and diff mode shows the old and new text.
    {
      name: "retag",
      "ansible.builtin.command": {
        argv: [
          "git",
          "tag",
          "-f",
          "-a",
          "m2-turn-complete",
          "-m",
          "M2: TURN and calls",
          "-m",
          "Calls work behind NAT.",
        ],
        chdir: releaseRepo,
      },
    },
    t("release update check", "milestone_release", forge, { check_mode: true, diff: true }),
    t("release update", "milestone_release", forge, { diff: true }),
    t("release no repo", "milestone_release", { chdir: releaseRepo, tag: "m2-turn-complete" }),
    t("release bad tag", "milestone_release", { ...forge, tag: "v1.0" }),
  ];
  const playbook = JSON.stringify([{ hosts: "localhost", gather_facts: false, tasks }], null, 2);
  run = await runPlaybook(ws, playbook, { verbose: true, name: "real" });
  results = resultsByTask(run.stdout);
}, 240_000);

afterAll(async () => {
  expect(gitea.violations).toEqual([]);
  expect(github.violations).toEqual([]);
  await gitea.stop();
  await github.stop();
});

describe("real CLI: sops_check and verify_config", () => {
  it("runs every task", () => {
    expect(run.stderr).not.toMatch(/Traceback|MODULE FAILURE/);
    expect(results.size).toBe(22);
  });

  it("a clean repo passes, MACs verified with the age key from the module option; check mode is the same", () => {
    for (const name of ["sops clean", "sops clean check"]) {
      expect(res(name), name).toMatchObject({
        changed: false,
        rc: 0,
        findings: [],
        counts: { error: 0, warning: 0, info: 0 },
      });
      expect(res(name).failed).toBeFalsy();
    }
    expect((res("sops clean").report as { task: string }).task).toBe("sops-check");
    expect(res("sops dist cli")).toMatchObject({ changed: false, rc: 0, findings: [] });
    expect((res("sops dist cli").cmd as string[]).slice(1, 3)).toEqual([
      path.join(ROOT, "dist", "cli.js"),
      "sops-check",
    ]);
  });

  it("faults fail at fail_on=error with the findings; fail_on=never only reports", () => {
    const f = res("sops faults");
    expect(f).toMatchObject({ failed: true, rc: 1, changed: false });
    expect(ruleIds(f)).toEqual(expect.arrayContaining(["sops/plaintext-secret", "sops/mac-mismatch"]));
    expect(f.msg).toMatch(/^mxops sops-check: \d+ error\(s\).* at or above fail_on=error; error sops\//);
    const n = res("sops faults never");
    expect(n.failed).toBeFalsy();
    expect(ruleIds(n)).toContain("sops/plaintext-secret");
  });

  it("a CLI usage error is fail_json with the CLI's one-line message", () => {
    expect(res("sops bad size")).toMatchObject({ failed: true, rc: 2 });
    expect(res("sops bad size").msg).toMatch(/^mxops: error: --max-file-size must be a size like/);
    expect(res("verify live without server")).toMatchObject({ failed: true, rc: 2 });
    expect(res("verify live without server").msg).toMatch(/^mxops: error: verify-config --live needs --server-name/);
  });

  it("verify_config: clean passes, a duplicate key fails", () => {
    expect(res("verify clean")).toMatchObject({ changed: false, rc: 0 });
    expect(res("verify clean check")).toMatchObject({ changed: false, rc: 0 });
    expect(res("verify faults")).toMatchObject({ failed: true, rc: 1 });
    expect(ruleIds(res("verify faults"))).toContain("yaml/duplicate-key");
  });
});

describe("real CLI: milestone_release against the fake Gitea", () => {
  it("check mode runs --dry-run, reports the would-be release as changed with a diff, and creates nothing", () => {
    const p = res("release preview");
    expect(p.failed).toBeFalsy();
    expect(p).toMatchObject({ changed: true, release_action: "would-create" });
    expect(p.cmd).toContain("--dry-run");
    const diff = p.diff as { before: string; after: string };
    expect(diff.before).toBe("");
    expect(diff.after).toMatch(/^M2: TURN\n\nCalls work behind NAT\.\n/);
    expect(diff.after).toContain("deploy coturn");
  });

  it("creates the release once; a rerun is ok/unchanged (idempotent)", () => {
    const c = res("release create");
    expect(c).toMatchObject({ changed: true, release_action: "created", rc: 0 });
    expect(c.release_url).toBe(`${gitea.url}/ops/gitops/releases/tag/m2-turn-complete`);
    expect(typeof c.release_id).toBe("number");
    expect(res("release rerun")).toMatchObject({ changed: false, release_action: "unchanged" });
    expect(gitea.realReleases()).toHaveLength(1);
  });

  it("closing the milestone is a change (predicted in check mode), the release stays as it is", () => {
    expect(res("release close check")).toMatchObject({ changed: true, release_action: "unchanged" });
    expect(res("release close")).toMatchObject({ changed: true, release_action: "unchanged" });
    expect(gitea.milestones.find((m) => m.title === "M2: TURN")?.state).toBe("closed");
  });

  it("a changed annotation updates the one release; check mode and diff show the old and the new text", () => {
    const p = res("release update check");
    expect(p).toMatchObject({ changed: true, release_action: "would-update" });
    const d = p.diff as { before: string; after: string };
    expect(d.before).toMatch(/^M2: TURN\n\nCalls work behind NAT\./);
    expect(d.after).toMatch(/^M2: TURN and calls\n\nCalls work behind NAT\./);
    const u = res("release update");
    expect(u).toMatchObject({ changed: true, release_action: "updated", release_id: res("release create").release_id });
    expect((u.diff as { before: string }).before).toBe(d.before);
    expect(gitea.realReleases()).toHaveLength(1);
    expect(gitea.realReleases()[0].name).toBe("M2: TURN and calls");
  });

  it("GitHub: creates the release once, a rerun is unchanged", () => {
    expect(res("github create")).toMatchObject({ changed: true, release_action: "created", rc: 0 });
    expect(res("github create").release_url).toMatch(/\/releases\/tag\/m2-turn-complete$/);
    expect(res("github rerun")).toMatchObject({ changed: false, release_action: "unchanged" });
    expect(github.releases.filter((r) => r.tag_name === "m2-turn-complete")).toHaveLength(1);
  });

  it("usage errors: no repository configured, a tag that does not match the pattern", () => {
    expect(res("release no repo")).toMatchObject({ failed: true, rc: 2 });
    expect(res("release no repo").msg).toMatch(/^mxops: error: no repository/);
    expect(res("release bad tag")).toMatchObject({ failed: true, rc: 2 });
    expect(res("release bad tag").msg).toMatch(/does not match --pattern/);
  });
});

describe("real CLI: secrets", () => {
  it("the age key and the forge token never appear in the -vvv output; the plaintext password does not either", () => {
    const out = run.stdout + run.stderr;
    expect(out).toContain("VALUE_SPECIFIED_IN_NO_LOG_PARAMETER");
    expect(out).toContain("<localhost> EXEC"); // really verbose
    expect(out).not.toContain(AGE_SECRET_LINE);
    expect(out).not.toContain(gitea.token);
    expect(out).not.toContain(github.token);
    expect(out).not.toContain(PLAIN_PASSWORD);
  });
});

// scripts/release.mjs against the spec-validating Gitea fake, the GitHub fake and a local npm registry, in a
// temporary project repository with a local bare remote: a dry run only reads; a real run creates the release,
// attaches the collection tarball, publishes to npm and moves the major tag; a rerun changes nothing; the
// next version moves the major tag on. Tokens come from the environment and never show in the output.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitea } from "../fakes/gitea.js";
import { FakeGitHub } from "../fakes/github.js";
import { FakeNpmRegistry } from "../fakes/npm-registry.js";
import { TempRepo } from "../tasks/milestone-release/repo.js";

const SCRIPT = path.resolve("scripts/release.mjs");
const made: string[] = [];

interface Project {
  repo: TempRepo;
  bare: string;
  tmp: string;
  asset: (version: string, content?: string) => string;
}

/** A package `mxops` at 0.1.0, tagged v0.1.0 (annotated) and pushed with its tag to a bare remote. */
function project(): Project {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mxops-release-test-"));
  made.push(tmp);
  const repo = new TempRepo();
  writeFileSync(
    path.join(repo.dir, "package.json"),
    JSON.stringify({ name: "mxops", version: "0.1.0", license: "Apache-2.0", files: ["index.js"] }),
  );
  repo.commit("initial", { path: "index.js", content: "export const x = 1;\n" });
  repo.run("add", "package.json");
  repo.run("commit", "-q", "-m", "release 0.1.0");
  repo.tag("v0.1.0", "mxops 0.1.0\n\nFirst release.");
  const bare = path.join(tmp, "remote.git");
  execFileSync("git", ["init", "-q", "--bare", bare]);
  repo.run("remote", "add", "origin", bare);
  repo.run("push", "-q", "origin", "main", "--tags");
  const assetDir = path.join(tmp, "build");
  mkdirSync(assetDir);
  return {
    repo,
    bare,
    tmp,
    asset: (version, content = `collection ${version}\n`) => {
      const f = path.join(assetDir, `mxops-matrix-${version}.tar.gz`);
      writeFileSync(f, content);
      return f;
    },
  };
}

function remoteTag(bare: string, tag: string): string {
  return execFileSync("git", ["ls-remote", bare, `refs/tags/${tag}`], { encoding: "utf8" })
    .split("\t")[0]
    .trim();
}

function run(
  p: Project,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const userconfig = path.join(p.tmp, "npmrc");
  writeFileSync(userconfig, "");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      {
        cwd: p.repo.dir,
        // Nothing from the calling environment but PATH: no real tokens, no CI variables, no user npm/git config.
        env: {
          PATH: process.env.PATH ?? "",
          HOME: p.tmp,
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: "/dev/null",
          npm_config_cache: path.join(p.tmp, "npm-cache"),
          npm_config_userconfig: userconfig,
          npm_config_update_notifier: "false",
          npm_config_audit: "false",
          npm_config_fund: "false",
          ...env,
        },
        encoding: "utf8",
        timeout: 120_000,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

let registry: FakeNpmRegistry;
beforeEach(async () => {
  registry = new FakeNpmRegistry();
  await registry.start();
});
afterEach(async () => {
  await registry.stop();
  expect(registry.violations).toEqual([]);
});
afterAll(() => {
  TempRepo.cleanup();
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("release on Gitea", { timeout: 120_000 }, () => {
  let gitea: FakeGitea;
  let p: Project;
  let env: Record<string, string>;
  beforeEach(async () => {
    p = project();
    gitea = new FakeGitea("ops", "gitops");
    await gitea.start();
    gitea.syncFromGit(p.bare);
    env = {
      GITEA_ACTIONS: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_SERVER_URL: `${gitea.url}/`,
      GITHUB_API_URL: `${gitea.url}/api/v1`,
      GITHUB_REPOSITORY: "ops/gitops",
      GITHUB_REF: "refs/tags/v0.1.0",
      GITEA_TOKEN: gitea.token,
      NPM_TOKEN: registry.token,
      npm_config_registry: `${registry.url}/`,
      // Set on GitHub when id-token is granted; on Gitea it must not lead to --provenance.
      ACTIONS_ID_TOKEN_REQUEST_URL: "http://127.0.0.1:9/token",
    };
  });
  afterEach(async () => {
    await gitea.stop();
    expect(gitea.violations).toEqual([]);
  });

  it("a dry run prints the plan and writes nothing", async () => {
    const asset = p.asset("0.1.0");
    const sha = p.repo.run("rev-parse", "v0.1.0^{commit}");
    const r = await run(p, ["--asset", asset, "--dry-run"], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`mxops 0.1.0: tag v0.1.0 at ${sha.slice(0, 12)}, gitea ops/gitops`);
    expect(r.stdout).toContain('release: create "mxops v0.1.0"');
    expect(r.stdout).toContain("asset mxops-matrix-0.1.0.tar.gz: upload (17 bytes)");
    expect(r.stdout).toContain("npm: publish mxops@0.1.0 (dist-tag latest)\n");
    expect(r.stdout).toContain(`v0: create at ${sha.slice(0, 12)} on origin`);
    expect(r.stdout).toContain("dry run: nothing was written");
    expect(gitea.requests.map((q) => q.method)).toEqual(["GET"]);
    expect(gitea.realReleases()).toEqual([]);
    expect(registry.requests.filter((q) => q.method !== "GET")).toEqual([]);
    expect(remoteTag(p.bare, "v0")).toBe("");
    expect(p.repo.run("status", "--porcelain")).toBe("");
    expect(r.stdout + r.stderr).not.toContain(gitea.token);
  });

  it("creates the release, uploads the asset, publishes, moves v0; a rerun changes nothing", async () => {
    const asset = p.asset("0.1.0");
    const sha = p.repo.run("rev-parse", "v0.1.0^{commit}");
    const r = await run(p, ["--asset", asset], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [rel] = gitea.realReleases();
    expect(gitea.realReleases()).toHaveLength(1);
    expect(rel).toMatchObject({ tag_name: "v0.1.0", name: "mxops v0.1.0", body: "First release.", prerelease: false });
    expect(gitea.attachments.map((a) => [a.releaseId, a.name, a.bytes.toString()])).toEqual([
      [rel.id, "mxops-matrix-0.1.0.tar.gz", "collection 0.1.0\n"],
    ]);
    expect(registry.published.map((x) => [x.name, x.version, x.tag, x.provenance])).toEqual([
      ["mxops", "0.1.0", "latest", false],
    ]);
    expect(remoteTag(p.bare, "v0")).toBe(sha);
    expect(r.stdout).toMatch(
      /uploaded mxops-matrix-0\.1\.0\.tar\.gz -> http:\/\/127\.0\.0\.1:\d+\/ops\/gitops\/releases\/download\//,
    );
    for (const secret of [gitea.token, registry.token]) expect(r.stdout + r.stderr).not.toContain(secret);

    const writes = () => gitea.requests.filter((q) => q.method !== "GET").length;
    const before = writes();
    const again = await run(p, ["--asset", asset], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`release: exists (id ${rel.id}), keep`);
    expect(again.stdout).toContain("asset mxops-matrix-0.1.0.tar.gz: present, keep");
    expect(again.stdout).toContain("npm: mxops@0.1.0 already published, skip");
    expect(again.stdout).toContain(`v0: already at ${sha.slice(0, 12)}, keep`);
    expect(writes()).toBe(before);
    expect(gitea.realReleases()).toHaveLength(1);
    expect(gitea.attachments).toHaveLength(1);
    expect(registry.published).toHaveLength(1);
  });

  it("the next version moves v0 forward; a rebuilt asset of another size is refused, not replaced", async () => {
    const first = await run(p, ["--asset", p.asset("0.1.0")], env);
    expect(first.code, first.stderr).toBe(0);
    const old = remoteTag(p.bare, "v0");
    writeFileSync(path.join(p.repo.dir, "package.json"), JSON.stringify({ name: "mxops", version: "0.2.0" }));
    p.repo.run("commit", "-q", "-am", "release 0.2.0");
    p.repo.tag("v0.2.0", "mxops 0.2.0\n\nSecond release.");
    p.repo.run("push", "-q", "origin", "main", "v0.2.0");
    const sha = p.repo.head();
    const next = await run(p, ["--asset", p.asset("0.2.0")], { ...env, GITHUB_REF: "refs/tags/v0.2.0" });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain(`v0: move ${old.slice(0, 12)} -> ${sha.slice(0, 12)} on origin`);
    expect(remoteTag(p.bare, "v0")).toBe(sha);
    expect(gitea.realReleases().map((x) => x.tag_name)).toEqual(["v0.1.0", "v0.2.0"]);

    const changed = await run(p, ["--asset", p.asset("0.2.0", "a different build\n")], {
      ...env,
      GITHUB_REF: "refs/tags/v0.2.0",
    });
    expect(changed.code).toBe(1);
    expect(changed.stderr.trim().split("\n")).toEqual([
      "release: asset mxops-matrix-0.2.0.tar.gz is already on the release with 17 bytes, this build has 18: delete it on the forge or release a new version",
    ]);
    expect(gitea.attachments).toHaveLength(2);
  });

  it("refuses inconsistent input with one line and exit 2", async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [["--tag", "v9.9.9"], {}, /^release: tag v9\.9\.9 does not match package\.json version 0\.1\.0$/],
      [["--tag", "v1"], {}, /^release: the tag must look like v1\.2\.3 \(got 'v1'\)/],
      [[], { GITEA_TOKEN: "" }, /^release: set GITEA_TOKEN \(forge token\)$/],
      [[], { NPM_TOKEN: "" }, /^release: set NPM_TOKEN \(or pass --skip-npm\)$/],
      [[], { GITHUB_API_URL: "http://gitea.example.org/api/v1" }, /must use https \(plain http only to loopback\)/],
      [
        ["--asset", p.asset("0.0.9")],
        {},
        /^release: asset mxops-matrix-0\.0\.9\.tar\.gz is for version 0\.0\.9, not 0\.1\.0$/,
      ],
      [["--token", "x"], {}, /^release: Unknown option '--token'/],
    ];
    for (const [args, extra, message] of cases) {
      const r = await run(p, args, { ...env, ...extra });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
    expect(gitea.requests).toEqual([]);
  });
});

describe("release on GitHub", { timeout: 120_000 }, () => {
  let gh: FakeGitHub;
  let p: Project;
  let env: Record<string, string>;
  beforeEach(async () => {
    p = project();
    gh = new FakeGitHub();
    await gh.start();
    env = {
      GITHUB_ACTIONS: "true",
      GITHUB_API_URL: gh.url,
      GITHUB_REPOSITORY: "ops/gitops",
      GITHUB_REF: "refs/tags/v0.1.0",
      GITHUB_TOKEN: gh.token,
      NPM_TOKEN: registry.token,
      npm_config_registry: `${registry.url}/`,
    };
  });
  afterEach(async () => {
    await gh.stop();
    expect(gh.violations).toEqual([]);
  });

  it("plans npm provenance only when GitHub grants an OIDC token", async () => {
    const withOidc = await run(p, ["--dry-run"], { ...env, ACTIONS_ID_TOKEN_REQUEST_URL: "http://127.0.0.1:9/t" });
    expect(withOidc.code, withOidc.stderr).toBe(0);
    expect(withOidc.stdout).toContain("npm: publish mxops@0.1.0 (dist-tag latest, with provenance)");
    const without = await run(p, ["--dry-run"], env);
    expect(without.stdout).toContain("npm: publish mxops@0.1.0 (dist-tag latest)\n");
    expect(gh.releases).toEqual([]);
  });

  it("creates the release and uploads the asset to the release's upload URL, once", async () => {
    const asset = p.asset("0.1.0");
    const sha = p.repo.run("rev-parse", "v0.1.0^{commit}");
    const r = await run(p, ["--asset", asset, "--skip-npm"], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(gh.releases.map((x) => [x.tag_name, x.name, x.body])).toEqual([
      ["v0.1.0", "mxops v0.1.0", "First release."],
    ]);
    expect(gh.assets.map((a) => [a.name, a.bytes.toString(), a.contentType])).toEqual([
      ["mxops-matrix-0.1.0.tar.gz", "collection 0.1.0\n", "application/octet-stream"],
    ]);
    expect(remoteTag(p.bare, "v0")).toBe(sha);
    expect(registry.requests).toEqual([]);
    const again = await run(p, ["--asset", asset, "--skip-npm"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(gh.releases).toHaveLength(1);
    expect(gh.assets).toHaveLength(1);
    expect(gh.requests.filter((q) => q.method === "POST")).toHaveLength(2);
    expect(r.stdout + again.stdout + r.stderr).not.toContain(gh.token);
  });
});

describe(".gitea/workflows/release.yml", () => {
  const wf = YAML.parse(readFileSync(".gitea/workflows/release.yml", "utf8")) as {
    on: { push: { tags: string[] } };
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Array<{ run?: string; uses?: string; env?: Record<string, string> }> }>;
  };
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);

  it("runs on version tags only, never on the major tag it moves", () => {
    // Actions filter patterns: `+` repeats the preceding character class, `*` matches within a path segment.
    const matches = (tag: string) =>
      wf.on.push.tags.some((p) => new RegExp(`^${p.replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}$`).test(tag));
    expect(["v0.1.0", "v1.2.3", "v10.0.0", "v1.3.0-rc.1"].filter(matches)).toHaveLength(4);
    expect(["v1", "v0", "m3-turn-complete", "1.2.3"].filter(matches)).toEqual([]);
  });

  it("checks, builds the collection, then releases with tokens from secrets in the environment", () => {
    const runs = steps.map((s) => s.run ?? s.uses ?? "");
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    expect(at(/^bash \.ci\/run$/)).toBeGreaterThan(-1);
    expect(at(/ansible-galaxy collection build ansible/)).toBeGreaterThan(at(/^bash \.ci\/run$/));
    const release = steps[at(/node scripts\/release\.mjs/)];
    expect(at(/node scripts\/release\.mjs/)).toBeGreaterThan(at(/ansible-galaxy collection build/));
    expect(release.run).not.toMatch(/TOKEN|\$\{\{/);
    expect(release.env).toEqual({ GITHUB_TOKEN: "${{ github.token }}", NPM_TOKEN: "${{ secrets.NPM_TOKEN }}" });
    expect(wf.permissions).toEqual({ contents: "write", "id-token": "write" });
  });
});

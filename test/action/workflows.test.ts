// Repo-level proof: the steps of .gitea/workflows/{deploy-on-push,milestone-release}.yml that use the mxops
// Action are run through the bundled Action, with their `with:` as written, on copies of examples/gitops
// and examples/gitops-faults pushed to temporary git repos (and, for releases, against the fake Gitea).
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleEntry } from "../helpers/bundle.js";
import { FakeGitea } from "../fakes/gitea.js";
import { TempRepo } from "../tasks/milestone-release/repo.js";
import { runStep, type StepResult } from "./runner.js";

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Workflow {
  on: { push: { branches?: string[]; paths?: string[]; tags?: string[] } };
  jobs: Record<string, { steps: Step[] }>;
}

const AGE_KEY = readFileSync("examples/demo-age-key.txt", "utf8")
  .split("\n")
  .find((l) => l.startsWith("AGE-SECRET-KEY-"))!;

function workflow(name: string): Workflow {
  return YAML.parse(readFileSync(`.gitea/workflows/${name}`, "utf8")) as Workflow;
}

/** `with:` values with `${{ secrets.X }}` / `${{ vars.X }}` / `${{ github.token }}` filled in (unknown → ""). */
function evaluate(w: Record<string, string>, ctx: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(w))
    out[k] = String(v).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, e: string) => ctx[e] ?? "");
  return out;
}

function mxopsSteps(wf: Workflow): Step[] {
  return Object.values(wf.jobs).flatMap((j) => j.steps.filter((s) => s.uses?.startsWith("mxops/mxops@")));
}

/** A repo whose main has `base` committed, then a push of `change`; returns the push event. */
function pushRepo(
  base: string,
  change: (dir: string) => void,
): { repo: TempRepo; event: { before: string; after: string } } {
  const repo = new TempRepo();
  cpSync(base, repo.dir, { recursive: true });
  repo.run("add", "-A");
  repo.run("commit", "-q", "-m", "base");
  const before = repo.head();
  change(repo.dir);
  repo.run("add", "-A");
  repo.run("commit", "-q", "-m", "push");
  return { repo, event: { before, after: repo.head() } };
}

async function runPushSteps(repo: TempRepo, event: { before: string; after: string }): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const s of mxopsSteps(workflow("deploy-on-push.yml"))) {
    results.push(
      await runStep({
        cwd: repo.dir,
        with: evaluate(s.with ?? {}, { "secrets.SOPS_AGE_KEY": AGE_KEY }),
        env: {
          GITHUB_EVENT_NAME: "push",
          GITHUB_SHA: event.after,
          GITHUB_REF: "refs/heads/main",
          GITHUB_REPOSITORY: "ops/gitops",
          GITEA_ACTIONS: "true",
        },
        event,
      }),
    );
  }
  return results;
}

beforeAll(async () => {
  await bundleEntry("action-main");
}, 120_000);
afterAll(() => TempRepo.cleanup());

describe("deploy-on-push.yml", () => {
  it("triggers on pushes to main under apps/ and clusters/, with full history, and runs sops-check then verify-config", () => {
    const wf = workflow("deploy-on-push.yml");
    expect(wf.on.push.branches).toEqual(["main"]);
    expect(wf.on.push.paths).toEqual(expect.arrayContaining(["apps/**", "clusters/**"]));
    const checkout = Object.values(wf.jobs)[0].steps[0];
    expect(checkout).toMatchObject({
      uses: expect.stringMatching(/^actions\/checkout@/) as string,
      with: { "fetch-depth": 0 },
    });
    expect(mxopsSteps(wf).map((s) => s.with?.task)).toEqual(["sops-check", "verify-config"]);
    expect(mxopsSteps(wf).every((s) => s.with?.["fail-on"] === "error")).toBe(true);
  });

  it("passes a clean push of examples/gitops and lists the pushed files in the summary", async () => {
    const { repo, event } = pushRepo("examples/gitops", (dir) => {
      const p = path.join(dir, "apps/matrix/namespace.yaml");
      writeFileSync(p, `${readFileSync(p, "utf8")}# reviewed\n`);
    });
    const [sops, verify] = await runPushSteps(repo, event);
    for (const r of [sops, verify]) {
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs.errors).toBe("0");
      expect(r.summary).toContain(`Changed files in ${event.before}..${event.after} (1)`);
      expect(r.summary).toContain("- `apps/matrix/namespace.yaml`");
      expect(r.all).not.toContain(AGE_KEY);
    }
  });

  it("fails a push that adds faulty files, annotating only what was pushed", async () => {
    const faults = "examples/gitops-faults";
    const { repo, event } = pushRepo("examples/gitops", (dir) => {
      cpSync(
        path.join(faults, "apps/matrix/not-encrypted.sops.yaml"),
        path.join(dir, "apps/matrix/not-encrypted.sops.yaml"),
      );
      cpSync(path.join(faults, "apps/ess/invented-mas-keys.yaml"), path.join(dir, "apps/ess/invented-mas-keys.yaml"));
    });
    const [sops, verify] = await runPushSteps(repo, event);
    expect(sops.code).toBe(1);
    expect(Number(sops.outputs.errors)).toBeGreaterThan(0);
    const files = (r: StepResult) => new Set(r.annotations.map((a) => a.props.file).filter(Boolean));
    expect([...files(sops)]).toEqual(["apps/matrix/not-encrypted.sops.yaml"]);
    expect(sops.annotations.find((a) => a.level === "error")?.props.title).toMatch(/^sops\//);
    expect(sops.summary).toMatch(/\| error \| `sops\/[a-z-]+` \| apps\/matrix\/not-encrypted\.sops\.yaml/);
    expect(verify.code).toBe(1);
    for (const f of files(verify))
      expect(["apps/matrix/not-encrypted.sops.yaml", "apps/ess/invented-mas-keys.yaml"]).toContain(f);
    expect(files(verify).has("apps/ess/invented-mas-keys.yaml")).toBe(true);
    expect(verify.annotations.some((a) => a.level === "error" && /^mas\//.test(a.props.title ?? ""))).toBe(true);
  });

  it("falls back to the whole tree, with a notice, when the push base is missing (force push)", async () => {
    const { repo, event } = pushRepo("examples/gitops", (dir) =>
      writeFileSync(
        path.join(dir, "apps/matrix/extra.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: matrix\n",
      ),
    );
    const [sops] = await runPushSteps(repo, { before: "1234567890abcdef1234567890abcdef12345678", after: event.after });
    expect(sops.code, sops.stdout).toBe(0);
    expect(sops.annotations.find((a) => a.props.title === "mxops")?.message).toMatch(
      /push base 1234567890ab is not in the checkout/,
    );
    expect(sops.summary).not.toContain("Changed files");
  });

  it("checks the whole tree of examples/gitops-faults on a new branch", async () => {
    const repo = new TempRepo();
    cpSync("examples/gitops-faults", repo.dir, { recursive: true });
    repo.run("add", "-A");
    repo.run("commit", "-q", "-m", "import");
    const [sops, verify] = await runPushSteps(repo, { before: "0".repeat(40), after: repo.head() });
    for (const r of [sops, verify]) {
      expect(r.code).toBe(1);
      expect(Number(r.outputs.errors)).toBeGreaterThan(1);
      // One annotation per finding (titled with its rule id), plus the step's own failure line.
      expect(r.outputs.findings).toBe(String(r.annotations.filter((a) => a.props.title).length));
      expect(r.annotations.filter((a) => !a.props.title).map((a) => a.message)).toEqual([
        expect.stringMatching(/^mxops (sops-check|verify-config): \d+ error\(s\)/),
      ]);
      expect(r.summary).not.toContain("Changed files");
      expect(r.summary).toMatch(/\| \d+ \| \d+ \| \d+ \|/);
      expect(r.annotations.filter((a) => a.props.file).length).toBeGreaterThan(1);
    }
    expect(sops.annotations.some((a) => a.props.title === "sops/mac-mismatch")).toBe(true);
  });
});

describe("milestone-release.yml", () => {
  it("creates the release for a pushed m*-*-complete tag with the step's inputs, once", async () => {
    const wf = workflow("milestone-release.yml");
    expect(wf.on.push.tags).toEqual(["m*-*-complete"]);
    const [step] = mxopsSteps(wf);
    expect(step?.with?.task).toBe("milestone-release");
    const upstream = new TempRepo();
    cpSync("examples/gitops", upstream.dir, { recursive: true });
    upstream.run("add", "-A");
    upstream.run("commit", "-q", "-m", "feat: gitops layout");
    upstream.tag("m1-base-complete", "M1: base");
    upstream.commit("feat(ess): matrix-stack values");
    upstream.tag("m2-ess-complete", "M2: ESS\n\nmatrix-stack deployed.");
    const g = new FakeGitea();
    g.syncFromGit(upstream.dir);
    g.addIssue("deploy ESS", g.addMilestone("M2"));
    await g.start();
    try {
      const ws = upstream.checkoutLikeActions("m2-ess-complete");
      const run = () =>
        runStep({
          cwd: ws.dir,
          with: evaluate(step.with ?? {}, {}),
          expressions: { "github.token": g.token },
          env: {
            GITEA_ACTIONS: "true",
            GITHUB_SERVER_URL: `${g.url}/`,
            GITHUB_API_URL: `${g.url}/api/v1`,
            GITHUB_REPOSITORY: "ops/gitops",
            GITHUB_REF: "refs/tags/m2-ess-complete",
            GITHUB_SHA: ws.head(),
            GITHUB_EVENT_NAME: "push",
          },
        });
      const first = await run();
      expect(first.code, first.stdout).toBe(0);
      expect(first.outputs["release-url"]).toBe(`${g.url}/ops/gitops/releases/tag/m2-ess-complete`);
      expect(first.outputs.changed).toBe("true");
      expect(g.realReleases().map((r) => r.name)).toEqual(["M2: ESS"]);
      expect(g.realReleases()[0].body).toContain("- deploy ESS");
      expect(g.milestones[0].state).toBe("closed");
      const second = await run();
      expect(second.outputs.changed).toBe("false");
      expect(g.realReleases()).toHaveLength(1);
      expect(g.violations).toEqual([]);
    } finally {
      await g.stop();
    }
  });
});

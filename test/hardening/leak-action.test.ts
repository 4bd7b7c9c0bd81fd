// The leak harness at the Action entry: every task run through the bundled dist-equivalent Action as a runner
// would, with its secrets as inputs. No secret may reach stdout (other than ::add-mask::), stderr, the outputs
// file, the job summary or the JSON report; each secret input is masked before anything else is printed.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { decryptSopsYaml, loadAgeIdentities } from "../../src/core/sops/index.js";
import { runStep, type StepResult } from "../action/runner.js";
import { FakeGitea } from "../fakes/gitea.js";
import { AUTHENTIK_TOKEN, CLIENT_SECRET, SMTP_PASSWORD, startStack, type Stack } from "../tasks/invite/harness.js";
import { milestoneRepo, TempRepo } from "../tasks/milestone-release/repo.js";

const DEMO_KEY = readFileSync("examples/demo-age-key.txt", "utf8");
const AGE_SECRET = /AGE-SECRET-KEY-[0-9A-Z]+/.exec(DEMO_KEY)![0];

/** Every string leaf of the decrypted example Secrets (what must never be shown). */
async function examplePlaintexts(): Promise<string[]> {
  const ids = await loadAgeIdentities([{ origin: "demo", text: DEMO_KEY }]);
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      out.push(v);
      // Embedded configs: their single-line secret values are what a leak would show.
      for (const line of v.split("\n")) {
        const m = /^\s*[\w.-]+:\s*"?([^"\s]{8,})"?\s*$/.exec(line);
        if (m && /secret|password|token/i.test(line)) out.push(m[1]);
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const f of ["examples/gitops/apps/matrix/ess-secret-values.sops.yaml"]) {
    const r = await decryptSopsYaml(readFileSync(f, "utf8"), ids);
    if (!r.ok) throw new Error(`cannot decrypt ${f}`);
    r.docs.forEach((d) => walk((d as { stringData?: unknown }).stringData));
  }
  return out.filter((s) => s.length >= 8);
}

function expectNoLeak(step: StepResult, secrets: readonly string[], label: string): void {
  for (const s of secrets) {
    expect(step.all.includes(s), `${label}: secret ${s.slice(0, 4)}… leaked`).toBe(false);
  }
}

describe("leak harness: the Action entry, every task", () => {
  let stack: Stack;
  let gitea: FakeGitea;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
    await gitea?.stop();
    TempRepo.cleanup();
  });

  it("sops-check and verify-config with the age key as input: neither the key nor any decrypted value is shown", async () => {
    const plaintexts = await examplePlaintexts();
    expect(plaintexts.length).toBeGreaterThan(0);
    for (const task of ["sops-check", "verify-config"]) {
      for (const dir of ["examples/gitops", "examples/gitops-faults"]) {
        const step = await runStep({ cwd: path.resolve(dir), with: { task, "age-key": DEMO_KEY, "fail-on": "never" } });
        expect(step.code, `${task} ${dir}: ${step.stderr}`).toBe(0);
        expect(step.masks).toContain(AGE_SECRET);
        expectNoLeak(step, [AGE_SECRET, ...plaintexts], `${task} ${dir}`);
      }
    }
  });

  it("invite with MAS client secret, SMTP password and Authentik token as inputs: none of them, and no token text, is shown", async () => {
    const config = path.join(stack.dir, "mxops-action.yaml");
    writeFileSync(config, YAML.stringify({ invite: { ...stack.raw, audit_log: "audit-action.jsonl" } }));
    const secrets = {
      "mas-client-secret": CLIENT_SECRET,
      "smtp-password": SMTP_PASSWORD,
      "authentik-token": AUTHENTIK_TOKEN,
    };
    const steps: StepResult[] = [];
    for (const [command, extra] of [
      ["send", { "invite-email": "ada@example.org", "invite-name": "Ada" }],
      ["send", { "invite-email": "bob@example.org", "invite-backend": "authentik" }],
      ["status", {}],
      ["list", {}],
    ] as const) {
      const step = await runStep({
        cwd: stack.dir,
        with: { task: "invite", "invite-command": command, "invite-config": config, ...secrets, ...extra },
      });
      expect(step.code, `${command}: ${step.stderr}${step.stdout}`).toBe(0);
      steps.push(step);
    }
    const tokens = [...stack.mas.tokens.values()].map((t) => t.token);
    expect(tokens.length).toBeGreaterThan(0);
    const itokens = stack.smtp.mails
      .map((m) => /itoken=([0-9a-f-]{36})/.exec(m.text)?.[1])
      .filter((x): x is string => !!x);
    expect(itokens.length).toBeGreaterThan(0);
    for (const step of steps) {
      for (const s of Object.values(secrets)) expect(step.masks).toContain(s);
      expectNoLeak(step, [...Object.values(secrets), ...tokens, ...itokens], "invite");
    }
    expectNoLeak(
      { all: readFileSync(path.join(stack.dir, "audit-action.jsonl"), "utf8") } as StepResult,
      [...Object.values(secrets), ...tokens],
      "audit file",
    );
  });

  it("milestone-release with the forge token as input: the token is masked and never shown", async () => {
    const repo = milestoneRepo();
    gitea = new FakeGitea();
    gitea.syncFromGit(repo.dir);
    await gitea.start();
    const step = await runStep({
      cwd: repo.dir,
      with: { task: "milestone-release", token: gitea.token, tag: "m2-turn-complete" },
      env: {
        GITEA_ACTIONS: "true",
        GITHUB_SERVER_URL: `${gitea.url}/`,
        GITHUB_API_URL: `${gitea.url}/api/v1`,
        GITHUB_REPOSITORY: "ops/gitops",
      },
    });
    expect(step.code, step.stderr + step.stdout).toBe(0);
    expect(step.outputs["release-url"]).toContain("/releases/tag/m2-turn-complete");
    expect(step.masks).toContain(gitea.token);
    expectNoLeak(step, [gitea.token], "milestone-release");
    const bad = await runStep({
      cwd: repo.dir,
      with: { task: "milestone-release", token: `${gitea.token}-wrong`, tag: "m2-turn-complete" },
      env: {
        GITEA_ACTIONS: "true",
        GITHUB_SERVER_URL: `${gitea.url}/`,
        GITHUB_API_URL: `${gitea.url}/api/v1`,
        GITHUB_REPOSITORY: "ops/gitops",
      },
    });
    expect(bad.code).not.toBe(0);
    expectNoLeak(bad, [gitea.token, `${gitea.token}-wrong`], "milestone-release with a wrong token");
    expect(gitea.violations).toEqual([]);
  });
});

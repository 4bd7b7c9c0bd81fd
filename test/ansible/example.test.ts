// ansible/examples/verify-and-invite.yml end to end with the real CLI: it verifies examples/gitops (SOPS MACs with
// the demo key, config lint) and invites its list through the invite test stack (oidc-provider, MAS fake, SMTP).
// Run twice: the second run invites nobody (changed=false), which is what makes the playbook safe to re-run.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { bundleEntry } from "../helpers/bundle.js";
import { CLIENT_SECRET, SMTP_PASSWORD, startStack, type Stack } from "../tasks/invite/harness.js";
import { ROOT, makeWorkspace, resultsByTask, runPlaybook, type Run } from "./harness.js";

const PLAYBOOK = path.join(ROOT, "ansible", "examples", "verify-and-invite.yml");
const DEMO_KEY = readFileSync(path.join(ROOT, "examples", "demo-age-key.txt"), "utf8");
const INVITE_TASK = "Invite everyone on the list who has no live invite yet";

let stack: Stack;
let first: Run;
let second: Run;

beforeAll(async () => {
  const ws = makeWorkspace();
  const cli = await bundleEntry("bin");
  stack = await startStack();
  writeFileSync(path.join(stack.dir, "mxops.yaml"), stringify({ invite: stack.raw }));
  const extraVars = {
    mxops_cli: cli,
    gitops_repo: path.join(ROOT, "examples", "gitops"),
    ops_dir: stack.dir,
    vault_sops_age_key: DEMO_KEY,
    vault_mas_client_secret: CLIENT_SECRET,
    vault_smtp_password: SMTP_PASSWORD,
  };
  // The playbook must not lean on secrets from the runner's environment.
  const env = { SOPS_AGE_KEY: "", SOPS_AGE_KEY_FILE: "", MXOPS_MAS_CLIENT_SECRET: "", MXOPS_SMTP_PASSWORD: "" };
  first = await runPlaybook(ws, PLAYBOOK, { file: true, extraVars, env });
  second = await runPlaybook(ws, PLAYBOOK, { file: true, extraVars, env });
}, 240_000);

afterAll(async () => {
  expect(stack.mas.violations).toEqual([]);
  await stack.stop();
});

describe("the example playbook with the real CLI", () => {
  it("verifies examples/gitops clean and invites both people on the list", () => {
    expect(first.code, first.stderr + first.stdout.slice(-4000)).toBe(0);
    const r = resultsByTask(first.stdout);
    expect(r.get("Every secret in the repo is encrypted and its MAC verifies")).toMatchObject({
      changed: false,
      rc: 0,
      findings: [],
    });
    expect(r.get("The configuration lints clean")).toMatchObject({ changed: false, rc: 0 });
    const invited = r.get(INVITE_TASK) as {
      changed: boolean;
      results: { changed: boolean; item: { email: string } }[];
    };
    expect(invited.results.map((x) => [x.item.email, x.changed])).toEqual([
      ["ada@example.org", true],
      ["grete@example.org", true],
    ]);
    expect(stack.smtp.mails.map((m) => m.to[0]).sort()).toEqual(["ada@example.org", "grete@example.org"]);
  });

  it("a second run invites nobody and reports nothing changed", () => {
    expect(second.code, second.stderr).toBe(0);
    const invited = resultsByTask(second.stdout).get(INVITE_TASK) as {
      changed: boolean;
      results: { changed: boolean }[];
    };
    expect(invited.changed).toBe(false);
    expect(invited.results.map((x) => x.changed)).toEqual([false, false]);
    expect(stack.mas.tokens.size).toBe(2);
    expect(stack.smtp.mails).toHaveLength(2);
  });

  it("no secret or invite token in the output", () => {
    const out = first.stdout + first.stderr + second.stdout + second.stderr;
    const keyLine = DEMO_KEY.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-"))!;
    for (const s of [keyLine, CLIENT_SECRET, SMTP_PASSWORD, ...[...stack.mas.tokens.values()].map((t) => t.token)]) {
      expect(out).not.toContain(s);
    }
  });
});

// The invite module with the real CLI against the invite test stack (real oidc-provider as MAS's authorization
// server, the spec-validated MAS fake, a real SMTP server): check mode creates nothing, send is idempotent,
// revoke in check mode and for real, and no secret or invite token in the -vvv output.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { bundleEntry } from "../helpers/bundle.js";
import { CLIENT_SECRET, SMTP_PASSWORD, startStack, type Stack } from "../tasks/invite/harness.js";
import { FQCN, makeWorkspace, resultsByTask, runPlaybook, type Run, type TaskResult } from "./harness.js";

let stack: Stack;
let run: Run;
let results: Map<string, TaskResult>;
const snapshots: Record<string, { tokens: number; live: number; mails: number }> = {};

function res(name: string): TaskResult {
  const r = results.get(name);
  expect(r, `result of ${name}`).toBeDefined();
  return r!;
}

beforeAll(async () => {
  const ws = makeWorkspace();
  const cli = await bundleEntry("bin");
  stack = await startStack();
  writeFileSync(path.join(stack.dir, "mxops.yaml"), stringify({ invite: stack.raw }));
  writeFileSync(
    path.join(stack.dir, "invites.csv"),
    "email,name,lang\nbob@example.org,Bob,de\ncarol@example.org,Carol,en\n",
  );
  const t = (name: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    name,
    [`${FQCN}.invite`]: {
      mxops_path: cli,
      chdir: stack.dir,
      mas_client_secret: CLIENT_SECRET,
      smtp_password: SMTP_PASSWORD,
      ...args,
    },
    // Secrets only from the module options, never from the test runner's environment.
    environment: { MXOPS_MAS_CLIENT_SECRET: "", MXOPS_SMTP_PASSWORD: "" },
    ignore_errors: true,
    ...extra,
  });
  const tasks = [
    t("preflight", { command: "preflight" }, { check_mode: true }),
    t("send check", { email: "ada@example.org", name: "Ada", lang: "en" }, { check_mode: true }),
    // A value starting with "-" must reach the CLI as a value, not as an option.
    t("send", { email: "ada@example.org", name: "-Ada", lang: "en" }),
    t("send again", { email: "ada@example.org", name: "Ada", lang: "en" }),
    t("list", { command: "list" }, { check_mode: true }),
    t("revoke check", { command: "revoke", target: "ada@example.org" }, { check_mode: true }),
    t("revoke", { command: "revoke", target: "ada@example.org" }),
    t("bad uses", { email: "bob@example.org", uses: 0 }),
    t("batch check", { command: "batch", file: "invites.csv" }, { check_mode: true }),
    t("batch", { command: "batch", file: "invites.csv", concurrency: 2 }),
    t("batch again", { command: "batch", file: "invites.csv" }),
  ];
  // One playbook for all steps (each ansible-playbook start costs seconds): per-step results plus the final state.
  const playbook = JSON.stringify([{ hosts: "localhost", gather_facts: false, tasks }], null, 2);
  run = await runPlaybook(ws, playbook, { verbose: true, name: "invite" });
  results = resultsByTask(run.stdout);
  snapshots.final = {
    tokens: stack.mas.tokens.size,
    live: stack.mas.validTokens().length,
    mails: stack.smtp.mails.length,
  };
}, 240_000);

afterAll(async () => {
  expect(stack.mas.violations).toEqual([]);
  await stack.stop();
});

describe("invite module with the real CLI", () => {
  it("runs every task", () => {
    expect(run.stderr).not.toMatch(/Traceback|MODULE FAILURE/);
    expect(results.size).toBe(11);
  });

  it("check mode: --dry-run, reports the invite it would send as changed", () => {
    const c = res("send check");
    expect(c.failed).toBeFalsy();
    expect(c.cmd).toContain("--dry-run");
    expect(c.changed).toBe(true);
    expect((c.report as { changed?: boolean }).changed).toBe(false);
  });

  it("send creates one invite and mails it (changed); sending again is ok and changes nothing", () => {
    expect(res("send")).toMatchObject({ changed: true, rc: 0 });
    expect(res("send").failed).toBeFalsy();
    expect(res("send again")).toMatchObject({ changed: false, rc: 0 });
    // One token for Ada (the check-mode run and the rerun created none) plus the batch's two; one mail each.
    expect(snapshots.final.tokens).toBe(3);
    expect(snapshots.final.mails).toBe(3);
    expect(stack.smtp.mails[0].to).toEqual(["ada@example.org"]);
    expect(res("send").cmd).toContain("--name=-Ada");
  });

  it("preflight only reads: every check passes against the stack, nothing changed, no --dry-run", () => {
    const p = res("preflight");
    expect(p).toMatchObject({ changed: false, rc: 0, counts: { error: 0 } });
    expect(p.cmd).not.toContain("--dry-run");
  });

  it("list only reads, even in check mode", () => {
    const l = res("list");
    expect(l.cmd).not.toContain("--dry-run");
    expect(l).toMatchObject({ changed: false, rc: 0 });
    expect(JSON.stringify(l.report)).toContain("ada@example.org");
  });

  it("revoke: check mode predicts the change without revoking; the real run revokes", () => {
    expect(res("revoke check")).toMatchObject({ changed: true, rc: 0 });
    expect(res("revoke check").cmd).toContain("--dry-run");
    expect(res("revoke")).toMatchObject({ changed: true, rc: 0 });
    expect(snapshots.final.live).toBe(2); // Ada's revoked; the batch's two are live
  });

  it("batch: check mode creates nothing, the run invites each row once, a rerun changes nothing", () => {
    expect(res("batch check")).toMatchObject({ changed: true, rc: 0 });
    expect(res("batch check").cmd).toContain("--dry-run");
    expect(res("batch")).toMatchObject({ changed: true, rc: 0 });
    expect(res("batch").cmd).toEqual(expect.arrayContaining(["--concurrency=2", "--", "invites.csv"]));
    expect(res("batch again")).toMatchObject({ changed: false, rc: 0 });
    expect(stack.smtp.mails.map((m) => m.to[0]).sort()).toEqual([
      "ada@example.org",
      "bob@example.org",
      "carol@example.org",
    ]);
  });

  it("a CLI usage error is fail_json with its one line", () => {
    expect(res("bad uses")).toMatchObject({ failed: true, rc: 2 });
    expect(res("bad uses").msg).toMatch(/^mxops: error: --uses must be/);
  });

  it("no client secret, SMTP password or invite token in the -vvv output", () => {
    const out = run.stdout + run.stderr;
    expect(out).toContain("VALUE_SPECIFIED_IN_NO_LOG_PARAMETER");
    const tokens = [...stack.mas.tokens.values()].map((x) => x.token);
    expect(tokens).toHaveLength(3);
    for (const s of [CLIENT_SECRET, SMTP_PASSWORD, ...tokens]) expect(out).not.toContain(s);
  });
});

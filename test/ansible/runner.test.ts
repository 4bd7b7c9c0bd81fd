// The modules and their one runner (module_utils/mxops.py) driven by the real ansible-playbook against a stub
// CLI that speaks the mxops contract: argv/env building, CLI discovery, check mode, exit-code mapping, no_log.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  FQCN,
  STUB,
  makeWorkspace,
  resultsByTask,
  runPlaybook,
  stubCalls,
  type Run,
  type TaskResult,
} from "./harness.js";

const AGE_KEY = "AGE-SECRET-KEY-1QQQSTUBSTUBSTUBSTUBSTUBSTUBSTUBSTUBSTUBSTUBSTUBSTUBSTUBSQQQQ7X";
const MAS_SECRET = "mas-client-secret-4f1c9e0b7d2a";
const SMTP_PASSWORD = "smtp-pass-91b2c3d4e5f6";
const AUTHENTIK_TOKEN = "ak-token-0a1b2c3d4e5f6a7b8c9d";
const FORGE_TOKEN = "gitea-token-ffee00112233";
const SECRETS = [AGE_KEY, MAS_SECRET, SMTP_PASSWORD, AUTHENTIK_TOKEN, FORGE_TOKEN];

let ws: { dir: string; collections: string };
let log: string;
let wrapperDir: string;
let npxDir: string;
let noInterpreter: string;
let envNoNode: string;
let plain: Run;
let results: Map<string, TaskResult>;
let calls: ReturnType<typeof stubCalls>;

function task(name: string, module: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { scenario = "clean", ...rest } = extra as { scenario?: string } & Record<string, unknown>;
  return {
    name,
    [`${FQCN}.${module}`]: { mxops_path: STUB, ...args },
    environment: { STUB_SCENARIO: scenario, STUB_LABEL: name, ...((rest.environment as object) ?? {}) },
    ignore_errors: true,
    ...Object.fromEntries(Object.entries(rest).filter(([k]) => k !== "environment")),
  };
}

function playbook(tasks: object[]): string {
  return JSON.stringify([{ hosts: "localhost", gather_facts: false, tasks }], null, 2);
}

function callOf(label: string) {
  const c = calls.filter((x) => x.label === label);
  expect(c, `stub calls for ${label}`).toHaveLength(1);
  return c[0];
}

function res(name: string): TaskResult {
  const r = results.get(name);
  expect(r, `result of ${name}`).toBeDefined();
  return r!;
}

beforeAll(async () => {
  ws = makeWorkspace();
  log = path.join(ws.dir, "stub.jsonl");
  // An executable named `mxops` (for mxops_path and PATH lookup), and an `npx` that would run the stub if the
  // runner ever fell back to `npx --yes mxops` (it must not: that downloads whatever the registry serves).
  wrapperDir = path.join(ws.dir, "bin");
  npxDir = path.join(ws.dir, "npx-bin");
  mkdirSync(wrapperDir);
  mkdirSync(npxDir);
  const executable = (file: string, text: string) => {
    writeFileSync(file, text);
    chmodSync(file, 0o755);
  };
  executable(path.join(wrapperDir, "mxops"), `#!/bin/sh\nexec node ${JSON.stringify(STUB)} "$@"\n`);
  executable(
    path.join(npxDir, "npx"),
    `#!/bin/sh\nshift 2\nSTUB_LABEL="$STUB_LABEL via npx" exec node ${JSON.stringify(STUB)} "$@"\n`,
  );
  // CLIs that cannot start: an interpreter that does not exist (exec fails) and `env` not finding node (exit 127).
  noInterpreter = path.join(ws.dir, "no-interpreter-mxops");
  executable(noInterpreter, `#!${path.join(ws.dir, "no", "node")}\n`);
  envNoNode = path.join(ws.dir, "env-no-node-mxops");
  executable(envNoNode, "#!/usr/bin/env mxops-test-no-such-node\n");
  const basePath = process.env.PATH ?? "/usr/bin:/bin";
  const repo = path.join(ws.dir, "repo");
  mkdirSync(repo);

  const tasks = [
    task("sops clean", "sops_check", {
      chdir: repo,
      paths: ["apps", "-odd name.yaml"],
      changed: "origin/main...HEAD",
      config: ".sops.yaml",
      age_key_file: "keys.txt",
      age_key: AGE_KEY,
    }),
    task("sops clean check", "sops_check", { chdir: repo, age_key: AGE_KEY }, { check_mode: true }),
    task("sops findings", "sops_check", { chdir: repo }, { scenario: "findings" }),
    task("sops findings never", "sops_check", { fail_on: "never" }, { scenario: "findings" }),
    task("sops warning at warning", "sops_check", { fail_on: "warning" }, { scenario: "warning" }),
    task("sops warning at error", "sops_check", {}, { scenario: "warning" }),
    task("verify usage", "verify_config", {}, { scenario: "usage" }),
    task("verify garbage", "verify_config", {}, { scenario: "garbage" }),
    task("verify crash", "verify_config", {}, { scenario: "crash" }),
    task("verify warn", "verify_config", {}, { scenario: "warn" }),
    task("verify live", "verify_config", {
      paths: ["clusters"],
      live: true,
      server_name: "example.org",
      resolve: ["matrix.example.org:443:127.0.0.1", "mas.example.org:443:127.0.0.1"],
      ca_file: "/etc/ca.pem",
      age_key: AGE_KEY,
    }),
    task("verify check", "verify_config", {}, { check_mode: true }),
    task("invite send", "invite", {
      email: "ada@example.org",
      name: "-Ada $HOME",
      lang: "de",
      expires: "7d",
      uses: 1,
      backend: "mas",
      mas_client_secret: MAS_SECRET,
      smtp_password: SMTP_PASSWORD,
    }),
    task(
      "invite send check",
      "invite",
      { email: "ada@example.org", mas_client_secret: MAS_SECRET },
      { check_mode: true },
    ),
    task("invite send unchanged", "invite", { email: "ada@example.org" }, { scenario: "unchanged" }),
    task(
      "invite list check",
      "invite",
      { command: "list", list_status: "sent", authentik_token: AUTHENTIK_TOKEN },
      { check_mode: true },
    ),
    task("invite revoke", "invite", { command: "revoke", target: "ada@example.org" }),
    task("invite batch", "invite", { command: "batch", file: "invites.csv", concurrency: 4, resend: true }),
    task("invite send without email", "invite", {}),
    task("release create", "milestone_release", {
      tag: "m3-turn-complete",
      repo: "ops/gitops",
      api_url: "http://127.0.0.1:9/api/v1",
      close_milestone: true,
      token: FORGE_TOKEN,
    }),
    task(
      "release check diff",
      "milestone_release",
      { tag: "m3-turn-complete", token: FORGE_TOKEN },
      { scenario: "update", check_mode: true, diff: true },
    ),
    task(
      "release check new",
      "milestone_release",
      { tag: "m3-turn-complete", forge: "gitea", milestone: "M3", checkout: "." },
      { check_mode: true, diff: true },
    ),
    task(
      "release unchanged",
      "milestone_release",
      { tag: "m3-turn-complete", pattern: "m*-*-complete", draft: true, prerelease: true },
      { scenario: "unchanged" },
    ),
    task("release usage", "milestone_release", { tag: "nope" }, { scenario: "usage" }),
    task("exe path", "sops_check", { mxops_path: path.join(wrapperDir, "mxops") }),
    task("path lookup", "sops_check", { mxops_path: null }, { environment: { PATH: `${wrapperDir}:${basePath}` } }),
    task("no cli", "sops_check", { mxops_path: null }, { environment: { PATH: `${npxDir}:${basePath}` } }),
    task("missing cli", "sops_check", { mxops_path: path.join(ws.dir, "nope", "cli.js") }),
    task("cannot exec", "sops_check", { mxops_path: noInterpreter }),
    task("env without node", "sops_check", { mxops_path: envNoNode }),
    task("node crash", "sops_check", {}, { scenario: "throw" }),
    task("exit 1 without report", "sops_check", {}, { scenario: "exit1-silent" }),
    task("killed", "sops_check", {}, { scenario: "signal" }),
    task("other json", "verify_config", {}, { scenario: "other-json" }),
    task("missing chdir", "sops_check", { chdir: path.join(ws.dir, "no-such-repo") }),
  ];
  plain = await runPlaybook(ws, playbook(tasks), { env: { STUB_LOG: log }, name: "stub" });
  results = resultsByTask(plain.stdout);
  calls = stubCalls(log);
}, 240_000);

describe("runner with a stub CLI", () => {
  it("runs the playbook to the end", () => {
    expect(plain.stderr).not.toMatch(/Traceback|MODULE FAILURE/);
    expect(results.size).toBe(35);
  });

  it("builds argv from params: options, --format json --fail-on, `--` before positionals; secrets only in env", () => {
    const c = callOf("sops clean");
    expect(c.argv).toEqual([
      "sops-check",
      "--changed=origin/main...HEAD",
      "--config=.sops.yaml",
      "--age-key-file=keys.txt",
      "--format",
      "json",
      "--fail-on",
      "error",
      "--",
      "apps",
      "-odd name.yaml",
    ]);
    expect(c.env.SOPS_AGE_KEY).toBe(AGE_KEY);
    expect(c.cwd).toBe(path.join(ws.dir, "repo"));
    const r = res("sops clean");
    expect(r.failed).toBeFalsy();
    expect(r.changed).toBe(false);
    expect(r.findings).toEqual([]);
    expect(r.counts).toEqual({ error: 0, warning: 0, info: 0 });
    expect(r.rc).toBe(0);
    expect(r.msg).toBe("mxops sops-check: 0 error(s), 0 warning(s), 0 info");
  });

  it("read-only tasks run unchanged in check mode and report changed=false", () => {
    expect(callOf("sops clean check").argv).not.toContain("--dry-run");
    expect(res("sops clean check")).toMatchObject({ changed: false, rc: 0 });
    expect(callOf("verify check").argv).not.toContain("--dry-run");
    expect(res("verify check").changed).toBe(false);
  });

  it("fails at fail_on with the findings returned and the worst in msg; reports only below it", () => {
    const f = res("sops findings");
    expect(f.failed).toBe(true);
    expect(f.rc).toBe(1);
    expect((f.findings as unknown[]).length).toBe(2);
    expect(f.counts).toEqual({ error: 1, warning: 1, info: 0 });
    expect(f.msg).toContain("at or above fail_on=error");
    expect(f.msg).toContain(
      "error sops/plaintext-value apps/db/secret.yaml:9:13: stringData.password is not encrypted",
    );
    expect(f.msg).not.toContain("recipient-drift");

    const n = res("sops findings never");
    expect(n.failed).toBeFalsy();
    expect((n.findings as unknown[]).length).toBe(2);
    expect(callOf("sops findings never").argv).toContain("never");

    expect(res("sops warning at warning")).toMatchObject({ failed: true, rc: 1 });
    expect(res("sops warning at error").failed).toBeFalsy();
  });

  it("maps exit 2 to fail_json with the CLI's one line, and non-JSON output to a clear failure", () => {
    const u = res("verify usage");
    expect(u.failed).toBe(true);
    expect(u.rc).toBe(2);
    expect(u.msg).toBe("mxops: error: verify-config: --tag nope does not match the pattern m*-*-complete");
    expect(u.findings).toBeUndefined();
    expect(res("release usage")).toMatchObject({ failed: true, rc: 2 });

    const g = res("verify garbage");
    expect(g).toMatchObject({
      failed: true,
      rc: 0,
      msg: "mxops verify-config exited 0 but printed no mxops JSON report; is mxops_path the mxops CLI?",
    });
    expect(res("other json")).toMatchObject({ failed: true, msg: g.msg });
  });

  it("tells a crash from findings: a stack trace, exit 1 without a report, a signal, an unknown exit code", () => {
    expect(res("node crash")).toMatchObject({
      failed: true,
      rc: 1,
      msg: "mxops sops-check crashed (exit code 1): TypeError: Cannot read properties of undefined (reading 'findings')",
    });
    expect(res("node crash").findings).toBeUndefined();
    expect(res("node crash").stderr).toMatch(/\n\s+at /);
    expect(res("exit 1 without report")).toMatchObject({
      failed: true,
      rc: 1,
      msg: "mxops sops-check crashed (exit code 1, no report): Segmentation fault",
    });
    expect(res("killed")).toMatchObject({ failed: true, rc: -9, msg: "mxops sops-check crashed: killed by SIGKILL" });
    expect(res("verify crash")).toMatchObject({
      failed: true,
      rc: 3,
      msg: "mxops verify-config crashed (exit code 3): mxops: internal error: kaboom",
    });
    for (const r of results.values()) expect(String(r.msg)).not.toMatch(/without a JSON report/);
  });

  it("turns the CLI's warning lines into Ansible warnings, and only those", () => {
    const w = res("verify warn");
    expect(w).toMatchObject({ rc: 0, changed: false });
    expect(w.warnings).toEqual(["audit log has 1 unreadable line (skipped)"]);
    expect(res("verify check").warnings).toBeUndefined();
  });

  it("passes verify-config's live options, repeating --resolve", () => {
    expect(callOf("verify live").argv).toEqual([
      "verify-config",
      "--live",
      "--server-name=example.org",
      "--resolve=matrix.example.org:443:127.0.0.1",
      "--resolve=mas.example.org:443:127.0.0.1",
      "--ca-file=/etc/ca.pem",
      "--format",
      "json",
      "--fail-on",
      "error",
      "--",
      "clusters",
    ]);
    expect(callOf("verify live").env.SOPS_AGE_KEY).toBe(AGE_KEY);
  });

  it("invite: subcommand first, secrets in env, changed from the report; --dry-run in check mode", () => {
    const send = callOf("invite send");
    expect(send.argv).toEqual([
      "invite",
      "send",
      "--email=ada@example.org",
      "--name=-Ada $HOME",
      "--backend=mas",
      "--expires=7d",
      "--uses=1",
      "--lang=de",
      "--format",
      "json",
      "--fail-on",
      "error",
    ]);
    expect(send.env).toEqual({ MXOPS_MAS_CLIENT_SECRET: MAS_SECRET, MXOPS_SMTP_PASSWORD: SMTP_PASSWORD });
    expect(res("invite send")).toMatchObject({ changed: true, report: { results: { dryRun: false } } });

    expect(callOf("invite send check").argv).toContain("--dry-run");
    expect(res("invite send check")).toMatchObject({ changed: true, report: { results: { dryRun: true } } });
    expect(res("invite send unchanged").changed).toBe(false);

    const list = callOf("invite list check");
    expect(list.argv).toEqual(["invite", "list", "--status=sent", "--format", "json", "--fail-on", "error"]);
    expect(list.env).toEqual({ AUTHENTIK_TOKEN: AUTHENTIK_TOKEN });
    expect(res("invite list check").changed).toBe(false);

    expect(callOf("invite revoke").argv).toEqual([
      "invite",
      "revoke",
      "--format",
      "json",
      "--fail-on",
      "error",
      "--",
      "ada@example.org",
    ]);
    expect(callOf("invite batch").argv).toEqual([
      "invite",
      "batch",
      "--resend",
      "--concurrency=4",
      "--format",
      "json",
      "--fail-on",
      "error",
      "--",
      "invites.csv",
    ]);
    const missing = res("invite send without email");
    expect(missing.failed).toBe(true);
    expect(missing.msg).toMatch(/command is send but all of the following are missing: email/);
    expect(calls.some((c) => c.label === "invite send without email")).toBe(false);
  });

  it("milestone_release: token in both forge env vars, release outputs, --dry-run and diff in check mode", () => {
    const create = callOf("release create");
    expect(create.argv).toEqual([
      "milestone-release",
      "--tag=m3-turn-complete",
      "--repo=ops/gitops",
      "--api-url=http://127.0.0.1:9/api/v1",
      "--close-milestone",
      "--format",
      "json",
      "--fail-on",
      "error",
    ]);
    expect(create.env).toEqual({ GITEA_TOKEN: FORGE_TOKEN, GITHUB_TOKEN: FORGE_TOKEN });
    expect(res("release create")).toMatchObject({
      changed: true,
      release_id: 42,
      release_url: "https://git.example.org/ops/gitops/releases/tag/m3-turn-complete",
    });

    expect(callOf("release check diff").argv).toContain("--dry-run");
    const preview = res("release check diff");
    expect(preview).toMatchObject({ changed: true, release_action: "would-update", release_id: 42 });
    expect(preview.diff).toEqual({
      before: "M3 old\n\nold notes\n",
      after: "M3: TURN complete\n\nTURN relay works.\n\n- feat: coturn\n",
      before_header: "release m3-turn-complete",
      after_header: "release m3-turn-complete",
    });
    const fresh = res("release check new");
    expect(callOf("release check new").argv).toEqual([
      "milestone-release",
      "--tag=m3-turn-complete",
      "--forge=gitea",
      "--milestone=M3",
      "--dir=.",
      "--dry-run",
      "--format",
      "json",
      "--fail-on",
      "error",
    ]);
    expect(fresh).toMatchObject({ changed: true, release_action: "would-create" });
    expect(fresh.release_url).toBeUndefined();
    expect((fresh.diff as { before: string }).before).toBe("");

    expect(callOf("release unchanged").argv).toEqual(
      expect.arrayContaining(["--pattern=m*-*-complete", "--draft", "--prerelease"]),
    );
    expect(res("release unchanged")).toMatchObject({ changed: false, release_action: "unchanged" });
    expect(res("release unchanged").diff).toBeUndefined(); // diff only in diff mode
  });

  it("finds the CLI at mxops_path or as `mxops` on PATH, and never fetches one with npx", () => {
    expect(res("exe path")).toMatchObject({ rc: 0, changed: false });
    expect(callOf("exe path").argv[0]).toBe("sops-check");
    expect((res("path lookup").cmd as string[])[0]).toBe(path.join(wrapperDir, "mxops"));
    expect(res("path lookup").rc).toBe(0);
    // npx is on PATH, mxops is not: the task fails and says what to do; nothing ran.
    const none = res("no cli");
    expect(none).toMatchObject({ failed: true, msg: "mxops not found: install it or set mxops_path" });
    expect(none.cmd).toBeUndefined();
    expect(calls.some((c) => c.label.startsWith("no cli"))).toBe(false);
  });

  it("a CLI that is missing or cannot start fails with a message that says so", () => {
    const missing = res("missing cli");
    expect(missing.failed).toBe(true);
    expect(missing.msg).toMatch(/mxops_path .*nope\/cli\.js: no such file/);
    expect(res("cannot exec")).toMatchObject({
      failed: true,
      msg: `mxops could not be started: ${noInterpreter}: No such file or directory`,
    });
    const env = res("env without node");
    expect(env).toMatchObject({ failed: true, rc: 127 });
    expect(env.msg).toMatch(/^mxops could not be started \(exit code 127\): .*mxops-test-no-such-node/);
    expect(res("missing chdir")).toMatchObject({
      failed: true,
      msg: `chdir ${path.join(ws.dir, "no-such-repo")}: not a directory`,
    });
    expect(calls.some((c) => c.label === "missing chdir")).toBe(false);
  });

  it("never shows a secret in the playbook output, the commands or the returned args", () => {
    for (const s of SECRETS) {
      expect(plain.stdout).not.toContain(s);
      expect(plain.stderr).not.toContain(s);
    }
    for (const c of calls) for (const s of SECRETS) expect(c.argv.join(" ")).not.toContain(s);
  });
});

describe("no_log with -vvv", () => {
  it("the secrets reach the CLI but appear nowhere in verbose output, also when the task fails", async () => {
    const vlog = path.join(ws.dir, "stub-verbose.jsonl");
    const tasks = [
      task("v sops", "sops_check", { age_key: AGE_KEY }, { scenario: "findings" }),
      task("v verify", "verify_config", { age_key: AGE_KEY }, { scenario: "usage" }),
      task("v invite", "invite", {
        email: "ada@example.org",
        mas_client_secret: MAS_SECRET,
        smtp_password: SMTP_PASSWORD,
        authentik_token: AUTHENTIK_TOKEN,
      }),
      task(
        "v release",
        "milestone_release",
        { tag: "m3-turn-complete", token: FORGE_TOKEN },
        { check_mode: true, diff: true },
      ),
    ];
    const v = await runPlaybook(ws, playbook(tasks), {
      env: { STUB_LOG: vlog },
      verbose: true,
      callback: "default",
      name: "verbose",
    });
    const out = v.stdout + v.stderr;
    expect(out).toContain("VALUE_SPECIFIED_IN_NO_LOG_PARAMETER");
    expect(out).toContain("--format");
    for (const s of SECRETS) expect(out).not.toContain(s);
    const seen = stubCalls(vlog).map((c) => c.env);
    expect(seen).toEqual([
      { SOPS_AGE_KEY: AGE_KEY },
      { SOPS_AGE_KEY: AGE_KEY },
      { MXOPS_MAS_CLIENT_SECRET: MAS_SECRET, AUTHENTIK_TOKEN: AUTHENTIK_TOKEN, MXOPS_SMTP_PASSWORD: SMTP_PASSWORD },
      { GITEA_TOKEN: FORGE_TOKEN, GITHUB_TOKEN: FORGE_TOKEN },
    ]);
  }, 120_000);
});

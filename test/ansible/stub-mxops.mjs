// A stand-in for the mxops CLI so the Ansible runner's argv/env building and exit-code mapping are tested
// independently of the tasks. It speaks the CLI contract: `--format json` report on stdout, exit 0/1 by
// --fail-on, exit 2 with one line on stderr. The scenario comes from STUB_SCENARIO (set per task with
// Ansible's `environment:`); every call is appended to STUB_LOG as JSON (argv and the secret env it saw).
import { appendFileSync } from "node:fs";

const SECRET_ENV = [
  "SOPS_AGE_KEY",
  "MXOPS_MAS_CLIENT_SECRET",
  "AUTHENTIK_TOKEN",
  "MXOPS_SMTP_PASSWORD",
  "MXOPS_SYNAPSE_ADMIN_TOKEN",
  "GITEA_TOKEN",
  "GITHUB_TOKEN",
];

const argv = process.argv.slice(2);
const scenario = process.env.STUB_SCENARIO ?? "clean";
if (process.env.STUB_LOG) {
  const env = Object.fromEntries(
    SECRET_ENV.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]),
  );
  appendFileSync(
    process.env.STUB_LOG,
    `${JSON.stringify({ argv, env, cwd: process.cwd(), label: process.env.STUB_LABEL ?? "" })}\n`,
  );
}

const task = argv[0];
// Value options come as --name=value from the runner; --format/--fail-on as two arguments.
const flag = (name) => {
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  if (eq !== undefined) return eq.slice(name.length + 1);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const failOn = flag("--fail-on") ?? "error";
const dryRun = argv.includes("--dry-run");

if (scenario === "usage") {
  process.stderr.write(`mxops: error: ${task}: --tag nope does not match the pattern m*-*-complete\n`);
  process.exit(2);
}
if (scenario === "crash") {
  process.stderr.write("mxops: internal error: kaboom\n");
  process.exit(3);
}
if (scenario === "warn")
  process.stderr.write("mxops: debug: noise\nmxops: warning: audit log has 1 unreadable line (skipped)\n");
if (scenario === "garbage") {
  process.stdout.write("this is not json\n");
  process.exit(0);
}
if (scenario === "other-json") {
  process.stdout.write('{"tool": "something-else", "findings": []}\n');
  process.exit(0);
}
// What a crash of the real CLI looks like: an uncaught error (Node prints the stack and exits 1), a CLI that
// exits 1 with neither a report nor a trace, and a kill by a signal (OOM killer, timeout).
if (scenario === "throw") throw new TypeError("Cannot read properties of undefined (reading 'findings')");
if (scenario === "exit1-silent") {
  process.stderr.write("Segmentation fault\n");
  process.exit(1);
}
if (scenario === "signal") {
  process.kill(process.pid, "SIGKILL");
  process.exit(99); // not reached: SIGKILL ends the process before kill() returns
}

const findings =
  scenario === "findings"
    ? [
        {
          ruleId: "sops/plaintext-value",
          severity: "error",
          message: "stringData.password is not encrypted",
          file: "apps/db/secret.yaml",
          line: 9,
          column: 13,
          keyPath: "stringData.password",
        },
        {
          ruleId: "sops/recipient-drift",
          severity: "warning",
          message: "extra recipient age1stale",
          file: "apps/db/secret.yaml",
          line: 20,
        },
      ]
    : scenario === "warning"
      ? [
          {
            ruleId: "ess/deprecated-key",
            severity: "warning",
            message: "synapse.foo is deprecated",
            file: "apps/matrix/hr.yaml",
            line: 4,
          },
        ]
      : [];
const counts = { error: 0, warning: 0, info: 0 };
for (const f of findings) counts[f.severity] += 1;
const report = { tool: "mxops", version: "0.0.0-stub", task, root: process.cwd(), findings, counts };

// Changing tasks: "clean" creates (or with --dry-run would), "update" changes an existing one, "unchanged" finds
// everything in place. Like the real CLI, a dry run reports changed=false and says what it would do in results.
if (task === "invite") {
  const wouldChange = scenario !== "unchanged" && !["list", "preflight"].includes(argv[1] ?? "");
  report.changed = wouldChange && !dryRun;
  report.results = {
    dryRun,
    rows: [{ email: flag("--email") ?? null, action: wouldChange ? (dryRun ? "would-send" : "sent") : "skipped" }],
  };
}
if (task === "milestone-release") {
  const exists = scenario === "update" || scenario === "unchanged";
  const action =
    scenario === "unchanged"
      ? "unchanged"
      : exists
        ? dryRun
          ? "would-update"
          : "updated"
        : dryRun
          ? "would-create"
          : "created";
  const release = {
    action,
    title: "M3: TURN complete",
    body: "TURN relay works.\n\n- feat: coturn\n",
    draft: false,
    prerelease: false,
  };
  if (exists || !dryRun)
    Object.assign(release, { id: 42, url: "https://git.example.org/ops/gitops/releases/tag/m3-turn-complete" });
  if (scenario === "update") release.previous = { title: "M3 old", body: "old notes" };
  report.changed = action === "created" || action === "updated";
  report.results = { tag: flag("--tag"), dryRun, release, commits: 1, outputs: {} };
}

process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const rank = { error: 0, warning: 1, info: 2 };
const fails = failOn !== "never" && findings.some((f) => rank[f.severity] <= rank[failOn]);
process.exit(fails ? 1 : 0);

// A real kill: the CLI runs a batch in a child process and is SIGKILLed while invites are being created and
// mailed; the rerun must leave exactly one live, mailed invite per recipient (whatever the kill point was).
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { bundleEntry } from "../../helpers/bundle.js";
import { CLIENT_SECRET, SMTP_PASSWORD, startStack, type Stack } from "./harness.js";

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
// Tolerates a failed beforeAll: then there is no stack to stop.
afterAll(async () => {
  await s?.stop();
});

const N = 24;

function runCli(
  cli: string,
  args: string[],
  killWhen?: () => boolean,
): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH, MXOPS_MAS_CLIENT_SECRET: CLIENT_SECRET, MXOPS_SMTP_PASSWORD: SMTP_PASSWORD },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const timer = killWhen ? setInterval(() => killWhen() && child.kill("SIGKILL"), 1) : undefined;
    child.on("exit", (code, signal) => {
      if (timer) clearInterval(timer);
      resolve({ code, signal, stdout });
    });
  });
}

describe("invite batch killed with SIGKILL", () => {
  it("reruns to exactly one live, mailed invite per recipient", async () => {
    const cli = await bundleEntry("bin");
    // Real clock: the child process cannot share the test's fixed one.
    s.clock.now = new Date();
    Object.defineProperty(s.clock, "now", { get: () => new Date(), set: () => undefined, configurable: true });
    const list = path.join(s.dir, "list.csv");
    writeFileSync(list, ["email", ...Array.from({ length: N }, (_, i) => `k${i}@example.org`)].join("\n"));
    const config = path.join(s.dir, "mxops.yaml");
    writeFileSync(config, YAML.stringify({ invite: s.raw }));
    const args = ["invite", "batch", list, "--config", config, "--concurrency", "4", "--format", "json"];
    const first = await runCli(cli, args, () => s.mas.tokens.size >= N / 2);
    expect(first.signal).toBe("SIGKILL");
    expect(s.smtp.mails.length).toBeLessThan(N);
    const second = await runCli(cli, args);
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout) as { results: { summary: { failed: number } } };
    expect(report.results.summary.failed).toBe(0);
    const valid = s.mas.validTokens();
    expect(valid).toHaveLength(N);
    // Each valid token went out in exactly one mail, to a distinct recipient.
    const owners = valid.map((t) => s.smtp.mails.filter((m) => m.text.includes(t.token)).map((m) => m.to[0]));
    expect(owners.every((o) => o.length === 1)).toBe(true);
    expect(new Set(owners.map((o) => o[0])).size).toBe(N);
    expect(s.mas.violations).toEqual([]);
  });
});

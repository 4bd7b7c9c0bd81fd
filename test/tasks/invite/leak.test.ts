// Every command in every format through the real CLI edge: no token text, client secret, SMTP password, API token
// or admin access token may appear in stdout, stderr, the report file, or the audit log.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { cli, type CliRun } from "../../helpers/cli.js";
import { allStarted, startSynapse, SYNAPSE_HOOK_TIMEOUT_MS, type Synapse } from "../../helpers/synapse.js";
import { AUTHENTIK_TOKEN, CLIENT_SECRET, SMTP_PASSWORD, startStack, type Stack } from "./harness.js";

let stack: Stack | undefined;
// A real Synapse for onboard: its admin join API, a room to join, and the users who signed up.
let hs: Synapse | undefined;
let SYNAPSE_TOKEN = "";
beforeAll(async () => {
  await allStarted([startStack().then((x) => (stack = x)), startSynapse().then((x) => (hs = x))]);
  const synapse = hs!; // allStarted threw if it did not start
  SYNAPSE_TOKEN = synapse.admin.accessToken;
  await synapse.createRoom(synapse.admin, { alias: "welcome", public: true });
  await Promise.all([synapse.register("ada"), synapse.register("bob")]);
}, SYNAPSE_HOOK_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all([hs?.stop(), stack?.stop()]);
});

describe("invite leak test", () => {
  it("keeps every secret out of every output, format and file", async () => {
    const s = stack!;
    const env = {
      MXOPS_MAS_CLIENT_SECRET: CLIENT_SECRET,
      AUTHENTIK_TOKEN,
      MXOPS_SMTP_PASSWORD: SMTP_PASSWORD,
      MXOPS_SYNAPSE_ADMIN_TOKEN: SYNAPSE_TOKEN,
    };
    const runs: CliRun[] = [];
    const files: string[] = [];
    // One audit log per format so the four formats run in parallel without contending for the lock.
    await Promise.all(
      ["text", "json", "sarif", "github"].map(async (format) => {
        const config = path.join(s.dir, `mxops-${format}.yaml`);
        writeFileSync(
          config,
          YAML.stringify({
            invite: {
              ...s.raw,
              audit_log: `audit-${format}.jsonl`,
              synapse: {
                url: hs!.url,
                rooms: ["#welcome:example.org"],
              },
            },
          }),
        );
        const list = path.join(s.dir, `list-${format}.csv`);
        writeFileSync(
          list,
          `email,name\nl1-${format}@example.org,L1\nl2-${format}@example.org,L2\nreject-${format}@example.org,R\n`,
        );
        s.smtp.reject.add(`reject-${format}@example.org`);
        const run = async (args: string[], e: Record<string, string> = env) => {
          const r = await cli(["invite", ...args, "--config", config, "--verbose"], e);
          runs.push(r);
          return r;
        };
        const f = ["--format", format];
        const ada = `ada-${format}@example.org`;
        const l1 = `l1-${format}@example.org`;
        expect((await run(["preflight", ...f])).code).toBe(0);
        expect((await run(["send", "--email", ada, "--name", "Ada", ...f])).code).toBe(0);
        expect((await run(["send", "--email", ada, "--resend", ...f])).code).toBe(0);
        expect(
          (await run(["send", "--email", `ak-${format}@example.org`, "--backend", "authentik", "--lang", "en", ...f]))
            .code,
        ).toBe(0);
        expect((await run(["batch", list, ...f])).code).toBe(1);
        expect((await run(["batch", list, "--dry-run", ...f])).code).toBe(0);
        expect((await run(["list", ...f])).code).toBe(0);
        expect((await run(["list", "--status", "sent", ...f])).code).toBe(0);
        expect((await run(["status", ...f])).code).toBe(0);
        expect((await run(["revoke", l1, ...f])).code).toBe(0);
        expect((await run(["unrevoke", l1, ...f])).code).toBe(0);
        expect((await run(["extend", l1, "--expires", "14d", ...f])).code).toBe(0);
        expect((await run(["onboard", "@ada:example.org", ...f])).code).toBe(0);
        expect(
          (
            await run(["onboard", "@bob:example.org", ...f], {
              ...env,
              MXOPS_SYNAPSE_ADMIN_TOKEN: `${SYNAPSE_TOKEN}-wrong`,
            })
          ).code,
        ).toBe(1);
        expect((await run(["onboard", "not-a-user", ...f])).code).toBe(2);
        const out = path.join(s.dir, `report-${format}.out`);
        files.push(out, path.join(s.dir, `audit-${format}.jsonl`));
        expect((await run(["status", ...f, "--output", out])).code).toBe(0);
        // Failures of mxops itself: a wrong secret, a wrong API token.
        expect(
          (
            await run(["send", "--email", "x@example.org", ...f], {
              ...env,
              MXOPS_MAS_CLIENT_SECRET: `${CLIENT_SECRET}-wrong`,
            })
          ).code,
        ).toBe(2);
        expect(
          (
            await run(["send", "--email", "x@example.org", "--backend", "authentik", ...f], {
              ...env,
              AUTHENTIK_TOKEN: `${AUTHENTIK_TOKEN}-wrong`,
            })
          ).code,
        ).toBe(2);
      }),
    );
    const secrets = new Set<string>([CLIENT_SECRET, SMTP_PASSWORD, AUTHENTIK_TOKEN, SYNAPSE_TOKEN]);
    for (const t of s.mas.tokens.values()) secrets.add(t.token);
    for (const req of s.mas.requests) {
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
      if (bearer) secrets.add(bearer);
    }
    for (const req of s.authentik.requests) {
      const m = /\/invitations\/([0-9a-f-]{36})\//.exec(req.path);
      if (m) secrets.add(m[1]);
    }
    // Invitations created (their uuids are the itoken credentials).
    for (const line of s.smtp.mails.map((m) => m.text)) {
      const m = /itoken=([0-9a-f-]{36})/.exec(line);
      if (m) secrets.add(m[1]);
    }
    expect(s.mas.tokens.size).toBeGreaterThan(4);
    expect([...secrets].length).toBeGreaterThan(10);
    const outputs = [...runs.flatMap((r) => [r.stdout, r.stderr]), ...files.map((f) => readFileSync(f, "utf8"))];
    const all = outputs.join("\n");
    for (const secret of secrets) {
      expect(all.includes(secret), `secret ${secret.slice(0, 3)}… leaked`).toBe(false);
      expect(all.includes(encodeURIComponent(secret))).toBe(false);
    }
    // The tokens did go out where they belong: in the mail bodies.
    const mailBodies = s.smtp.mails.map((m) => m.text).join("\n");
    expect(
      [...s.mas.tokens.values()].filter((t) => t.revoked_at === null).some((t) => mailBodies.includes(t.token)),
    ).toBe(true);
    // And the error lines are one line each.
    for (const r of runs.filter((x) => x.code === 2))
      expect(
        r.stderr
          .trim()
          .split("\n")
          .filter((l) => l.startsWith("mxops: error")).length,
      ).toBe(1);
  });
});

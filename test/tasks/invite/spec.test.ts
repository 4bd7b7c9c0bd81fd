import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mapInputs } from "../../../src/action.js";
import { defaultDeps } from "../../../src/core/deps.js";
import { Redactor } from "../../../src/core/redact.js";
import { parseTaskArgv } from "../../../src/edge.js";
import { checkServiceUrl, parseConfig, parseExpiry } from "../../../src/tasks/invite/config.js";
import { spec } from "../../../src/tasks/invite/spec.js";
import { cli } from "../../helpers/cli.js";
import { tempDir } from "../../helpers/tmp.js";

const dir = tempDir("invite-spec");
writeFileSync(
  path.join(dir, "mxops.yaml"),
  [
    "invite:",
    "  backend: mas",
    "  mas: { url: 'https://account.example.org/', client_id: 01JV0000000000000000000001 }",
    "  smtp: { host: mail.example.org, port: 587, secure: starttls, user: invites }",
    "  mail: { from: invites@example.org }",
    "  audit_log: state/audit.jsonl",
    "  lang: en",
  ].join("\n"),
);
writeFileSync(path.join(dir, "secret.txt"), "from-a-file\n");

async function options(argv: string[], env: Record<string, string> = {}) {
  const redactor = new Redactor();
  const { values, positionals } = parseTaskArgv(spec, argv);
  const o = await spec.toOptions({ values, positionals, env, cwd: dir }, defaultDeps({ redactor, cwd: dir }));
  return { o, redactor };
}

describe("invite spec", () => {
  it("parses subcommands, flags, config and secrets (env or *_FILE), registering secrets", async () => {
    const { o, redactor } = await options(
      ["send", "--email", "a@b.org", "--name", "A B", "--expires", "14d", "--lang", "de", "--dry-run"],
      {
        MXOPS_MAS_CLIENT_SECRET_FILE: "secret.txt",
        MXOPS_SMTP_PASSWORD: "smtp-pass-123",
      },
    );
    expect(o).toMatchObject({
      command: "send",
      recipient: { email: "a@b.org", name: "A B" },
      expires: "14d",
      lang: "de",
      dryRun: true,
      uses: 1,
      concurrency: 4,
    });
    expect(o.secrets).toEqual({ masClientSecret: "from-a-file", smtpPassword: "smtp-pass-123" });
    expect(o.config.auditLog).toBe(path.join(dir, "state/audit.jsonl"));
    expect(o.config.mas?.registrationUrl).toBe("https://account.example.org/register");
    expect(redactor.redact("x from-a-file smtp-pass-123")).toBe("x *** ***");
    expect((await options(["batch", "list.csv", "--concurrency", "8"])).o).toMatchObject({
      command: "batch",
      listFile: "list.csv",
      concurrency: 8,
    });
    expect((await options(["extend", "a@b.org", "--expires", "2w"])).o).toMatchObject({
      target: "a@b.org",
      expires: "2w",
    });
    expect((await options(["onboard", "@a:b.org"])).o).toMatchObject({ userId: "@a:b.org" });
    expect((await options(["list", "--status", "used"])).o).toMatchObject({ statusFilter: "used" });
    expect((await options(["preflight", "--ca-file", "ca.pem"])).o.config.caFile).toBe(path.join(dir, "ca.pem"));
  });

  it("rejects bad usage with one-line errors", async () => {
    await expect(options([])).rejects.toMatchObject({ code: "MXOPS_USAGE" });
    await expect(options(["send"])).rejects.toThrow(/needs --email/);
    await expect(options(["batch"])).rejects.toThrow(/exactly one list file/);
    await expect(options(["extend", "a@b.org"])).rejects.toThrow(/needs --expires/);
    expect((await options(["extend", "a@b.org", "--uses", "3"])).o).toMatchObject({ usageLimit: 3 });
    await expect(options(["list", "--status", "nope"])).rejects.toThrow(/--status must be/);
    await expect(options(["send", "--email", "a@b.org", "--uses", "0"])).rejects.toThrow(/--uses/);
    await expect(options(["send", "--email", "a@b.org", "--backend", "x"])).rejects.toThrow(/--backend/);
    await expect(options(["list", "--config", "missing.yaml"])).rejects.toMatchObject({ code: "MXOPS_INPUT" });
    const r = await cli(["invite", "send"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("allows plain http only for loopback hosts and unencrypted SMTP only on loopback", () => {
    expect(checkServiceUrl("http://127.0.0.1:8080", "x")).toBe("http://127.0.0.1:8080/");
    expect(checkServiceUrl("http://localhost:8080/", "x")).toBe("http://localhost:8080/");
    expect(() => checkServiceUrl("http://account.example.org", "invite.mas.url")).toThrow(/must use https/);
    expect(() => parseConfig({ smtp: { host: "mail.example.org", secure: "none" } }, dir)).toThrow(
      /only allowed for loopback/,
    );
    expect(() =>
      parseConfig(
        { mas: { url: "https://a.example.org", client_id: "x", client_auth_method: "private_key_jwt" } },
        dir,
      ),
    ).toThrow(/client_auth_method/);
    expect(parseConfig({}, dir)).toMatchObject({ backend: "mas", lang: "de", expires: "7d", unknownKeys: [] });
    expect(
      parseConfig({ smtp: { host: "127.0.0.1", hots: "x" }, mail: { sender: "a@b.org" }, registration: true }, dir)
        .unknownKeys,
    ).toEqual(["invite.registration", "invite.smtp.hots", "invite.mail.sender"]);
  });

  it("warns about unknown settings on every command (invite/unknown-config-key)", async () => {
    const { runInvite } = await import("../../../src/tasks/invite/index.js");
    const config = parseConfig(
      { audit_log: "none.jsonl", smtp: { host: "127.0.0.1", secure: "none", pasword: "x" } },
      dir,
    );
    const r = await runInvite(
      { command: "list", config, secrets: {}, uses: 1, concurrency: 1, resend: false, dryRun: false },
      defaultDeps({ cwd: dir }),
    );
    expect(r.findings.filter((f) => f.ruleId === "invite/unknown-config-key")).toMatchObject([
      { severity: "warning", keyPath: "invite.smtp.pasword" },
    ]);
    const clean = await runInvite(
      {
        command: "list",
        config: parseConfig({ audit_log: "none.jsonl" }, dir),
        secrets: {},
        uses: 1,
        concurrency: 1,
        resend: false,
        dryRun: false,
      },
      defaultDeps({ cwd: dir }),
    );
    expect(clean.findings.some((f) => f.ruleId === "invite/unknown-config-key")).toBe(false);
  });

  it("parses expiry durations and dates", () => {
    const now = new Date("2026-11-26T10:00:00Z");
    expect(parseExpiry("7d", now).toISOString()).toBe("2026-12-03T10:00:00.000Z");
    expect(parseExpiry("36h", now).toISOString()).toBe("2026-11-27T22:00:00.000Z");
    expect(parseExpiry("2w", now).toISOString()).toBe("2026-12-10T10:00:00.000Z");
    expect(parseExpiry("2027-01-01T00:00:00Z", now).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(() => parseExpiry("2020-01-01", now)).toThrow(/in the past/);
    expect(() => parseExpiry("soon", now)).toThrow(/duration/);
  });

  it("maps Action inputs: subcommand and list as positionals, secrets to env and masked", () => {
    const inputs: Record<string, string> = {
      "invite-command": "batch",
      "invite-list": "invites.csv",
      "dry-run": "true",
      "invite-backend": "authentik",
      "mas-client-secret": "s3cret-value",
      "smtp-password": "pw-value",
    };
    const masked: string[] = [];
    const { argv, env } = mapInputs(
      spec.actionInputs!,
      { getInput: (n) => inputs[n] ?? "", setSecret: (s) => masked.push(s) },
      spec.options,
    );
    expect(argv).toEqual(["--backend=authentik", "--dry-run", "--", "batch", "invites.csv"]);
    expect(env).toEqual({ MXOPS_MAS_CLIENT_SECRET: "s3cret-value", MXOPS_SMTP_PASSWORD: "pw-value" });
    expect(masked).toEqual(["s3cret-value", "pw-value"]);
  });
});

describe("invite lists", () => {
  it("reads ';'-separated CSV with quotes and a BOM, refuses huge files and lists without an email column", async () => {
    const { readInviteList, MAX_LIST_BYTES } = await import("../../../src/tasks/invite/recipients.js");
    writeFileSync(
      path.join(dir, "semi.csv"),
      '\uFEFFName;EMAIL;lang\n"Müller; Anna";anna@example.org;de\n# comment\n\nBob;bob@example.org;en\n',
    );
    expect(await readInviteList("semi.csv", dir)).toEqual([
      { line: 2, recipient: { email: "anna@example.org", name: "Müller; Anna", lang: "de" } },
      { line: 5, recipient: { email: "bob@example.org", name: "Bob", lang: "en" } },
    ]);
    writeFileSync(path.join(dir, "noemail.csv"), "name\nx\n");
    await expect(readInviteList("noemail.csv", dir)).rejects.toThrow(/needs an `email` column/);
    writeFileSync(path.join(dir, "huge.csv"), Buffer.alloc(MAX_LIST_BYTES + 1, 0x61));
    await expect(readInviteList("huge.csv", dir)).rejects.toMatchObject({
      code: "MXOPS_INPUT",
      message: expect.stringMatching(/larger than 16 MB/) as string,
    });
    writeFileSync(
      path.join(dir, "bomb.yaml"),
      `a: &a ["x@example.org","x@example.org"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ninvites: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`,
    );
    await expect(readInviteList("bomb.yaml", dir)).rejects.toMatchObject({ code: "MXOPS_INPUT" });
  });
});

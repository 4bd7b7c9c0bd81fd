import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderTemplate } from "../../../src/tasks/invite/mail/render.js";
import { MailError, mapMailError } from "../../../src/tasks/invite/mail/mailer.js";
import { rows, startStack, SMTP_PASSWORD, type Stack } from "./harness.js";

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
beforeEach(() => s.reset());
// Every request mxops sent and every answer the fakes gave matched the OpenAPI documents.
afterEach(() => {
  expect(s.mas.violations).toEqual([]);
  expect(s.authentik.violations).toEqual([]);
});
// Tolerates a failed beforeAll: then there is no stack to stop.
afterAll(async () => {
  await s?.stop();
});

const tokenText = () => [...s.mas.tokens.values()].at(-1)!.token;

describe("invite mail", () => {
  it("sends German multipart text+HTML by default, with sender, reply-to and the token only in the bodies", async () => {
    await s.run("send", { recipient: { email: "anna@example.org", name: "Anna Müller" } });
    const m = s.smtp.mails[0];
    const token = tokenText();
    expect(m.headers.subject).toMatch(/^Deine Einladung zu /);
    expect(m.headers["content-language"]).toBe("de");
    expect(m.headers.from).toContain("invites@example.org");
    expect(m.headers["reply-to"]).toBe("admins@example.org");
    expect(m.headers.to).toContain("anna@example.org");
    expect(m.headers["content-type"]).toMatch(/^multipart\/alternative/);
    expect(m.text).toContain("Hallo Anna Müller");
    expect(m.text).toContain(token);
    expect(m.text).toContain("/register");
    expect(m.text).toMatch(/gültig bis \d+\. Dezember 2026/);
    expect(m.html).toContain(`<code>${token}</code>`);
    expect(m.html).toContain('lang="de"');
    const headerBlock = m.raw.split(/\r?\n\r?\n/)[0];
    expect(headerBlock).not.toContain(token);
    // One login for the up-front verify(), one for the pooled connection that sent the mail.
    expect(s.smtp.authAttempts).toBe(2);
    expect(s.smtp.mails[0].raw).not.toContain(SMTP_PASSWORD);
  });

  it("uses English per option or per row, a configured subject, and a link template with the URL-encoded token", async () => {
    s.raw.link_template = "https://chat.example.org/invite/?token={token}";
    s.raw.mail = { ...(s.raw.mail as object), subject: { en: "Join us at {{site}}" }, site_name: "aXion1337.Chat" };
    await s.run("send", { recipient: { email: "bo@example.org" }, lang: "en" });
    const m = s.smtp.mails[0];
    expect(m.headers.subject).toBe("Join us at aXion1337.Chat");
    expect(m.headers["content-language"]).toBe("en");
    expect(m.text).toContain("Hello bo,");
    expect(m.text).toContain(`https://chat.example.org/invite/?token=${encodeURIComponent(tokenText())}`);
  });

  it("takes template overrides from a directory, and never puts the token into the subject", async () => {
    s.raw.mail = { ...(s.raw.mail as object), templates_dir: path.resolve("test/fixtures/invite/templates") };
    await s.run("send", { recipient: { email: "cy@example.org", name: "Cy" }, lang: "en" });
    const m = s.smtp.mails[0];
    expect(m.text.trim()).toMatch(/^Custom hello Cy\. Code: \w+\. Link: http/);
    expect(m.headers.subject?.trim()).toMatch(/^Welcome to .*, Cy$/);
    // The HTML part falls back to the shipped English template.
    expect(m.html).toContain("Hello Cy");
  });

  it("revokes the token and fails the row when SMTP rejects the recipient", async () => {
    s.smtp.reject.add("nope@example.org");
    const r = await s.run("send", { recipient: { email: "nope@example.org" } });
    expect(r.counts.error).toBe(1);
    expect(rows(r)[0]).toMatchObject({ action: "failed", reason: "mail-rejected" });
    expect(r.findings[0].message).toMatch(/recipient or sender rejected \(SMTP 550\); the invite was revoked/);
    const t = [...s.mas.tokens.values()][0];
    expect(t.revoked_at).not.toBeNull();
    expect(s.mas.validTokens()).toHaveLength(0);
    const last = JSON.parse((await s.auditText()).trim().split("\n").at(-1)!) as { revokedAt?: string };
    expect(last).toMatchObject({ status: "failed", reason: "mail-rejected", id: t.id });
    expect(last.revokedAt).toBeTruthy();
    // The next run starts clean: nothing to clean up, a fresh invite.
    s.smtp.reject.clear();
    const again = await s.run("send", { recipient: { email: "nope@example.org" } });
    expect(rows(again)[0]).toMatchObject({ action: "sent", cleaned: 0 });
  });

  it("checks SMTP before creating anything: a wrong password stops the run with mail-auth, no server text", async () => {
    const o = s.options("send", { recipient: { email: "dee@example.org" } });
    o.secrets = { ...o.secrets, smtpPassword: "wrong-smtp-pass" };
    const e = await (
      await import("../../../src/tasks/invite/index.js")
    )
      .runInvite(o, s.deps)
      .catch((x: unknown) => x as MailError);
    expect(e).toMatchObject({ code: "MXOPS_AUTH", reason: "mail-auth" });
    expect((e as Error).message).toMatch(/authentication failed \(SMTP 535\); check smtp.user and MXOPS_SMTP_PASSWORD/);
    expect((e as Error).message).not.toMatch(/Invalid username/);
    expect(s.mas.tokens.size).toBe(0);
  });

  it("stops creating invites once SMTP is down mid-batch; the rerun completes", async () => {
    const { writeFileSync } = await import("node:fs");
    const list = path.join(s.dir, "list.csv");
    writeFileSync(list, ["email", ...Array.from({ length: 6 }, (_, i) => `m${i}@example.org`)].join("\n"));
    let sent = 0;
    const flaky = {
      verify: () => Promise.resolve(undefined),
      send: () => {
        if (++sent >= 3) return Promise.reject(new MailError("mail-connection", "SMTP 127.0.0.1:25: cannot connect"));
        return Promise.resolve({ messageId: `<m${sent}@example.org>` });
      },
      close: () => undefined,
    };
    const o = s.options("batch", { listFile: list, concurrency: 1 });
    o.runtime!.mailer = flaky;
    const r = await (await import("../../../src/tasks/invite/index.js")).runInvite(o, s.deps);
    expect(rows(r).map((x) => x.action)).toEqual(["sent", "sent", "failed", "failed", "failed", "failed"]);
    expect(rows(r)[3].message).toMatch(/^not attempted: SMTP/);
    expect(s.mas.tokens.size).toBe(3);
    expect(s.mas.validTokens()).toHaveLength(2);
    const again = await s.run("batch", { listFile: list });
    expect(rows(again).map((x) => x.action)).toEqual(["skipped", "skipped", "sent", "sent", "sent", "sent"]);
    expect(s.mas.validTokens()).toHaveLength(6);
  });

  it("keeps line breaks in names out of the headers", async () => {
    await s.run("send", { recipient: { email: "eve@example.org", name: "Eve\r\nBcc: evil@example.org" } });
    const m = s.smtp.mails[0];
    expect(m.to).toEqual(["eve@example.org"]);
    expect(m.headers.bcc).toBeUndefined();
    expect(m.headers.to).toContain("Eve Bcc: evil@example.org");
  });

  it("maps nodemailer error codes at one boundary", () => {
    expect(mapMailError({ code: "ECONNECTION" }, "SMTP h:1").reason).toBe("mail-connection");
    expect(mapMailError({ code: "ETLS" }, "SMTP h:1").reason).toBe("mail-tls");
    expect(mapMailError({ code: "ETIMEDOUT" }, "SMTP h:1").reason).toBe("mail-timeout");
    expect(mapMailError({ responseCode: 552 }, "SMTP h:1").message).toBe(
      "SMTP h:1: server refused the message (SMTP 552)",
    );
  });

  it("renders sections, escapes HTML and blanks unknown keys", () => {
    const ctx = { name: "<b>", email: "e", site: "s", link: "l", token: "", expires: "x", registrationUrl: "r" };
    expect(renderTemplate("{{#token}}T{{/token}}{{^token}}N{{/token}} {{name}} {{nope}}!", ctx, true)).toBe(
      "N &lt;b&gt; !",
    );
  });
});

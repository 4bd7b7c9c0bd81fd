// TLS with a private CA: SMTP over implicit TLS and STARTTLS, and the MAS Admin API over https. Verification is
// always on; `ca_file` makes it pass.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDeps } from "../../../src/core/deps.js";
import { parseConfig } from "../../../src/tasks/invite/config.js";
import { InviteContext } from "../../../src/tasks/invite/context.js";
import { createSmtpSender, type MailError } from "../../../src/tasks/invite/mail/mailer.js";
import https from "node:https";
import http from "node:http";
import { rows, startStack, type Stack } from "./harness.js";
import { tempDir } from "../../helpers/tmp.js";
import { opensslCli } from "../../helpers/tools.js";

let dir: string;
let ca: string;
const servers: SMTPServer[] = [];
const received: string[] = [];

function openssl(...args: string[]) {
  execFileSync(opensslCli(), args, { cwd: dir, stdio: "ignore" });
}

async function start(secure: boolean): Promise<number> {
  const server = new SMTPServer({
    secure,
    key: readFileSync(path.join(dir, "server.key")),
    cert: readFileSync(path.join(dir, "server.crt")),
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, cb) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        received.push(`${secure ? "tls" : "starttls"}:${session.secure}`);
        cb();
      });
    },
  });
  // The client hanging up on an untrusted certificate is an error on the server side; expected here.
  server.on("error", () => undefined);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return (server.server.address() as AddressInfo).port;
}

beforeAll(() => {
  dir = tempDir("smtp-tls");
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "2",
    "-subj",
    "/CN=mxops test CA",
  );
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=127.0.0.1",
  );
  writeFileSync(path.join(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.crt",
    "-days",
    "2",
    "-extfile",
    "ext.cnf",
  );
  ca = readFileSync(path.join(dir, "ca.crt"), "utf8");
});

// The temp dir is a tempDir(), removed after the file also when beforeAll failed.
afterAll(async () => {
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
});

const mail = {
  from: "a@example.org",
  to: { address: "b@example.org" },
  subject: "s",
  text: "t",
  html: "<p>t</p>",
  lang: "en",
};

describe("SMTP TLS", () => {
  it("sends over implicit TLS and STARTTLS when the private CA is trusted", async () => {
    const tls = await start(true);
    const starttls = await start(false);
    const a = createSmtpSender({ host: "127.0.0.1", port: tls, secure: "tls", ca });
    await a.verify();
    await a.send(mail);
    a.close();
    const b = createSmtpSender({ host: "127.0.0.1", port: starttls, secure: "starttls", ca });
    await b.send(mail);
    b.close();
    expect(received).toEqual(["tls:true", "starttls:true"]);
  });

  it("refuses an untrusted certificate (verification is never off) and maps it to mail-tls", async () => {
    const tls = await start(true);
    const a = createSmtpSender({ host: "127.0.0.1", port: tls, secure: "tls", timeoutMs: 3000 });
    const e = (await a.verify().catch((x: unknown) => x)) as MailError;
    a.close();
    expect(e.reason).toBe("mail-tls");
    expect(e.message).toMatch(/TLS failed/);
  });

  it("reads ca_file from the config for the mailer", async () => {
    const port = await start(false);
    writeFileSync(path.join(dir, "mxops-ca.pem"), ca);
    const config = parseConfig(
      {
        smtp: { host: "127.0.0.1", port, secure: "starttls" },
        mail: { from: "a@example.org" },
        ca_file: "mxops-ca.pem",
      },
      dir,
    );
    const ctx = new InviteContext(config, {}, defaultDeps({ cwd: dir }));
    await (await ctx.mailer()).verify();
    ctx.close();
  });
});

describe("MAS Admin API over https", () => {
  let stack: Stack;
  let proxy: https.Server;
  beforeAll(async () => {
    stack = await startStack();
    const target = new URL(stack.mas.url);
    // A TLS-terminating proxy in front of the MAS fake, with a certificate from the private CA.
    proxy = https.createServer(
      { key: readFileSync(path.join(dir, "server.key")), cert: readFileSync(path.join(dir, "server.crt")) },
      (req, res) => {
        const up = http.request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (r) => {
            res.writeHead(r.statusCode ?? 502, r.headers);
            r.pipe(res);
          },
        );
        req.pipe(up);
      },
    );
    proxy.on("tlsClientError", () => undefined);
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    writeFileSync(path.join(dir, "ca-for-mas.pem"), ca);
  });
  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
    await stack?.stop();
  });

  it("trusts the private CA from ca_file and refuses the certificate without it", async () => {
    const url = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}/`;
    stack.raw.mas = { ...(stack.raw.mas as object), url };
    await expect(stack.run("send", { recipient: { email: "tls@example.org" } })).rejects.toMatchObject({
      code: "MXOPS_HTTP",
      message: expect.stringMatching(/certificate/i) as string,
    });
    expect(stack.mas.tokens.size).toBe(0);
    stack.raw.ca_file = path.join(dir, "ca-for-mas.pem");
    expect(rows(await stack.run("send", { recipient: { email: "tls@example.org" } }))[0]).toMatchObject({
      action: "sent",
    });
    expect(stack.mas.tokens.size).toBe(1);
  });
});

// Hostile and careless network peers: credentials never go over plain http to a non-loopback host (also when the
// URL came from a discovery document), a server dripping bytes cannot hold a request past its deadline, a huge
// answer is cut off at the call's cap, and a failed notification never changes the exit code. Every server
// listens on 127.0.0.1 only and stops itself; names like matrix.example.org reach it through --resolve-style
// mappings, so a request that were sent would arrive — the servers assert that nothing does.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultDeps } from "../../src/core/deps.js";
import { createHttpClient, isLoopbackHost } from "../../src/core/http.js";
import { Redactor } from "../../src/core/redact.js";
import { makeReport } from "../../src/core/report.js";
import { AuthentikBackend } from "../../src/tasks/invite/authentik/backend.js";
import { MasTokenSource } from "../../src/tasks/invite/mas/token.js";
import { connectForge } from "../../src/tasks/milestone-release/connect.js";
import type { MilestoneReleaseOptions } from "../../src/tasks/milestone-release/options.js";
import { ProbeContext } from "../../src/tasks/verify-config/live/context.js";
import { notifyMatrix } from "../../src/notify/matrix.js";
import { cli } from "../helpers/cli.js";

interface Served {
  port: number;
  origin: string;
  /** Requests that reached the server (method and path). */
  seen: string[];
  /** Bytes of body written by the streaming handlers. */
  sent: () => number;
  /** True once the client closed a streaming response early. */
  cutOff: () => boolean;
}

const servers: http.Server[] = [];
const timers: NodeJS.Timeout[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of timers.splice(0)) clearInterval(t);
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, s: Served) => void;

async function serve(handler: Handler): Promise<Served> {
  let sent = 0;
  let cut = false;
  const served: Served = {
    port: 0,
    origin: "",
    seen: [],
    sent: () => sent,
    cutOff: () => cut,
  };
  const server = http.createServer((req, res) => {
    served.seen.push(`${req.method} ${req.url}`);
    res.on("close", () => {
      if (!res.writableFinished) cut = true;
    });
    const write = res.write.bind(res) as (c: Buffer | string) => boolean;
    res.write = ((c: Buffer | string) => {
      sent += Buffer.byteLength(c);
      return write(c);
    }) as typeof res.write;
    handler(req, res, served);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  served.port = (server.address() as AddressInfo).port;
  served.origin = `http://127.0.0.1:${served.port}`;
  return served;
}

/** Headers at once, then one byte every 20 ms; stops by itself after `max` bytes (so at most ~max·20 ms). */
const drip =
  (max = 150): Handler =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    let n = 0;
    const t = setInterval(() => {
      if (res.destroyed || n >= max) {
        clearInterval(t);
        if (!res.destroyed) res.end();
        return;
      }
      n++;
      res.write(" ");
    }, 20);
    timers.push(t);
  };

/** Streams 64 KiB chunks (no Content-Length) until the client hangs up, or 64 MiB at most. */
const flood: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let left = 1024;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      left--;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
};

const json =
  (status: number, body: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

const quickClient = (extra: Parameters<typeof createHttpClient>[0] = {}) =>
  createHttpClient({ sleep: async () => {}, retries: 0, ...extra });

const report = makeReport("sops-check", []);

describe("credentials only over https or to loopback", () => {
  it("loopback means 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost — nothing else", () => {
    for (const h of ["127.0.0.1", "127.200.1.1", "[::1]", "::1", "localhost", "LOCALHOST", "[::ffff:7f00:1]"])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ["10.0.0.1", "192.168.1.1", "example.org", "localhost.example.org", "[::ffff:a00:1]", "0.0.0.0"])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it("refuses a bearer token to http://<name> although the name would reach a local server", async () => {
    const s = await serve(json(200, { ok: true }));
    const resolve = { [`matrix.example.org:${s.port}`]: "127.0.0.1" };
    const client = quickClient({ resolve });
    const url = `http://matrix.example.org:${s.port}/_matrix/client/versions`;
    await expect(client.request({ url, headers: { authorization: "Bearer s3cret" } })).rejects.toMatchObject({
      code: "MXOPS_CONFIG",
      message: expect.stringMatching(
        /refusing to send credentials to http:\/\/matrix\.example\.org:\d+ over plain http/,
      ) as string,
    });
    await expect(client.request({ method: "POST", url, body: "{}" })).rejects.toMatchObject({ code: "MXOPS_CONFIG" });
    await expect(client.fetch(url, { headers: { cookie: "a=b" } })).rejects.toMatchObject({ code: "MXOPS_CONFIG" });
    expect(s.seen).toEqual([]);
    // The same mapping does reach the server for a request without credentials, and over loopback http.
    expect((await client.request({ url })).status).toBe(200);
    expect((await client.request({ url: `${s.origin}/x`, headers: { authorization: "Bearer t" } })).status).toBe(200);
    expect(s.seen).toHaveLength(2);
  });

  it("--matrix-homeserver http://<name>: the notification is refused before anything is sent, exit code unchanged", async () => {
    const s = await serve(json(200, { event_id: "$e" }));
    const redactor = new Redactor();
    const sent = await notifyMatrix(
      { homeserver: `http://matrix.example.org:${s.port}`, room: "!r:example.org", token: "syt_secret_token" },
      report,
      {},
      { http: quickClient({ resolve: { [`matrix.example.org:${s.port}`]: "127.0.0.1" } }), redactor },
    );
    expect(sent).toMatchObject({ ok: false, message: expect.stringContaining("over plain http") as string });
    expect(JSON.stringify(sent)).not.toContain("syt_secret_token");
    expect(s.seen).toEqual([]);

    const dir = mkdtempSync(path.join(os.tmpdir(), "mxops-net-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, "ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");
    const args = ["sops-check", dir, "--notify-matrix", "--matrix-room", "!r:example.org"];
    const run = await cli([...args, "--matrix-homeserver", "http://matrix.invalid"], {
      MXOPS_MATRIX_TOKEN: "syt_secret_token",
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^mxops: warning: notify\/failed: (MXOPS_CONFIG: )?refusing to send credentials to http:\/\/matrix\.invalid/,
    );
    expect(run.stderr + run.stdout).not.toContain("syt_secret_token");
  });

  it("--api-url http://<name> with a forge token: milestone-release refuses before the token leaves", async () => {
    const s = await serve(json(200, { version: "1.22.0" }));
    const deps = defaultDeps({ http: quickClient({ resolve: { [`git.example.org:${s.port}`]: "127.0.0.1" } }) });
    const o = {
      apiUrl: `http://git.example.org:${s.port}/api/v1`,
      owner: "ops",
      repo: "gitops",
      giteaToken: "gitea_secret",
    } as MilestoneReleaseOptions;
    await expect(connectForge(o, deps)).rejects.toMatchObject({ code: "MXOPS_CONFIG" });
    const forge = await connectForge({ ...o, forge: "gitea" }, deps);
    await expect(forge?.listTags()).rejects.toMatchObject({ code: "MXOPS_CONFIG" });
    expect(s.seen).toEqual([]);
  });

  it("Authentik at http://<name>: the API token is never sent", async () => {
    const s = await serve(json(200, {}));
    const backend = new AuthentikBackend({
      url: `http://auth.example.org:${s.port}`,
      flowSlug: "enroll",
      token: "ak_secret",
      http: quickClient({ resolve: { [`auth.example.org:${s.port}`]: "127.0.0.1" } }),
      retry: { attempts: 1, baseMs: 1, maxRetryAfterMs: 1, sleep: async () => {} },
      redactor: new Redactor(),
      now: () => new Date(),
    });
    await expect(backend.ready()).rejects.toMatchObject({ code: "MXOPS_CONFIG" });
    expect(s.seen).toEqual([]);
  });

  it("a loopback issuer whose discovery names http://other-host as token endpoint gets no client secret", async () => {
    let port = 0;
    const s = await serve((req, res, srv) => {
      const issuer = srv.origin;
      if (req.url === "/.well-known/openid-configuration")
        return json(200, {
          issuer,
          token_endpoint: `http://other-host.example.org:${port}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        })(req, res, srv);
      json(200, { access_token: "leaked", token_type: "Bearer", expires_in: 300 })(req, res, srv);
    });
    port = s.port;
    for (const method of ["client_secret_basic", "client_secret_post"] as const) {
      const tokens = new MasTokenSource({
        issuer: s.origin,
        clientId: "mxops",
        clientSecret: "client_secret_value",
        clientAuthMethod: method,
        http: quickClient({ resolve: { [`other-host.example.org:${s.port}`]: "127.0.0.1" } }),
        redactor: new Redactor(),
        now: () => new Date(),
      });
      const err = await tokens.token().then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/plain http/);
      expect(err?.message).not.toContain("client_secret_value");
    }
    expect(s.seen).toEqual(["GET /.well-known/openid-configuration", "GET /.well-known/openid-configuration"]);
  });
});

describe("a deadline for every request, a cap on every answer", () => {
  it("a server dripping one byte at a time cannot hold a request past its deadline", async () => {
    const s = await serve(drip());
    const client = quickClient({ timeoutMs: 200 });
    await expect(client.request({ url: `${s.origin}/drip` })).rejects.toMatchObject({
      code: "MXOPS_HTTP",
      message: expect.stringMatching(/no complete answer within 200 ms/) as string,
    });
    expect(s.sent()).toBeLessThan(150);
  });

  it("the deadline holds for notify, the forge probe, MAS discovery (invite preflight) and live probes", async () => {
    const s = await serve(drip());
    const http = quickClient({ timeoutMs: 150 });
    const sent = await notifyMatrix(
      { homeserver: s.origin, room: "#ops:example.org", token: "t0ken" },
      report,
      {},
      { http, redactor: new Redactor() },
    );
    expect(sent).toMatchObject({ ok: false, message: expect.stringContaining("no complete answer") as string });
    await expect(
      connectForge(
        { apiUrl: `${s.origin}/api/v1`, owner: "o", repo: "r", giteaToken: "t" } as MilestoneReleaseOptions,
        defaultDeps({ http }),
      ),
    ).rejects.toMatchObject({ code: "MXOPS_HTTP" });
    const tokens = new MasTokenSource({
      issuer: s.origin,
      clientId: "c",
      clientSecret: "s",
      clientAuthMethod: "client_secret_basic",
      http,
      redactor: new Redactor(),
      now: () => new Date(),
    });
    await expect(tokens.tokenEndpoint()).rejects.toMatchObject({ code: "MXOPS_HTTP" });
    const ctx = new ProbeContext(http, new Redactor(), false, 150);
    expect(await ctx.request("probe/well-known-client", { url: `${s.origin}/.well-known/matrix/client` }, "x")).toBe(
      undefined,
    );
    expect(ctx.findings[0]?.message).toMatch(/no complete answer within 150 ms/);
  });

  it("a huge answer is streamed and cut at the call's cap instead of filling memory", async () => {
    const s = await serve(flood);
    const client = quickClient();
    await expect(client.request({ url: `${s.origin}/big`, maxBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: "MXOPS_HTTP",
      message: expect.stringMatching(/response body larger than 1048576 bytes; aborted/) as string,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(s.cutOff()).toBe(true);
    expect(s.sent()).toBeLessThan(32 * 1024 * 1024);
  });

  it("a declared Content-Length over the cap is refused before the body is read", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-length": String(700 * 1024 * 1024) });
      res.write("x".repeat(1024));
      setTimeout(() => res.destroy(), 2000).unref();
    });
    await expect(quickClient().request({ url: `${s.origin}/`, maxBytes: 4096 })).rejects.toMatchObject({
      message: expect.stringContaining("larger than 4096 bytes") as string,
    });
  });

  it("a huge answer to a notification is a warning; the exit code stays that of the findings", async () => {
    const s = await serve(flood);
    const dir = mkdtempSync(path.join(os.tmpdir(), "mxops-net-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, "ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");
    const run = await cli(
      ["sops-check", dir, "--notify-matrix", "--matrix-homeserver", s.origin, "--matrix-room", "!r:example.org"],
      { MXOPS_MATRIX_TOKEN: "syt_tok" },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^mxops: warning: notify\/failed: (MXOPS_HTTP: )?PUT .*response body larger than 65536 bytes/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(s.sent()).toBeLessThan(32 * 1024 * 1024);
  });

  it("bounds a whole call: retries stop when the next wait would pass the call's deadline", async () => {
    const s = await serve(json(503, {}));
    let clock = 0;
    const waits: number[] = [];
    const client = createHttpClient({
      retries: 10,
      deadlineMs: 20_000,
      now: () => clock,
      sleep: (ms) => {
        waits.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    const r = await client.request({ url: `${s.origin}/` });
    expect(r.status).toBe(503);
    // 250·2^k·jitter(0.5–1) waits: the sum stays under 20 s and far fewer than 10 retries happen.
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThan(20_000);
    expect(s.seen.length).toBe(waits.length + 1);
    expect(s.seen.length).toBeLessThan(11);
  });
});

import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient, isLoopbackHost } from "../../src/core/http.js";
import { UnknownOutcome, withRetry } from "../../src/core/retry.js";
import { makeTestPki } from "../helpers/tls.js";

type Answer = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: Array<http.Server | https.Server> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(
  answers: Answer[],
  tls?: { cert: string; key: string },
): Promise<{ port: number; hits: () => number }> {
  let n = 0;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const a = answers[Math.min(n, answers.length - 1)];
    n++;
    a(req, res);
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as AddressInfo).port, hits: () => n };
}

const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  (_q, res) => {
    res.writeHead(code, headers);
    res.end(JSON.stringify({ code }));
  };

describe("http client", () => {
  it("retries 5xx and honours Retry-After on 429, then succeeds", async () => {
    const waits: number[] = [];
    const s = await serve([status(503), status(429, { "retry-after": "7" }), status(200)]);
    const client = createHttpClient({
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      backoffMs: 100,
    });
    const res = await client.request({ url: `http://127.0.0.1:${s.port}/x` });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ code: 200 });
    expect(s.hits()).toBe(3);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[1]).toBe(7000);
  });

  it("gives up after the bounded number of retries and returns the last answer", async () => {
    const s = await serve([status(500)]);
    const client = createHttpClient({ sleep: async () => {}, retries: 2 });
    expect((await client.request({ url: `http://127.0.0.1:${s.port}/` })).status).toBe(500);
    expect(s.hits()).toBe(3);
  });

  it("never retries a POST unless asked", async () => {
    const s = await serve([status(503)]);
    const client = createHttpClient({ sleep: async () => {} });
    expect((await client.request({ method: "POST", url: `http://127.0.0.1:${s.port}/`, body: "{}" })).status).toBe(503);
    expect(s.hits()).toBe(1);
  });

  it("times out a hanging server with MXOPS_HTTP naming the URL but not its query", async () => {
    const s = await serve([() => {}]);
    const client = createHttpClient({ sleep: async () => {}, retries: 0, timeoutMs: 100 });
    await expect(client.request({ url: `http://127.0.0.1:${s.port}/hang?token=abc` })).rejects.toMatchObject({
      code: "MXOPS_HTTP",
      message: expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/hang\?… : ETIMEDOUT|ETIMEDOUT/) as string,
    });
    await client
      .request({ url: `http://127.0.0.1:${s.port}/hang?token=abc` })
      .catch((e: Error) => expect(e.message).not.toContain("abc"));
  });

  it("verifies TLS: rejects an unknown CA, trusts --ca-file, and routes names with --resolve", async () => {
    const pki = makeTestPki(["matrix.example.org"]);
    const s = await serve([status(200)], { cert: pki.cert, key: pki.key });
    const url = `https://matrix.example.org:${s.port}/_matrix/client/versions`;
    const resolve = { [`matrix.example.org:${s.port}`]: "127.0.0.1" };
    const untrusted = createHttpClient({ resolve, retries: 0 });
    await expect(untrusted.request({ url })).rejects.toMatchObject({ code: "MXOPS_HTTP" });
    const trusted = createHttpClient({ resolve, ca: pki.caCert, retries: 0 });
    expect((await trusted.request({ url })).status).toBe(200);
    const wrongName = createHttpClient({
      resolve: { [`other.example.org:${s.port}`]: "127.0.0.1" },
      ca: pki.caCert,
      retries: 0,
    });
    await expect(wrongName.request({ url: `https://other.example.org:${s.port}/` })).rejects.toMatchObject({
      code: "MXOPS_HTTP",
    });
  });

  it("offers a fetch-compatible adapter", async () => {
    const s = await serve([
      (req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          res.writeHead(201, { "content-type": "application/json" });
          res.end(JSON.stringify({ got: body, auth: req.headers.authorization }));
        });
      },
    ]);
    const client = createHttpClient();
    const r = await client.fetch(`http://127.0.0.1:${s.port}/t`, {
      method: "POST",
      headers: { authorization: "Basic x" },
      body: new URLSearchParams({ a: "1" }),
    });
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ got: "a=1", auth: "Basic x" });
  });

  it("detects loopback hosts", () => {
    expect(isLoopbackHost("127.0.0.1")).toBe(true);
    expect(isLoopbackHost("127.8.0.1")).toBe(true);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("localhost")).toBe(true);
    expect(isLoopbackHost("10.0.0.1")).toBe(false);
    expect(isLoopbackHost("example.org")).toBe(false);
  });
});

describe("retry modes", () => {
  it("repeats a POST marked `answered` after a 429/5xx answer only; a dropped connection is UnknownOutcome", async () => {
    const s = await serve([status(503), status(201)]);
    const client = createHttpClient({ sleep: async () => {} });
    const res = await client.request({
      method: "POST",
      url: `http://127.0.0.1:${s.port}/`,
      body: "{}",
      retry: "answered",
    });
    expect(res.status).toBe(201);
    expect(s.hits()).toBe(2);
    const drop = await serve([(req) => req.socket.destroy()]);
    const err = await client
      .request({ method: "POST", url: `http://127.0.0.1:${drop.port}/`, body: "{}", retry: "answered" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownOutcome);
    expect(drop.hits()).toBe(1);
  });

  it("repeats a GET after a dropped connection, but never a plain POST", async () => {
    const s = await serve([(req) => req.socket.destroy(), status(200)]);
    const client = createHttpClient({ sleep: async () => {} });
    expect((await client.request({ url: `http://127.0.0.1:${s.port}/` })).status).toBe(200);
    const p = await serve([(req) => req.socket.destroy(), status(200)]);
    await expect(
      client.request({ method: "POST", url: `http://127.0.0.1:${p.port}/`, body: "x" }),
    ).rejects.toMatchObject({ code: "MXOPS_HTTP" });
    expect(p.hits()).toBe(1);
  });
});

describe("withRetry", () => {
  it("caps Retry-After, stops at the attempt limit, and never waits past the deadline", async () => {
    let clock = 0;
    const waits: number[] = [];
    const policy = {
      attempts: 5,
      baseMs: 100,
      maxRetryAfterMs: 1_000,
      deadlineMs: 2_500,
      now: () => clock,
      random: () => 0.5,
      sleep: (ms: number) => {
        waits.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    };
    let n = 0;
    const out = await withRetry(
      policy,
      () => Promise.resolve(++n),
      () => ({ retryAfterMs: 3_600_000 }),
    );
    // Two capped waits of 1 s fit in 2.5 s; a third would end past the deadline.
    expect(waits).toEqual([1000, 1000]);
    expect(out).toBe(3);
    waits.length = 0;
    clock = 0;
    await expect(
      withRetry(
        { ...policy, deadlineMs: undefined },
        async () => Promise.reject(new Error("x")),
        () => ({}),
      ),
    ).rejects.toThrow("x");
    // Jittered exponential backoff: 100·2^k·0.75.
    expect(waits).toEqual([75, 150, 300, 600]);
  });
});

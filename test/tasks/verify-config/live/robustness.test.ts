import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultDeps } from "../../../../src/core/deps.js";
import { createLogger } from "../../../../src/core/log.js";
import { Redactor } from "../../../../src/core/redact.js";
import { makeReport } from "../../../../src/core/report.js";
import { FORMATS, render } from "../../../../src/format/index.js";
import { runLiveProbes } from "../../../../src/tasks/verify-config/live/index.js";
import { failures, hints, options, probe } from "./harness.js";
import { HEALTHY_AUTHENTIK, HOSTS, TestStack, hang, serveAuthentik } from "./stack.js";

const TOKEN = "ak-secret-7d1b4f9c2e5a8";
const stack = new TestStack(TOKEN);
let closedPort = 0;
beforeAll(async () => {
  serveAuthentik(stack.authentik, () => HEALTHY_AUTHENTIK);
  await stack.start();
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  closedPort = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
});
afterEach(() => stack.reset());
afterAll(() => stack.stop());

describe("live probes: failures are findings, never crashes", () => {
  it("turns an unreachable stack into one finding per unreachable endpoint", async () => {
    const resolve = Object.fromEntries(Object.keys(stack.resolve()).map((k) => [k, `127.0.0.1:${closedPort}`]));
    const fs = await probe(stack, { resolve });
    expect(fs.every((f) => f.severity === "error")).toBe(true);
    expect(new Set(failures(fs))).toEqual(
      new Set([
        "probe/well-known-client",
        "probe/well-known-server",
        "probe/rtc-jwt-health",
        "probe/upstream-discovery",
      ]),
    );
    expect(fs.filter((f) => f.ruleId === "probe/well-known-client")[0].message).toMatch(/unreachable.*ECONNREFUSED/);
  });

  it("refuses a certificate from a CA that is not trusted (no --ca-file)", async () => {
    const fs = await probe(stack, { ca: undefined });
    expect(failures(fs)).toContain("probe/well-known-client");
    expect(fs.find((f) => f.ruleId === "probe/well-known-client")!.message).toMatch(/certificate|self.signed|issuer/i);
  });

  it("bounds a hanging endpoint by --timeout and carries on with the rest", async () => {
    stack.override(HOSTS.server, "/.well-known/matrix/client", hang);
    stack.override(HOSTS.auth, "/application/o/mas/.well-known/openid-configuration", hang);
    const fs = await probe(stack, { timeoutMs: 1000 });
    // Only the hanging endpoints may fail (a loaded CI machine could add more timeouts, never other findings).
    expect(failures(fs)).toEqual(expect.arrayContaining(["probe/upstream-discovery", "probe/well-known-client"]));
    for (const f of fs) expect(f.message).toContain("ETIMEDOUT");
    expect(stack.hits).toContain(`GET ${HOSTS.server}/.well-known/matrix/server`);
  });

  it("retries a 503 once by default, with backoff", async () => {
    let calls = 0;
    const waits: number[] = [];
    stack.override(HOSTS.rtc, "/healthz", (_q, res) => {
      calls++;
      res.writeHead(calls === 1 ? 503 : 200);
      res.end("x");
    });
    const o = options(stack);
    delete o.retries;
    const fs = await runLiveProbes(o, hints(), defaultDeps(), { sleep: (ms) => Promise.resolve(void waits.push(ms)) });
    expect(failures(fs)).toEqual([]);
    expect(calls).toBe(2);
    expect(waits).toHaveLength(1);
  });

  it("fails with MXOPS_CONFIG when no server name is known", async () => {
    await expect(runLiveProbes(options(stack), hints({ serverName: undefined }), defaultDeps())).rejects.toMatchObject({
      code: "MXOPS_CONFIG",
    });
  });
});

describe("live probes: AUTHENTIK_TOKEN never leaves the process", () => {
  it("appears in no finding, no format and no log line, also when Authentik refuses it", async () => {
    const lines: string[] = [];
    for (const token of [TOKEN, "ak-refused-9e8d7c6b5a"]) {
      const redactor = new Redactor();
      const deps = defaultDeps({ redactor, log: createLogger((l) => lines.push(l), redactor, true) });
      stack.override(HOSTS.synapse, "/_matrix/client/v3/login", hang); // a timeout message in the mix
      const fs = await runLiveProbes(
        options(stack, { authentikToken: token, verbose: true, timeoutMs: 1000 }),
        hints(),
        deps,
      );
      expect(redactor.redact(`x${token}x`)).toBe("x***x");
      const report = makeReport("verify-config", fs);
      const outputs = [JSON.stringify(fs), ...FORMATS.map((f) => render(report, f)), ...lines];
      for (const out of outputs) expect(out).not.toContain(token);
      stack.reset();
    }
    expect(stack.authentik.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });
});

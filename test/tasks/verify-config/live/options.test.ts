import { writeFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createHttpClient, parseResolveTarget } from "../../../../src/core/http.js";
import { Redactor } from "../../../../src/core/redact.js";
import {
  LIVE_ACTION_INPUT_MAPPINGS,
  LIVE_OPTIONS,
  liveOptionsFrom,
} from "../../../../src/tasks/verify-config/live/index.js";
import type { EdgeInput } from "../../../../src/tasks/types.js";
import { makeTestPki } from "../../../helpers/tls.js";
import { tempDir } from "../../../helpers/tmp.js";

const dir = tempDir("live-opts");
const input = (values: EdgeInput["values"], env: EdgeInput["env"] = {}): EdgeInput => ({
  values,
  positionals: [],
  env,
  cwd: dir,
});

describe("live options", () => {
  it("are off without --live, and the live-only flags then are a usage error", async () => {
    expect(await liveOptionsFrom(input({}))).toBeUndefined();
    await expect(liveOptionsFrom(input({ "server-name": "example.org" }))).rejects.toMatchObject({
      code: "MXOPS_USAGE",
    });
  });

  it("parse --server-name, repeated --resolve (IPv4, IPv6, with port), --timeout and --verbose", async () => {
    const o = await liveOptionsFrom(
      input({
        live: true,
        verbose: true,
        "server-name": "example.org",
        timeout: "2500",
        resolve: ["example.org:443:127.0.0.1", "[::1]:8448:[::1]:9000", "Matrix.Example.org:443:10.0.0.5,10.0.0.6"],
      }),
    );
    expect(o).toEqual({
      serverName: "example.org",
      timeoutMs: 2500,
      verbose: true,
      resolve: { "example.org:443": "127.0.0.1", "::1:8448": "[::1]:9000", "matrix.example.org:443": "10.0.0.5" },
    });
  });

  it("reject malformed values", async () => {
    for (const values of [
      { live: true, resolve: ["example.org:127.0.0.1"] },
      { live: true, resolve: ["example.org:443:not-an-ip"] },
      { live: true, resolve: ["example.org:70000:127.0.0.1"] },
      { live: true, timeout: "soon" },
      { live: true, timeout: "0" },
      { live: true, "server-name": "https://example.org/" },
    ]) {
      await expect(liveOptionsFrom(input(values))).rejects.toMatchObject({ code: "MXOPS_USAGE" });
    }
  });

  it("read --ca-file relative to cwd and refuse what is not a PEM certificate", async () => {
    const pki = makeTestPki(["example.org"]);
    writeFileSync(path.join(dir, "ca.pem"), pki.caCert);
    writeFileSync(path.join(dir, "key.pem"), pki.key);
    expect((await liveOptionsFrom(input({ live: true, "ca-file": "ca.pem" })))?.ca).toBe(pki.caCert);
    await expect(liveOptionsFrom(input({ live: true, "ca-file": "key.pem" }))).rejects.toMatchObject({
      code: "MXOPS_INPUT",
    });
    await expect(liveOptionsFrom(input({ live: true, "ca-file": "missing.pem" }))).rejects.toMatchObject({
      code: "MXOPS_INPUT",
    });
  });

  it("take AUTHENTIK_TOKEN from env only and register it as a secret", async () => {
    const redactor = new Redactor();
    const o = await liveOptionsFrom(input({ live: true }, { AUTHENTIK_TOKEN: " ak-env-token-123 \n" }), redactor);
    expect(o?.authentikToken).toBe("ak-env-token-123");
    expect(redactor.redact("Bearer ak-env-token-123")).toBe("Bearer ***");
    expect(Object.keys(LIVE_OPTIONS)).not.toContain("authentik-token");
    expect(LIVE_ACTION_INPUT_MAPPINGS.find((m) => m.env === "AUTHENTIK_TOKEN")).toMatchObject({ secret: true });
  });
});

describe("--resolve with a port (port-forwards)", () => {
  it("parses addresses with and without ports", () => {
    expect(parseResolveTarget("127.0.0.1")).toEqual({ address: "127.0.0.1" });
    expect(parseResolveTarget("::1")).toEqual({ address: "::1" });
    expect(parseResolveTarget("[::1]")).toEqual({ address: "::1" });
    expect(parseResolveTarget("127.0.0.1:8443")).toEqual({ address: "127.0.0.1", port: "8443" });
    expect(parseResolveTarget("[::1]:8443")).toEqual({ address: "::1", port: "8443" });
    expect(parseResolveTarget(undefined)).toBeUndefined();
  });

  it("connects to the given port while keeping the URL's name for TLS and Host", async () => {
    const pki = makeTestPki(["example.org"]);
    let host = "";
    const server = https.createServer({ cert: pki.cert, key: pki.key }, (req, res) => {
      host = String(req.headers.host);
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      const client = createHttpClient({
        ca: pki.caCert,
        resolve: { "example.org:443": `127.0.0.1:${port}` },
        retries: 0,
      });
      const res = await client.request({ url: "https://example.org/.well-known/matrix/client" });
      expect(res.status).toBe(200);
      expect(host).toBe("example.org");
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

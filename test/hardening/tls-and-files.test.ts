import { statSync, writeFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendLineDurable, writeFileAtomic } from "../../src/core/fsx.js";
import { createHttpClient } from "../../src/core/http.js";
import { makeTestPki } from "../helpers/tls.js";
import { tempDir } from "../helpers/tmp.js";

describe("TLS verification cannot be switched off", () => {
  let server: https.Server;
  let port = 0;
  beforeAll(async () => {
    const pki = makeTestPki(["untrusted.example.org"]);
    server = https.createServer({ cert: pki.cert, key: pki.key }, (_q, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });

  it("ignores NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment", async () => {
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
    try {
      const client = createHttpClient({ retries: 0, resolve: { [`untrusted.example.org:${port}`]: "127.0.0.1" } });
      await expect(client.request({ url: `https://untrusted.example.org:${port}/` })).rejects.toMatchObject({
        code: "MXOPS_HTTP",
      });
      await expect(client.fetch(`https://untrusted.example.org:${port}/`)).rejects.toMatchObject({
        code: "MXOPS_HTTP",
      });
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
    }
  });

  it("offers no client option that disables verification", () => {
    // The options type has no such field; an unknown field is ignored rather than honoured.
    const client = createHttpClient({ retries: 0, ...({ rejectUnauthorized: false, insecure: true } as object) });
    return expect(client.request({ url: `https://127.0.0.1:${port}/` })).rejects.toMatchObject({ code: "MXOPS_HTTP" });
  });
});

describe("files that matter", () => {
  it("writes reports atomically with mode 0600 and replaces existing content whole", async () => {
    const dir = tempDir("fsx");
    const f = path.join(dir, "report.json");
    writeFileSync(f, "old", { mode: 0o644 });
    await writeFileAtomic(f, "new content");
    expect(statSync(f).mode & 0o777).toBe(0o600);
    await appendLineDurable(path.join(dir, "audit.jsonl"), '{"a":1}');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        appendLineDurable(path.join(dir, "audit.jsonl"), JSON.stringify({ i, pad: "x".repeat(2000) })),
      ),
    );
    const lines = (await import("node:fs")).readFileSync(path.join(dir, "audit.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(51);
    for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();
    expect(statSync(path.join(dir, "audit.jsonl")).mode & 0o777).toBe(0o600);
  });
});

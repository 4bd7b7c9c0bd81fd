import { afterEach, describe, expect, it } from "vitest";
import { OpenApiFake } from "./openapi.js";

const fakes: OpenApiFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.stop();
});

describe("OpenApiFake", () => {
  it("validates requests and responses against an OpenAPI 3.1 document (MAS)", async () => {
    const fake = new OpenApiFake({ specPath: "test/fixtures/specs/mas/admin-api.json" });
    fakes.push(fake);
    fake.on("GET /api/admin/v1/version", () => ({ status: 200, body: { version: "1.2.3" } }));
    const base = await fake.start();
    const ok = await fetch(`${base}/api/admin/v1/version`);
    expect(ok.status).toBe(200);
    expect(fake.violations).toEqual([]);
    fake.on("GET /api/admin/v1/version", () => ({ status: 200, body: { wrong: 1 } }));
    await fetch(`${base}/api/admin/v1/version`);
    expect(fake.violations.join("\n")).toMatch(/response 200/);
  });

  it("rejects bodies that do not match (Swagger 2.0, Gitea) and unknown routes", async () => {
    const fake = new OpenApiFake({ specPath: "test/fixtures/specs/gitea/api-subset.json" });
    fakes.push(fake);
    fake.on("repoCreateRelease", () => ({ status: 201, body: {} }));
    const base = await fake.start();
    await fetch(`${base}/api/v1/repos/o/r/releases`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(fake.violations.join("\n")).toMatch(/tag_name/);
    await fetch(`${base}/nope`);
    expect(fake.violations.join("\n")).toMatch(/no operation/);
  });

  it("loads YAML OpenAPI 3.0 documents with a base path (Authentik) and injects faults", async () => {
    const fake = new OpenApiFake({ specPath: "test/fixtures/specs/authentik/api-subset.yaml", basePath: "/api/v3" });
    fakes.push(fake);
    fake.on("core_users_me_retrieve", () => ({ status: 200, body: { user: {} } }));
    const base = await fake.start();
    fake.faults.push({ status: 429, retryAfter: "1" });
    const r = await fetch(`${base}/api/v3/core/users/me/`);
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("1");
    await fetch(`${base}/api/v3/core/users/me/`);
    expect(fake.violations.join("\n")).toMatch(/core_users_me_retrieve response 200/);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { MasFake } from "./mas.js";

const fakes: MasFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.stop();
});

/** The response fields these tests read (the fake checks every response it sends against the schema). */
interface One {
  data: { id: string; attributes: { valid: boolean; revoked_at: string | null } };
}
interface Page {
  data: Array<{ meta: { page: { cursor: string } } }>;
  meta: { count: number };
  links: { next?: string };
}

async function start() {
  const fake = new MasFake();
  fakes.push(fake);
  await fake.start();
  const call = async <B = One>(method: string, path: string, body?: unknown, token = "mas-admin-access-token") => {
    const init: RequestInit = {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    const r = await fetch(`${fake.url}/api/admin/v1${path}`, init);
    return { status: r.status, body: (await r.json()) as B };
  };
  return { fake, call };
}

describe("MasFake", () => {
  it("creates, pages, filters, revokes, unrevokes, updates and counts usage like MAS", async () => {
    const { fake, call } = await start();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await call("POST", "/user-registration-tokens", {
        usage_limit: 1,
        expires_at: "2099-01-01T00:00:00Z",
        token: `tok${i}xxxxxxxx`,
      });
      expect(r.status).toBe(201);
      ids.push(r.body.data.id);
    }
    expect((await call("POST", "/user-registration-tokens", { token: "tok0xxxxxxxx" })).status).toBe(409);
    const p1 = await call<Page>("GET", "/user-registration-tokens");
    expect(p1.body.data).toHaveLength(10);
    expect(p1.body.meta.count).toBe(12);
    const after = p1.body.data[9].meta.page.cursor;
    const p2 = await call<Page>("GET", `/user-registration-tokens?page[after]=${after}&page[first]=10`);
    expect(p2.body.data).toHaveLength(2);
    expect(p2.body.links.next).toBeUndefined();
    expect(fake.redeem("tok1xxxxxxxx")).toBe(true);
    expect(fake.redeem("tok1xxxxxxxx")).toBe(false);
    expect((await call<Page>("GET", "/user-registration-tokens?filter[used]=true")).body.data).toHaveLength(1);
    expect((await call("POST", `/user-registration-tokens/${ids[2]}/revoke`)).body.data.attributes.valid).toBe(false);
    expect((await call("POST", `/user-registration-tokens/${ids[2]}/revoke`)).status).toBe(400);
    expect(
      (await call("POST", `/user-registration-tokens/${ids[2]}/unrevoke`)).body.data.attributes.revoked_at,
    ).toBeNull();
    const put = await call("PUT", `/user-registration-tokens/${ids[3]}`, { expires_at: "2000-01-01T00:00:00Z" });
    expect(put.body.data.attributes.valid).toBe(false);
    expect((await call<Page>("GET", "/user-registration-tokens?filter[valid]=true&count=only")).body.meta.count).toBe(
      10,
    );
    expect((await call("GET", "/user-registration-tokens/01ARZ3NDEKTSV4RRFFQ69G5FAV")).status).toBe(404);
    expect(fake.violations).toEqual([]);
  });

  it("answers 401 for a bad bearer and 404 without the adminapi resource", async () => {
    const { fake, call } = await start();
    expect((await call("GET", "/user-registration-tokens", undefined, "nope")).status).toBe(401);
    fake.adminApiEnabled = false;
    expect((await call("GET", "/user-registration-tokens")).status).toBe(404);
    expect(fake.violations).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { AuthentikFake } from "./authentik.js";

const fakes: AuthentikFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.stop();
});

const TOKEN = "ak-test-token-0123456789";

/** The response fields these tests read (the fake checks every response it sends against the schema). */
interface ApiBody {
  pk?: string;
  results: Array<{ pk: string; provider?: number; stage_obj: { meta_model_name: string } }>;
  pagination?: Record<string, number>;
  assigned_application_slug?: string;
  user: { username: string };
  version_current?: string;
  detail?: string;
}

async function start(options: ConstructorParameters<typeof AuthentikFake>[0] = {}) {
  const fake = new AuthentikFake(options);
  fakes.push(fake);
  await fake.start();
  const call = async (method: string, path: string, body?: unknown, token = TOKEN) => {
    const init: RequestInit = {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    const r = await fetch(`${fake.baseUrl}/api/v3${path}`, init);
    return { status: r.status, body: r.status === 204 ? undefined : ((await r.json()) as ApiBody) };
  };
  return { fake, call };
}

describe("AuthentikFake", () => {
  it("serves seeded flows, bindings, stages, providers and applications schema-valid", async () => {
    const { fake, call } = await start();
    const flow = fake.addEnrollmentFlow("matrix-invitation");
    const authz = fake.addFlow({
      slug: "default-provider-authorization-implicit-consent",
      designation: "authorization",
    });
    const inval = fake.addFlow({ slug: "default-provider-invalidation-flow", designation: "invalidation" });
    const p = fake.addProvider({
      name: "MAS",
      authorization_flow: authz.pk,
      invalidation_flow: inval.pk,
      redirect_uris: [{ matching_mode: "strict", url: "https://mas.example/upstream/callback/01H" }],
    });
    fake.addApplication({ name: "Matrix", slug: "matrix", provider: p.pk });

    expect((await call("GET", "/flows/instances/matrix-invitation/")).body?.pk).toBe(flow.pk);
    expect((await call("GET", "/flows/instances/nope/")).status).toBe(404);
    const list = await call("GET", "/flows/instances/?designation=enrollment&slug=matrix-invitation");
    expect(list.body?.results).toHaveLength(1);
    const bindings = await call("GET", `/flows/bindings/?target=${flow.pk}&ordering=order`);
    expect(bindings.body?.results.map((b) => b.stage_obj.meta_model_name.split(".")[1])).toEqual([
      "invitationstage",
      "identificationstage",
      "promptstage",
      "userwritestage",
      "userloginstage",
    ]);
    expect((await call("GET", "/stages/invitation/stages/")).body?.results).toHaveLength(1);
    expect((await call("GET", `/providers/oauth2/${p.pk}/`)).body?.assigned_application_slug).toBe("matrix");
    expect((await call("GET", "/providers/oauth2/?client_id=" + p.client_id)).body?.results).toHaveLength(1);
    expect(
      (await call("GET", "/core/applications/?slug=matrix&superuser_full_list=true")).body?.results[0].provider,
    ).toBe(p.pk);
    expect((await call("GET", "/core/users/me/")).body?.user.username).toBe("akadmin");
    expect((await call("GET", "/admin/version/")).body?.version_current).toBe("2026.5.6");
    expect(fake.violations).toEqual([]);
  });

  it("keeps invitation state: create, unique name, paginate, retrieve, use, destroy, send_email", async () => {
    const { fake, call } = await start({ pageSize: 2 });
    const flow = fake.addEnrollmentFlow("enroll");
    for (const n of ["a", "b", "c"]) {
      const r = await call("POST", "/stages/invitation/invitations/", {
        name: `inv-${n}`,
        single_use: true,
        flow: flow.pk,
        expires: "2099-01-01T00:00:00Z",
        fixed_data: { email: `${n}@x.org` },
      });
      expect(r.status).toBe(201);
    }
    expect((await call("POST", "/stages/invitation/invitations/", { name: "inv-a", flow: flow.pk })).status).toBe(400);
    expect((await call("POST", "/stages/invitation/invitations/", { name: "bad name" })).status).toBe(400);
    // A client sending a bad name is itself a spec violation: the fake records it.
    expect(fake.violations.splice(0)).toEqual([expect.stringMatching(/name must match pattern/)]);
    const p1 = await call("GET", "/stages/invitation/invitations/");
    expect(p1.body?.pagination).toMatchObject({ count: 3, next: 2, previous: 0, total_pages: 2 });
    const p2 = await call("GET", "/stages/invitation/invitations/?page=2");
    expect(p2.body?.pagination).toMatchObject({ next: 0, previous: 1 });
    const byName = await call("GET", "/stages/invitation/invitations/?name=inv-b");
    const pk = byName.body?.results[0].pk as string;
    expect(
      (await call("POST", `/stages/invitation/invitations/${pk}/send_email/`, { email_addresses: ["b@x.org"] })).status,
    ).toBe(204);
    expect(fake.sentEmails).toEqual([{ invitation: pk, to: ["b@x.org"] }]);
    expect(fake.useInvitation(pk)).toBe(true);
    expect((await call("GET", `/stages/invitation/invitations/${pk}/`)).status).toBe(404);
    const a = (await call("GET", "/stages/invitation/invitations/?name=inv-a")).body?.results[0].pk as string;
    expect((await call("DELETE", `/stages/invitation/invitations/${a}/`)).status).toBe(204);
    expect((await call("DELETE", `/stages/invitation/invitations/${a}/`)).status).toBe(404);
    expect(fake.violations).toEqual([]);
  });

  it("answers 403 for a bad token and honours faults", async () => {
    const { fake, call } = await start();
    const r = await call("GET", "/core/users/me/", undefined, "wrong");
    expect(r.status).toBe(403);
    expect(r.body?.detail).toBeTruthy();
    fake.faults.push({ operationId: "core_users_me_retrieve", status: 500 });
    expect((await call("GET", "/core/users/me/")).status).toBe(500);
    expect(fake.violations).toEqual([]);
  });
});

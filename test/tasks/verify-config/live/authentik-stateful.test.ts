// The probes against the shared stateful Authentik fake (test/fakes/authentik.ts): real paging, state, and
// request/response validation against the OpenAPI subset.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuthentikFake } from "../../../fakes/authentik.js";
import { failures, probe } from "./harness.js";
import { CLIENT_ID, HOSTS, PROVIDER_ID, TestStack } from "./stack.js";

const TOKEN = "ak-stateful-token-5b8e1c";
const fake = new AuthentikFake({ tokens: [TOKEN] });
const stack = new TestStack(TOKEN, fake.api);
beforeAll(async () => {
  // More invitation stages than one page holds, the wired flow's last: the probe must follow `pagination.next`.
  for (let i = 0; i < 105; i++) fake.addStage({ name: `unused-invitation-${i}`, kind: "invitation" });
  const flow = fake.addEnrollmentFlow("invite-enrollment");
  fake.addProvider({
    name: "MAS",
    client_id: CLIENT_ID,
    authorization_flow: flow.pk,
    invalidation_flow: flow.pk,
    redirect_uris: [{ matching_mode: "strict", url: `https://${HOSTS.mas}/upstream/callback/${PROVIDER_ID}` }],
  });
  await stack.start();
});
afterEach(() => {
  expect(fake.violations).toEqual([]);
  stack.reset();
});
afterAll(() => stack.stop());

describe("live probes against the stateful Authentik fake", () => {
  it("finds a wired stack healthy, paging through the invitation stages", async () => {
    expect(await probe(stack, { authentikToken: TOKEN })).toEqual([]);
    const pages = fake.requests
      .filter((r) => r.operationId === "stages_invitation_stages_list")
      .map((r) => r.query.get("page"));
    expect(pages).toEqual(["1", "2"]);
  });

  it("flags a flow that lost its user write stage", async () => {
    const flow = fake.flows.get("invite-enrollment")!;
    const i = fake.bindings.findIndex((b) => b.target === flow.pk && fake.stages.get(b.stage)?.kind === "user_write");
    const [removed] = fake.bindings.splice(i, 1);
    try {
      const fs = await probe(stack, { authentikToken: TOKEN });
      expect(failures(fs)).toEqual(["probe/authentik-enrollment-flow"]);
      expect(fs[0].message).toContain("no user write stage");
    } finally {
      fake.bindings.push(removed);
    }
  });
});

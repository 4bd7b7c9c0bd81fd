// `invite onboard` against a real Synapse: the Admin API join (POST /_synapse/admin/v1/join/<room>) for rooms by
// alias and by id, an invite-only room, a space, an already-joined room, rooms and users that do not exist, and
// tokens that are not a server admin's. Membership is read back from Synapse, not from what mxops says it did.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Report } from "../../../src/core/finding.js";
import { runInvite } from "../../../src/tasks/invite/index.js";
import {
  allStarted,
  startSynapse,
  SYNAPSE_HOOK_TIMEOUT_MS,
  type MatrixUser,
  type Synapse,
} from "../../helpers/synapse.js";
import { startStack, type Stack } from "./harness.js";

let s: Stack | undefined;
let hs: Synapse | undefined;
const rooms = { welcome: "", team: "", space: "" };
let mallory: MatrixUser;
beforeAll(async () => {
  await allStarted([startStack().then((x) => (s = x)), startSynapse().then((x) => (hs = x))]);
  const synapse = hs!; // allStarted threw if it did not start
  // Owned by the server admin, as an operator would set them up: a public room, an invite-only room and a space.
  rooms.welcome = await synapse.createRoom(synapse.admin, { alias: "welcome", public: true });
  rooms.team = await synapse.createRoom(synapse.admin, { alias: "team" });
  rooms.space = await synapse.createRoom(synapse.admin, { space: true, name: "Community" });
  for (const name of ["ada", "bob", "carol", "dan", "erin"]) await synapse.register(name);
  mallory = await synapse.register("mallory");
}, SYNAPSE_HOOK_TIMEOUT_MS);
beforeEach(() => s!.reset());
afterAll(async () => {
  await Promise.all([s?.stop(), hs?.stop()]);
});

function onboard(user: string, roomList: string[], token: string | undefined, extra: { dryRun?: boolean } = {}) {
  s!.raw.synapse = { url: hs!.url, rooms: roomList };
  const o = s!.options("onboard", { userId: user, ...extra });
  o.secrets = { ...o.secrets, ...(token !== undefined ? { synapseAdminToken: token } : {}) };
  return runInvite(o, s!.deps);
}
const actions = (r: Report) => (r.results as { rooms: Array<{ room: string; action: string }> }).rooms;
const failures = (r: Report) => r.findings.filter((f) => f.ruleId === "invite/onboard-failed").map((f) => f.message);

describe("invite onboard (real Synapse)", () => {
  it("joins a user to a room by alias, an invite-only room by alias and a space by id; reruns are no-ops", async () => {
    const token = hs!.admin.accessToken;
    const list = ["#welcome:example.org", "#team:example.org", rooms.space];
    const r = await onboard("@ada:example.org", list, token);
    expect(failures(r)).toEqual([]);
    expect(r.changed).toBe(true);
    expect(actions(r)).toEqual([
      { room: "#welcome:example.org", action: "joined", roomId: rooms.welcome },
      { room: "#team:example.org", action: "joined", roomId: rooms.team },
      { room: rooms.space, action: "joined", roomId: rooms.space },
    ]);
    for (const id of Object.values(rooms)) expect(await hs!.members(id)).toContain("@ada:example.org");

    const again = await onboard("@ada:example.org", list, token);
    expect(again.changed).toBe(false);
    expect(actions(again).map((a) => a.action)).toEqual(["already-joined", "already-joined", "already-joined"]);
    const audit = await s!.auditText();
    expect(audit.match(/"onboarded"/g)).toHaveLength(3);
    expect(audit).not.toContain(token);
  });

  it("accepts a room the user already joined outside mxops (Synapse answers 200 again)", async () => {
    const bob = await hs!.request("POST", `/_matrix/client/v3/join/${encodeURIComponent(rooms.welcome)}`, {
      token: (await hs!.register("bob2")).accessToken,
    });
    expect(bob.status).toBe(200);
    const r = await onboard("@bob2:example.org", [rooms.welcome], hs!.admin.accessToken);
    expect(failures(r)).toEqual([]);
    expect(actions(r)).toEqual([{ room: rooms.welcome, action: "joined", roomId: rooms.welcome }]);
    expect((await hs!.members(rooms.welcome)).filter((m) => m === "@bob2:example.org")).toHaveLength(1);
  });

  it("reports rooms that do not exist, by alias and by id, and still joins the others", async () => {
    const r = await onboard(
      "@carol:example.org",
      ["#missing:example.org", "!nosuchroom:example.org", "#welcome:example.org"],
      hs!.admin.accessToken,
    );
    expect(failures(r)).toEqual([
      "@carol:example.org → #missing:example.org: HTTP 404 M_NOT_FOUND: unknown room or user (has the user signed up yet?)",
      // Synapse treats an unknown room id as a remote room it has no server to join through.
      expect.stringMatching(/^@carol:example.org → !nosuchroom:example.org: HTTP 404 M_UNKNOWN: unknown room or user/),
    ]);
    expect(actions(r).map((a) => a.action)).toEqual(["failed", "failed", "joined"]);
    expect(r.changed).toBe(true);
    expect(await hs!.members(rooms.welcome)).toContain("@carol:example.org");
    // Failed rooms are not recorded, so a rerun tries them again (and skips the joined one).
    const again = await onboard(
      "@carol:example.org",
      ["#missing:example.org", "#welcome:example.org"],
      hs!.admin.accessToken,
    );
    expect(actions(again).map((a) => a.action)).toEqual(["failed", "already-joined"]);
  });

  it("reports a user who has not signed up yet", async () => {
    const r = await onboard("@ghost:example.org", ["#welcome:example.org"], hs!.admin.accessToken);
    expect(failures(r)).toEqual([
      "@ghost:example.org → #welcome:example.org: HTTP 404 M_NOT_FOUND: unknown room or user (has the user signed up yet?)",
    ]);
    expect(r.changed).toBe(false);
  });

  it("says so when the token is not a server admin's (valid user token, unknown token); joins nothing", async () => {
    const user = await onboard("@dan:example.org", ["#welcome:example.org"], mallory.accessToken);
    expect(failures(user)).toEqual([
      "@dan:example.org → #welcome:example.org: HTTP 403 M_FORBIDDEN: the token is not a Synapse admin token",
    ]);
    const unknown = await onboard("@dan:example.org", ["#welcome:example.org"], "syt_not_a_real_token_at_all");
    expect(failures(unknown)).toEqual([
      "@dan:example.org → #welcome:example.org: HTTP 401 M_UNKNOWN_TOKEN: the token is not a Synapse admin token",
    ]);
    expect(await hs!.members(rooms.welcome)).not.toContain("@dan:example.org");
    const text = JSON.stringify([user, unknown]) + (await s!.auditText());
    expect(text).not.toContain(mallory.accessToken);
    expect(text).not.toContain("syt_not_a_real_token_at_all");
  });

  it("refuses bad user ids and a missing token, and changes nothing in dry-run", async () => {
    await expect(onboard("@erin:example.org", ["#welcome:example.org"], undefined)).rejects.toMatchObject({
      code: "MXOPS_CONFIG",
    });
    await expect(onboard("erin", ["#welcome:example.org"], hs!.admin.accessToken)).rejects.toMatchObject({
      code: "MXOPS_USAGE",
    });
    const dry = await onboard("@erin:example.org", ["#welcome:example.org", rooms.team], undefined, { dryRun: true });
    expect(actions(dry).map((a) => a.action)).toEqual(["would-join", "would-join"]);
    expect(dry.changed).toBe(false);
    expect(await hs!.members(rooms.welcome)).not.toContain("@erin:example.org");
    expect(await hs!.members(rooms.team)).not.toContain("@erin:example.org");
  });
});

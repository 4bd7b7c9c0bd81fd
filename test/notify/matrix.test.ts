// Matrix notifications against a real Synapse: what mxops posts is read back through the client API. The server
// runs a low rc_message (Synapse's own limiter); every account but the rate-limit test's bot is exempt from it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { makeReport } from "../../src/core/report.js";
import { createHttpClient } from "../../src/core/http.js";
import { Redactor } from "../../src/core/redact.js";
import { notifyMatrix, notifyMessage, notifyTxnId } from "../../src/notify/matrix.js";
import { cliNotifyTarget, extractNotifyArgs, notifyContext } from "../../src/notify/options.js";
import { startSynapse, SYNAPSE_HOOK_TIMEOUT_MS, type MatrixUser, type Synapse } from "../helpers/synapse.js";
import { TempRepo } from "../tasks/milestone-release/repo.js";

let hs: Synapse | undefined;
let bot: MatrixUser;
let limited: MatrixUser;
let roomId = "";
let otherRoom = "";
beforeAll(async () => {
  // Two messages at once, then one every 2 s: Retry-After 2 on the third.
  hs = await startSynapse({ rcMessage: { per_second: 0.5, burst_count: 2 } });
  await hs.exemptFromMessageLimit(hs.admin);
  bot = await hs.register("mxops-bot");
  await hs.exemptFromMessageLimit(bot);
  limited = await hs.register("mxops-limited-bot");
  roomId = await hs.createRoom(hs.admin, { alias: "ops", name: "Ops" });
  otherRoom = await hs.createRoom(hs.admin, { alias: "elsewhere" });
  await hs.join(bot, roomId);
  await hs.join(limited, roomId);
}, SYNAPSE_HOOK_TIMEOUT_MS);
afterAll(async () => {
  TempRepo.cleanup();
  await hs?.stop();
});

/** The m.room.message events in the ops room, read as the admin. */
const posted = async () => hs!.messages(hs!.admin, roomId);

const findings = [
  {
    ruleId: "sops/plaintext-value",
    severity: "error" as const,
    message: "value is not encrypted",
    file: "apps/a.sops.yaml",
    line: 4,
  },
  { ruleId: "k8s/x", severity: "warning" as const, message: "w <b>", file: "apps/b.yaml" },
  { ruleId: "release/no-previous-tag", severity: "info" as const, message: "i" },
];
const deps = () => ({ http: createHttpClient({ sleep: async () => {}, retries: 1 }), redactor: new Redactor() });

describe("Matrix notification", () => {
  it("summarises counts and the worst findings (no info), HTML-escaped", () => {
    const m = notifyMessage(makeReport("sops-check", findings), {
      repo: "ops/gitops",
      ref: "a".repeat(40),
      runUrl: "https://g/run/1",
    });
    expect(m.body).toBe(
      "mxops sops-check on ops/gitops@aaaaaaa: 1 error(s), 1 warning(s), 1 info\n- error sops/plaintext-value apps/a.sops.yaml:4: value is not encrypted\n- warning k8s/x apps/b.yaml: w <b>\nhttps://g/run/1",
    );
    expect(m.html).toContain("<li>warning k8s/x apps/b.yaml: w &lt;b&gt;</li>");
  });

  it("derives the txnId from task, repo, ref and report only", () => {
    const r = makeReport("sops-check", findings);
    const ctx = { repo: "ops/gitops", ref: "abc" };
    expect(notifyTxnId(r, ctx)).toBe(notifyTxnId(makeReport("sops-check", [...findings].reverse()), ctx));
    expect(notifyTxnId(r, ctx)).not.toBe(notifyTxnId(r, { ...ctx, ref: "abd" }));
    expect(notifyTxnId(r, ctx)).not.toBe(notifyTxnId(makeReport("sops-check", findings.slice(1)), ctx));
    expect(notifyTxnId(r, ctx)).toMatch(/^mxops-[0-9a-f]{40}$/);
  });

  it("posts one m.notice with plain and HTML bodies for two identical runs (alias resolved)", async () => {
    const before = (await posted()).length;
    const r = makeReport("verify-config", findings);
    const ctx = { repo: "o/r", ref: "x", runUrl: "https://g/run/1" };
    const target = { homeserver: `${hs!.url}/`, room: "#ops:example.org", token: bot.accessToken };
    const a = await notifyMatrix(target, r, ctx, deps());
    const b = await notifyMatrix(target, r, ctx, deps());
    expect(a).toMatchObject({ ok: true, eventId: expect.stringMatching(/^\$/) as string, txnId: notifyTxnId(r, ctx) });
    // Synapse answers a repeated txn id from the same access token with the first event.
    expect(b).toEqual(a);
    const events = (await posted()).slice(before);
    expect(events).toHaveLength(1);
    const want = notifyMessage(r, ctx);
    expect(events[0]).toMatchObject({
      event_id: a.ok ? a.eventId : "",
      sender: bot.userId,
      room_id: roomId,
      content: { msgtype: "m.notice", body: want.body, format: "org.matrix.custom.html", formatted_body: want.html },
    });
    expect(events[0].content.formatted_body).toContain("<li>warning k8s/x apps/b.yaml: w &lt;b&gt;</li>");
  });

  it("returns failures instead of throwing: a room the bot is not in, an unknown alias, a bad room, a dead server", async () => {
    const before = (await posted()).length;
    const r = makeReport("verify-config", findings);
    const target = { homeserver: hs!.url, room: otherRoom, token: bot.accessToken };
    const notIn = await notifyMatrix(target, r, {}, deps());
    expect(notIn).toEqual({ ok: false, message: expect.stringMatching(/: 403 M_FORBIDDEN$/) as string });
    expect(await notifyMatrix({ ...target, room: "#nowhere:example.org" }, r, {}, deps())).toEqual({
      ok: false,
      message: "room alias #nowhere:example.org did not resolve: 404 M_NOT_FOUND",
    });
    expect(await notifyMatrix({ ...target, room: "ops" }, r, {}, deps())).toMatchObject({ ok: false });
    const wrong = await notifyMatrix({ ...target, room: roomId, token: "syt_wrong_token_5c1e" }, r, {}, deps());
    expect(wrong).toEqual({ ok: false, message: expect.stringMatching(/: 401 M_UNKNOWN_TOKEN$/) as string });
    const down = await notifyMatrix({ ...target, homeserver: "http://127.0.0.1:9" }, r, {}, deps());
    expect(down.ok).toBe(false);
    expect(JSON.stringify([notIn, wrong, down])).not.toMatch(new RegExp(`${bot.accessToken}|syt_wrong_token_5c1e`));
    expect(await hs!.messages(hs!.admin, otherRoom)).toEqual([]);
    expect((await posted()).length).toBe(before);
  });

  it("waits out Synapse's rc_message (429 M_LIMIT_EXCEEDED with Retry-After) and posts; without retries it fails", async () => {
    const before = (await posted()).length;
    const target = { homeserver: hs!.url, room: roomId, token: limited.accessToken };
    const report = (n: number) => makeReport("sops-check", [{ ...findings[0], message: `rate test ${n}` }]);
    // The burst of two goes through at once.
    for (const n of [1, 2]) expect(await notifyMatrix(target, report(n), {}, deps())).toMatchObject({ ok: true });
    const noRetry = { http: createHttpClient({ retries: 0 }), redactor: new Redactor() };
    const refused = await notifyMatrix(target, report(3), {}, noRetry);
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/: 429 M_LIMIT_EXCEEDED$/) as string });
    // With retries the client sleeps what Synapse's Retry-After asks (whole seconds), then the send goes through.
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      await new Promise((r) => setTimeout(r, ms));
    };
    const retried = await notifyMatrix(
      target,
      report(3),
      {},
      {
        http: createHttpClient({ retries: 3, sleep }),
        redactor: new Redactor(),
      },
    );
    expect(retried).toMatchObject({ ok: true });
    expect(waits.length).toBeGreaterThanOrEqual(1);
    for (const w of waits) expect(w % 1000).toBe(0);
    const bodies = (await posted()).slice(before).map((e) => String(e.content.body));
    expect(bodies).toEqual([1, 2, 3].map((n) => expect.stringContaining(`rate test ${n}`) as string));
  });
});

describe("CLI --notify-matrix", () => {
  it("takes the notify flags off argv (also after other options, stopping at --) and needs the token in env", () => {
    expect(
      extractNotifyArgs([
        "--tag",
        "t",
        "--notify-matrix",
        "--matrix-room=!r:x",
        "--matrix-homeserver",
        "https://m",
        "--",
        "--notify-matrix",
      ]),
    ).toEqual({
      rest: ["--tag", "t", "--", "--notify-matrix"],
      flags: { enabled: true, room: "!r:x", homeserver: "https://m" },
    });
    expect(() => extractNotifyArgs(["--matrix-room"])).toThrow(/needs a value/);
    expect(cliNotifyTarget({ enabled: false }, {})).toBeUndefined();
    expect(() => cliNotifyTarget({ enabled: true, room: "!r:x", homeserver: "https://m" }, {})).toThrow(
      /MXOPS_MATRIX_TOKEN/,
    );
    expect(
      cliNotifyTarget(
        { enabled: true },
        { MXOPS_MATRIX_HOMESERVER: "https://m", MXOPS_MATRIX_ROOM: "!r:x", MXOPS_MATRIX_TOKEN: "tok1" },
      ),
    ).toEqual({ homeserver: "https://m", room: "!r:x", token: "tok1" });
    expect(
      notifyContext({
        GITEA_ACTIONS: "true",
        GITHUB_SERVER_URL: "https://g/",
        GITHUB_REPOSITORY: "o/r",
        GITHUB_RUN_NUMBER: "5",
        GITHUB_RUN_ID: "99",
        GITHUB_REF: "refs/tags/m1-a-complete",
      }),
    ).toEqual({
      repo: "o/r",
      ref: "m1-a-complete",
      runUrl: "https://g/o/r/actions/runs/5",
    });
  });

  it("posts after the report, keeps the exit code when posting fails, and never prints the token", async () => {
    const before = (await posted()).length;
    const repo = new TempRepo();
    repo.commit("one");
    repo.tag("m1-a-complete", "M1: a");
    const out: string[] = [];
    const io = (token: string) => ({
      stdout: (s: string) => void out.push(s),
      stderr: (s: string) => void out.push(s),
      env: { MXOPS_MATRIX_TOKEN: token, GITHUB_REPOSITORY: "o/r" },
      isTTY: false,
    });
    const argv = [
      "milestone-release",
      "--tag",
      "m1-a-complete",
      "--dir",
      repo.dir,
      "--dry-run",
      "--notify-matrix",
      "--matrix-homeserver",
      hs!.url,
      "--matrix-room",
      roomId,
    ];
    expect(await runCli(argv, io(bot.accessToken))).toBe(0);
    const events = (await posted()).slice(before);
    expect(events.map((e) => [e.sender, e.content.msgtype])).toEqual([[bot.userId, "m.notice"]]);
    expect(events[0].content.body).toMatch(/^mxops milestone-release on o\/r: /);
    expect(out.join("")).toContain("would create release");
    expect(out.join("")).toContain("M1: a\n=====");
    expect(await runCli(argv, io("wrong-matrix-token-77"))).toBe(0);
    expect(out.join("")).toMatch(/mxops: warning: notify\/failed: PUT .*401 M_UNKNOWN_TOKEN/);
    expect(out.join("")).not.toContain(bot.accessToken);
    expect(out.join("")).not.toContain("wrong-matrix-token-77");
    expect((await posted()).length).toBe(before + 1);
    expect(
      await runCli(
        ["milestone-release", "--tag", "m1-a-complete", "--dry-run", "--notify-matrix"],
        io(bot.accessToken),
      ),
    ).toBe(2);
  });
});

import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SimulatedCrash } from "../../../src/tasks/invite/engine.js";
import { runInvite } from "../../../src/tasks/invite/index.js";
import { rows, startStack, type Stack } from "./harness.js";

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
beforeEach(() => s.reset());
// Every request mxops sent and every answer the fakes gave matched the OpenAPI documents.
afterEach(() => {
  expect(s.mas.violations).toEqual([]);
  expect(s.authentik.violations).toEqual([]);
});
// Tolerates a failed beforeAll: then there is no stack to stop.
afterAll(async () => {
  await s?.stop();
});

function writeList(n: number, name = "list.csv"): string {
  const file = path.join(s.dir, name);
  writeFileSync(
    file,
    ["email,name", ...Array.from({ length: n }, (_, i) => `user${i}@example.org,User ${i}`)].join("\n"),
  );
  return file;
}

/** Every recipient has exactly one valid token and there are no other valid tokens. */
function assertOneLiveEach(n: number) {
  const valid = s.mas.validTokens();
  expect(valid).toHaveLength(n);
  expect(new Set(valid.map((t) => t.token)).size).toBe(n);
}

describe("invite batch", () => {
  it("reads CSV, reports invalid and duplicate rows with their lines, and fails the run", async () => {
    const fixture = path.resolve("test/fixtures/invite/invites.csv");
    const r = await s.run("batch", { listFile: fixture });
    const byRule = (id: string) => r.findings.filter((f) => f.ruleId === id);
    expect(byRule("invite/invalid-row")).toMatchObject([{ severity: "error", line: 4 }]);
    expect(byRule("invite/duplicate-row")).toMatchObject([{ line: 5 }]);
    expect(rows(r).map((x) => [x.email, x.action, x.line])).toEqual([
      ["ada@example.org", "sent", 2],
      ["grace@example.org", "sent", 3],
      ["linus@example.org", "sent", 6],
    ]);
    expect(r.counts.error).toBe(1);
    const grace = s.smtp.mails.find((m) => m.to[0] === "grace@example.org")!;
    expect(grace.headers.to).toContain("Hopper, Grace");
    expect(grace.headers["content-language"]).toBe("en");
    expect(s.smtp.mails.find((m) => m.to[0] === "linus@example.org")!.headers["content-language"]).toBe("de");
    expect((r.results as { summary: unknown }).summary).toMatchObject({ rows: 5, sent: 3, failed: 0, invalid: 1 });
    expect(r.findings.find((f) => f.ruleId === "invite/summary")?.message).toBe(
      "3 sent, 0 already invited, 0 failed, 1 invalid",
    );
    expect(byRule("invite/result").map((f) => f.line)).toEqual([2, 3, 6]);
    expect(byRule("invite/send-failed")).toEqual([]);
  });

  it("reads YAML lists (plain addresses and mappings)", async () => {
    const r = await s.run("batch", { listFile: path.resolve("test/fixtures/invite/invites.yaml") });
    expect(rows(r).map((x) => x.email)).toEqual(["ada@example.org", "karl@example.org"]);
    expect(r.findings.filter((f) => f.ruleId === "invite/invalid-row").map((f) => f.line)).toEqual([6, 7]);
  });

  it("runs rows concurrently up to the limit and is a no-op on rerun", async () => {
    const file = writeList(12);
    const r = await s.run("batch", { listFile: file, concurrency: 5 });
    expect(r.counts.error).toBe(0);
    expect((r.results as { summary: { peakConcurrency: number } }).summary.peakConcurrency).toBe(5);
    assertOneLiveEach(12);
    const again = await s.run("batch", { listFile: file });
    expect(rows(again).every((x) => x.action === "skipped")).toBe(true);
    expect(again.changed).toBe(false);
    assertOneLiveEach(12);
    expect(s.smtp.mails).toHaveLength(12);
    expect(s.mas.violations).toEqual([]);
  });

  it("after a kill between create and send, the rerun revokes the orphan and issues a fresh invite", async () => {
    const file = writeList(6);
    const o = s.options("batch", { listFile: file, concurrency: 1 });
    let created = 0;
    o.runtime!.afterCreate = () => {
      if (++created === 4) throw new SimulatedCrash();
    };
    await expect(runInvite(o, s.deps)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(s.smtp.mails).toHaveLength(3);
    const orphan = [...s.mas.tokens.values()][3];
    expect(orphan.revoked_at).toBeNull();
    const r = await s.run("batch", { listFile: file });
    expect(r.counts.error).toBe(0);
    expect(r.findings.filter((f) => f.ruleId === "invite/leftover-revoked").map((f) => f.message)).toEqual([
      expect.stringContaining("user3@example.org"),
    ]);
    expect(orphan.revoked_at).not.toBeNull();
    assertOneLiveEach(6);
    expect(s.smtp.mails).toHaveLength(6);
    expect(
      rows(r)
        .filter((x) => x.action === "sent")
        .map((x) => x.email),
    ).toEqual(["user3@example.org", "user4@example.org", "user5@example.org"]);
  });

  it("after a kill between the intent record and the create answer, the rerun finds the orphan by its hash", async () => {
    const file = writeList(2);
    // MAS processes the POST, the answer is lost, and the process dies before anything else is written.
    s.mas.faults.push({ operationId: "addUserRegistrationToken", drop: "after" });
    s.mas.faults.push({ operationId: "listUserRegistrationTokens", status: 500, times: 100 });
    const o = s.options("batch", { listFile: file, concurrency: 1 });
    const r1 = await runInvite(o, s.deps);
    // The reconcile could not list: the row fails as create-unknown, the token it made is still valid.
    expect(rows(r1)[0]).toMatchObject({ action: "failed" });
    expect(s.mas.validTokens().length).toBeGreaterThanOrEqual(2);
    s.mas.faults.splice(0);
    const r2 = await s.run("batch", { listFile: file });
    expect(r2.counts.error).toBe(0);
    assertOneLiveEach(2);
  });

  it("when the backend fails mid-batch, finished rows stay done and the rerun completes with zero duplicates", async () => {
    const file = writeList(10);
    const o = s.options("batch", { listFile: file, concurrency: 2 });
    let n = 0;
    o.runtime!.afterCreate = () => {
      if (++n === 5) s.mas.faults.push({ operationId: "addUserRegistrationToken", status: 503, times: 1000 });
    };
    const r1 = await runInvite(o, s.deps);
    const failed = rows(r1).filter((x) => x.action === "failed").length;
    expect(failed).toBeGreaterThan(0);
    expect(r1.counts.error).toBe(failed);
    s.mas.faults.splice(0);
    const r2 = await s.run("batch", { listFile: file });
    expect(r2.counts.error).toBe(0);
    expect(rows(r2).filter((x) => x.action === "sent")).toHaveLength(failed);
    assertOneLiveEach(10);
  });

  it("refuses to run while another live process holds the lock, takes over a stale one", async () => {
    const file = writeList(1);
    const lock = path.join(s.dir, "audit.jsonl.lock");
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), since: "2026-11-26T09:00:00Z" }),
    );
    await expect(s.run("batch", { listFile: file })).rejects.toMatchObject({
      code: "MXOPS_STATE",
      message: expect.stringMatching(/locked by pid/) as string,
    });
    expect(s.mas.tokens.size).toBe(0);
    writeFileSync(
      lock,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: (await import("node:os")).hostname(),
        since: "2026-11-26T09:00:00Z",
      }),
    );
    expect((await s.run("batch", { listFile: file })).counts.error).toBe(0);
    const { existsSync } = await import("node:fs");
    expect(existsSync(lock)).toBe(false);
  });

  it("two concurrent batches on one audit log never double-invite", async () => {
    const file = writeList(8);
    const results = await Promise.allSettled([s.run("batch", { listFile: file }), s.run("batch", { listFile: file })]);
    const ok = results.filter((x) => x.status === "fulfilled");
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const x of results) if (x.status === "rejected") expect(x.reason).toMatchObject({ code: "MXOPS_STATE" });
    assertOneLiveEach(8);
  });

  it("ignores a torn last audit line with a warning and keeps appending cleanly", async () => {
    await s.run("send", { recipient: { email: "a@example.org" } });
    appendFileSync(path.join(s.dir, "audit.jsonl"), '{"v":1,"ts":"2026-11-26T10:00:00Z","status":"pen');
    const r = await s.run("send", { recipient: { email: "b@example.org" } });
    expect(rows(r)[0]).toMatchObject({ action: "sent" });
    expect(s.logs.some((l) => /torn line/.test(l))).toBe(true);
    const list = await s.run("list");
    expect(
      rows(list)
        .map((x) => x.email)
        .sort(),
    ).toEqual(["a@example.org", "b@example.org"]);
    writeFileSync(path.join(s.dir, "audit.jsonl"), "garbage\n");
    await expect(s.run("list")).rejects.toMatchObject({ code: "MXOPS_STATE" });
  });

  it("--dry-run creates, sends and writes nothing, but reports what it would do", async () => {
    const file = writeList(3);
    await s.run("send", { recipient: { email: "user0@example.org" } });
    const r = await s.run("batch", { listFile: file, dryRun: true });
    expect(rows(r).map((x) => x.action)).toEqual(["skipped", "would-send", "would-send"]);
    expect(r.changed).toBe(false);
    expect(s.mas.tokens.size).toBe(1);
    expect(s.smtp.mails).toHaveLength(1);
  });
});

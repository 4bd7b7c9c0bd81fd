import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AuditLog } from "../../../src/tasks/invite/audit/log.js";
import { acquireLock } from "../../../src/tasks/invite/audit/lock.js";
import { foldAttempts, needsCleanup } from "../../../src/tasks/invite/audit/state.js";
import { tempDir } from "../../helpers/tmp.js";

const dir = tempDir("audit");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("audit lock", () => {
  it("lets exactly one of many concurrent acquirers in, and the next one after release", async () => {
    const file = path.join(dir, "a.jsonl");
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => acquireLock(file)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "MXOPS_STATE" });
    await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
    await (await acquireLock(file)).release();
  });

  it("takes over a stale lock once, even when several runs race for it", async () => {
    const file = path.join(dir, "b.jsonl");
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 4321, host: hostname(), since: "2026-01-01T00:00:00Z" }),
    );
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireLock(file)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("creates the audit directory privately and the log 0600", async () => {
    const file = path.join(dir, "sub", "dir", "audit.jsonl");
    const lock = await acquireLock(file);
    const log = new AuditLog(file, (s) => s);
    await log.append({
      ts: "2026-11-26T10:00:00Z",
      status: "pending",
      recipient: "a@b.org",
      backend: "mas",
      attempt: "1",
      ref: "sha256:00",
    });
    await lock.release();
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^\{"v":1,/);
  });
});

describe("audit state", () => {
  it("folds records per attempt and knows which attempts need cleanup", () => {
    const r = (attempt: string, status: string, extra: Record<string, unknown> = {}) => ({
      v: 1 as const,
      ts: "t",
      recipient: "A@B.org",
      backend: "mas" as const,
      attempt,
      status: status as never,
      ...extra,
    });
    const attempts = foldAttempts([
      r("1", "pending", { ref: "x" }),
      r("1", "created", { id: "ID1" }),
      r("2", "pending", { ref: "y" }),
      r("2", "failed", { reason: "create-failed" }),
      r("3", "pending"),
      r("3", "failed", { reason: "create-unknown" }),
      r("4", "pending"),
      r("4", "created", { id: "ID4" }),
      r("4", "failed", { id: "ID4", reason: "mail-rejected", revokedAt: "t" }),
      r("5", "pending"),
      r("5", "created", { id: "ID5" }),
      r("5", "sent", { messageId: "<m>" }),
    ]);
    expect(attempts.map((a) => [a.attempt, a.status, needsCleanup(a)])).toEqual([
      ["1", "created", true],
      ["2", "failed", false],
      ["3", "failed", true],
      ["4", "failed", false],
      ["5", "sent", false],
    ]);
    expect(attempts[0].recipient).toBe("a@b.org");
  });
});

// Hostile repositories and inputs (Hardening II items 5 and 7): an alias bomb in sops-check, a ConfigMap with
// 20,000 keys, an unreadable directory, a scanned repo whose .git/config names a command, oversized key files,
// absurd --expires values, and symbolic links planted in place of the invite audit log and its lock.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isMxopsError } from "../../src/core/errors.js";
import { acquireLock } from "../../src/tasks/invite/audit/lock.js";
import { AuditLog } from "../../src/tasks/invite/audit/log.js";
import { MAX_EXPIRY_DAYS, parseExpiry } from "../../src/tasks/invite/config.js";
import { cli } from "../helpers/cli.js";
import { requireTool } from "../helpers/tools.js";

const dirs: string[] = [];
afterAll(() => {
  // `rm -rf` copes with the over-long path of the unreadable-directory test (it works relative to each level).
  for (const d of dirs) execFileSync("rm", ["-rf", d]);
});

function temp(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mxops-hostile-"));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

type Json = { findings: Array<{ ruleId: string; file?: string; message: string }> };

/** 7 levels of 10 aliases: 10^7 nodes when expanded, from a few hundred bytes. */
function aliasBomb(): string {
  const lines = ["apiVersion: v1", "kind: Secret", "metadata: {name: s}", "stringData:", "  a0: &a0 x"];
  for (let i = 1; i <= 7; i++)
    lines.push(
      `  a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(",")}]`,
    );
  return `${lines.join("\n")}\n`;
}

describe("item 5: alias bomb in sops-check", () => {
  it("is one sops/yaml-invalid finding, as verify-config reports it, and the other files are still checked", async () => {
    const bomb = aliasBomb();
    expect(bomb.length).toBeLessThan(500);
    const dir = temp({
      "bomb.yaml": bomb,
      "plain.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: p}\nstringData: {a: b}\n",
    });
    const s = await cli(["sops-check", dir, "--format", "json"]);
    expect(s.code, s.stderr).toBe(1);
    const f = (JSON.parse(s.stdout) as Json).findings;
    const hit = f.find((x) => x.file === "bomb.yaml");
    expect(hit?.ruleId).toBe("sops/yaml-invalid");
    expect(hit?.message).toContain("RESOURCE_EXHAUSTION");
    expect(f.find((x) => x.file === "plain.yaml")?.ruleId).toBe("sops/plaintext-secret");
    const v = await cli(["verify-config", dir, "--format", "json"]);
    expect((JSON.parse(v.stdout) as Json).findings.map((x) => x.ruleId)).toContain("yaml/alias-expansion");
  }, 60_000);
});

describe("item 7a: one ConfigMap with 20,000 keys (bench/big-configmap.mjs measures it)", () => {
  it("verify-config and sops-check finish and report nothing", async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  key${i}: value${i}`).join("\n");
    const dir = temp({
      "cm.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: x}\ndata:\n${keys}\n`,
      "dup.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d, namespace: x}\ndata:\n  a: 1\n  a: 2\n",
    });
    const v = await cli(["verify-config", dir, "--format", "json"]);
    const vf = (JSON.parse(v.stdout) as Json).findings;
    expect(vf.filter((x) => x.file === "cm.yaml")).toEqual([]);
    // Duplicate keys are still found (now by mxops's own linear check).
    expect(vf.find((x) => x.file === "dup.yaml")?.ruleId).toBe("yaml/duplicate-key");
    const s = await cli(["sops-check", dir, "--format", "json"]);
    expect(s.code, s.stderr).toBe(0);
  }, 300_000);
});

describe("item 7c: an unreadable directory is a finding for that path", () => {
  it("sops-check (sops/unreadable) and verify-config (yaml/unreadable) report it and exit 1, not 2", async () => {
    const dir = temp({ "ok.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n" });
    // A directory whose absolute path is longer than PATH_MAX cannot be listed, whoever runs the test (root
    // reads a chmod-000 directory anyway). Built level by level with relative paths (chdir, mkdir).
    const level = "d".repeat(200);
    execFileSync(
      process.execPath,
      [
        "-e",
        "const fs = require('fs'); for (let i = 0; i < 24; i++) { fs.mkdirSync(process.argv[1]); process.chdir(process.argv[1]); } fs.writeFileSync('f.yaml', 'x: 1\\n');",
        level,
      ],
      { cwd: dir },
    );
    for (const [task, rule] of [
      ["sops-check", "sops/unreadable"],
      ["verify-config", "yaml/unreadable"],
    ]) {
      const r = await cli([task, dir, "--format", "json"]);
      expect(r.stderr, task).toBe("");
      expect(r.code, task).toBe(1);
      const hit = (JSON.parse(r.stdout) as Json).findings.find((x) => x.ruleId === rule);
      expect(hit?.file, task).toMatch(/^d+(\/d+)*\/$/);
      expect(hit?.message, task).toMatch(/directory cannot be listed \(ENAMETOOLONG\)/);
    }
  }, 120_000);
});

describe("item 7d: git on a scanned repository ignores commands in its .git/config", () => {
  it("core.fsmonitor in the scanned repo is never run by sops-check or verify-config (also with --changed)", async () => {
    const gitBin = requireTool("git", "apt-get install git");
    const dir = temp({ "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n" });
    const marker = path.join(dir, "..", `${path.basename(dir)}-fsmonitor-ran`);
    dirs.push(marker);
    const git = (...args: string[]) =>
      execFileSync(gitBin, ["-c", "user.email=t@example.org", "-c", "user.name=t", ...args], {
        cwd: dir,
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
      });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "one");
    writeFileSync(path.join(dir, "b.yaml"), "x: 1\n");
    git("add", ".");
    git("commit", "-qm", "two");
    git("config", "core.fsmonitor", `touch '${marker}'; false`);
    git("config", "core.hooksPath", path.join(dir, "hooks"));
    // The trap is armed: plain git runs it.
    git("status", "--short");
    expect(lstatSync(marker).isFile()).toBe(true);
    rmSync(marker);
    for (const argv of [
      ["sops-check", dir],
      ["verify-config", dir],
      ["sops-check", dir, "--changed", "HEAD~1"],
    ]) {
      const r = await cli(argv);
      expect(r.code, `${argv.join(" ")}: ${r.stderr}`).toBe(0);
      expect(() => lstatSync(marker), argv.join(" ")).toThrow();
    }
  }, 120_000);
});

describe("item 7e/7f: bounded key files and expiry values", () => {
  it("an age key file over 1 MiB is one input error line (exit 2), for sops-check and verify-config", async () => {
    const dir = temp();
    const big = path.join(dir, "keys.txt");
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 0x41));
    for (const task of ["sops-check", "verify-config"]) {
      const r = await cli([task, dir, "--age-key-file", big]);
      expect(r.code, task).toBe(2);
      expect(r.stderr, task).toMatch(/^mxops: error: .*keys\.txt: larger than 1 MiB, so not an age key file\n$/);
    }
  });

  it("--expires beyond 3650 days is a usage error, not 'Invalid time value'", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    for (const v of ["99999999999999d", "9999999999w", `${MAX_EXPIRY_DAYS + 1}d`, "9999-01-01"]) {
      let err: unknown;
      try {
        parseExpiry(v, now);
      } catch (e) {
        err = e;
      }
      expect(isMxopsError(err) && err.code === "MXOPS_USAGE" && /too far ahead/.test(err.message), v).toBe(true);
    }
    expect(parseExpiry(`${MAX_EXPIRY_DAYS}d`, now).toISOString()).toBe("2035-12-30T00:00:00.000Z");
  });
});

describe("item 7b: the invite audit log and its lock never follow symbolic links", () => {
  it("refuses a symlinked audit log (no append, no chmod of the target) and a symlinked lock, with an input error", async () => {
    const dir = temp({ "elsewhere.txt": "keep me\n" });
    const target = path.join(dir, "elsewhere.txt");
    execFileSync("chmod", ["0644", target]);
    const log = path.join(dir, "audit.jsonl");
    symlinkSync(target, log);
    const audit = new AuditLog(log, (s) => s);
    await expect(audit.read()).rejects.toMatchObject({ code: "MXOPS_INPUT" });
    await expect(
      audit.append({ ts: "2026-01-01T00:00:00Z", status: "sent", recipient: "a@example.org" }),
    ).rejects.toMatchObject({
      code: "MXOPS_INPUT",
    });
    await expect(acquireLock(log)).rejects.toMatchObject({ code: "MXOPS_INPUT" });
    expect(readFileSync(target, "utf8")).toBe("keep me\n");
    expect(statSync(target).mode & 0o777).toBe(0o644);
    const log2 = path.join(dir, "audit2.jsonl");
    symlinkSync(target, `${log2}.lock`);
    await expect(acquireLock(log2)).rejects.toMatchObject({ code: "MXOPS_INPUT" });
  });
});

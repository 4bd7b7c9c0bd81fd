import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { makeReport } from "../../src/core/report.js";
import { createHttpClient } from "../../src/core/http.js";
import { Redactor } from "../../src/core/redact.js";
import { notifyMatrix, notifyMessage, notifyTxnId } from "../../src/notify/matrix.js";
import { cliNotifyTarget, extractNotifyArgs, notifyContext } from "../../src/notify/options.js";
import { FakeHomeserver } from "../fakes/matrix.js";
import { TempRepo } from "../tasks/milestone-release/repo.js";

const servers: FakeHomeserver[] = [];
async function homeserver(): Promise<FakeHomeserver> {
  const hs = new FakeHomeserver();
  await hs.start();
  servers.push(hs);
  return hs;
}
afterEach(async () => {
  // Stop every server before judging any, so one with violations does not leave the others running.
  const done = servers.splice(0);
  await Promise.all(done.map((s) => s.stop()));
  for (const s of done) expect(s.violations).toEqual([]);
});
afterAll(() => TempRepo.cleanup());

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

  it("posts once for two identical runs (alias resolved), and returns failures instead of throwing", async () => {
    const hs = await homeserver();
    const r = makeReport("verify-config", findings);
    const target = { homeserver: `${hs.url}/`, room: "#ops:example.org", token: hs.token };
    const a = await notifyMatrix(target, r, { repo: "o/r", ref: "x" }, deps());
    const b = await notifyMatrix(target, r, { repo: "o/r", ref: "x" }, deps());
    expect(a).toMatchObject({ ok: true, eventId: "$ev1" });
    expect(b).toMatchObject({ ok: true, eventId: "$ev1" });
    expect(hs.events).toHaveLength(1);
    expect(hs.events[0].roomId).toBe("!ops:example.org");
    const d = deps();
    const bad = await notifyMatrix({ ...target, room: "!elsewhere:example.org" }, r, {}, d);
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/403 M_FORBIDDEN/) as string });
    expect(await notifyMatrix({ ...target, room: "ops" }, r, {}, deps())).toMatchObject({ ok: false });
    const down = await notifyMatrix({ ...target, homeserver: "http://127.0.0.1:9" }, r, {}, deps());
    expect(down.ok).toBe(false);
    expect(JSON.stringify([bad, down])).not.toContain(hs.token);
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
    const hs = await homeserver();
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
      hs.url,
      "--matrix-room",
      "!ops:example.org",
    ];
    expect(await runCli(argv, io(hs.token))).toBe(0);
    expect(hs.events).toHaveLength(1);
    expect(out.join("")).toContain("would create release");
    expect(out.join("")).toContain("M1: a\n=====");
    expect(await runCli(argv, io("wrong-matrix-token-77"))).toBe(0);
    expect(out.join("")).toMatch(/mxops: warning: notify\/failed: PUT .*401 M_UNKNOWN_TOKEN/);
    expect(out.join("")).not.toContain(hs.token);
    expect(out.join("")).not.toContain("wrong-matrix-token-77");
    expect(
      await runCli(["milestone-release", "--tag", "m1-a-complete", "--dry-run", "--notify-matrix"], io(hs.token)),
    ).toBe(2);
  });
});

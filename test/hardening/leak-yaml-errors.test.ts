// Plaintext through YAML error messages: a decrypted values.yaml with the `value: | s3cr3t…` typo, an embedded MAS
// config with `client_secret: > …`, and a plaintext Secret that does not parse. The yaml library's messages quote
// the source (`Not a YAML token: s3cr3t…`); mxops must report kind and position only. Every output channel is
// searched for each canary and for every 8-character fragment of it: CLI formats and --output files, the Action's
// log, annotations, outputs, job summary, JSON and SARIF files, and the Matrix notification (CLI and Action).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runStep } from "../action/runner.js";
import { cli } from "../helpers/cli.js";
import { startSynapse, SYNAPSE_HOOK_TIMEOUT_MS, type MatrixUser, type Synapse } from "../helpers/synapse.js";
import { tempDir } from "../helpers/tmp.js";

const KEY_FILE = path.resolve("examples/demo-age-key.txt");
const DEMO_KEY = readFileSync(KEY_FILE, "utf8");
const RECIPIENT = /age1[0-9a-z]{58}/.exec(
  readFileSync("examples/gitops/apps/matrix/ess-secret-values.sops.yaml", "utf8"),
)![0];

const CANARY_VALUES = "s3cr3tMACAROONq7w8e9r0t1y2u3";
const CANARY_MAS = "s3cr3tMASclientB9x8y7z6w5v4";
const CANARY_PLAIN = "s3cr3tPLAINc0ffee1234567890";
const CANARIES = [CANARY_VALUES, CANARY_MAS, CANARY_PLAIN];

/** The canary, or any 8-character piece of it, in `text` (what a truncated or wrapped quote would show). */
function leakedFragment(text: string, canary: string): string | undefined {
  for (let i = 0; i + 8 <= canary.length; i++) if (text.includes(canary.slice(i, i + 8))) return canary.slice(i, i + 8);
  return undefined;
}

function expectNoLeak(text: string, label: string): void {
  for (const c of CANARIES)
    expect(leakedFragment(text, c), `${label}: fragment of ${c.slice(0, 10)}… shown`).toBe(undefined);
}

function encryptSecret(dir: string, name: string, valuesYaml: string): string {
  const plain = path.join(dir, `${name}.plain.yaml`);
  const body = valuesYaml
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
  writeFileSync(
    plain,
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: matrix\ntype: Opaque\nstringData:\n  values.yaml: |\n${body}\n`,
  );
  const out = execFileSync(
    process.execPath,
    ["test/fixtures/tools/sops-encrypt.mjs", plain, "--age", RECIPIENT, "--encrypted-regex", "^(data|stringData)$"],
    { encoding: "utf8" },
  );
  rmSync(plain);
  return out;
}

const PLAIN_SECRET = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\n  namespace: matrix\nstringData:\n  password: | ${CANARY_PLAIN}\n`;

/** The example GitOps repo with the ESS values Secret replaced, plus a plaintext Secret that does not parse. */
function scenario(root: string, name: string, valuesYaml: string): string {
  const dir = path.join(root, name);
  cpSync("examples/gitops", dir, { recursive: true });
  const secret = path.join(dir, "apps/matrix/ess-secret-values.sops.yaml");
  writeFileSync(secret, encryptSecret(root, "ess-secret-values", valuesYaml));
  mkdirSync(path.join(dir, "apps/other"), { recursive: true });
  writeFileSync(path.join(dir, "apps/other/plain-secret.yaml"), PLAIN_SECRET);
  return dir;
}

describe("no plaintext through YAML error messages", () => {
  let root: string;
  let typo: string;
  let masConfig: string;
  let hs: Synapse | undefined;
  let bot: MatrixUser;
  let roomId = "";
  /** What the bot posted, read back from the room (the real homeserver's record of the notifications). */
  const events = async () => JSON.stringify(await hs!.messages(hs!.admin, roomId));
  beforeAll(async () => {
    root = tempDir("leak-yaml");
    typo = scenario(root, "typo", `synapse:\n  macaroon:\n    value: | ${CANARY_VALUES}\n`);
    masConfig = scenario(
      root,
      "mas",
      [
        "matrixAuthenticationService:",
        "  additional:",
        "    upstream.yaml:",
        "      config: |",
        "        upstream_oauth2:",
        "          providers:",
        "            - id: 01H8PKNWKKRPCBW4YGH1RWV279",
        `              client_secret: > ${CANARY_MAS}`,
        "",
      ].join("\n"),
    );
    hs = await startSynapse();
    bot = await hs.register("mxops-bot");
    roomId = await hs.createRoom(hs.admin, { alias: "ops", name: "Ops" });
    await hs.join(bot, roomId);
  }, SYNAPSE_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await hs?.stop();
  });

  it("reports the problems with kind and position only", async () => {
    const v = await cli(["verify-config", typo, "--age-key-file", KEY_FILE, "--format", "json", "--fail-on", "never"]);
    expect(v.code, v.stderr).toBe(0);
    const f = (JSON.parse(v.stdout) as { findings: Array<{ ruleId: string; message: string; file: string }> }).findings;
    const syntax = f.filter((x) => x.ruleId === "yaml/syntax");
    expect(syntax.map((x) => x.file).sort()).toEqual([
      "apps/matrix/ess-secret-values.sops.yaml",
      "apps/other/plain-secret.yaml",
    ]);
    for (const x of syntax) expect(x.message).toMatch(/^YAML syntax error \([A-Z_]+\): /);
    const m = await cli([
      "verify-config",
      masConfig,
      "--age-key-file",
      KEY_FILE,
      "--format",
      "json",
      "--fail-on",
      "never",
    ]);
    const mf = (JSON.parse(m.stdout) as { findings: Array<{ ruleId: string; message: string }> }).findings;
    expect(mf.find((x) => x.ruleId === "mas/config-not-yaml")?.message).toMatch(
      /is not valid YAML: YAML syntax error \(/,
    );
    const s = await cli(["sops-check", typo, "--age-key-file", KEY_FILE, "--format", "json", "--fail-on", "never"]);
    const sf = (JSON.parse(s.stdout) as { findings: Array<{ ruleId: string; message: string; file: string }> })
      .findings;
    const plain = sf.find((x) => x.file === "apps/other/plain-secret.yaml");
    expect(plain?.ruleId).toBe("sops/yaml-invalid");
    expect(plain?.message).toMatch(/^cannot parse the file: YAML syntax error \(/);
  }, 120_000);

  it("CLI: every format, --output files and the Matrix notification", async () => {
    const env = { MXOPS_MATRIX_TOKEN: bot.accessToken };
    for (const dir of [typo, masConfig]) {
      for (const task of ["verify-config", "sops-check"]) {
        for (const format of ["text", "json", "sarif", "github"]) {
          const base = [task, dir, "--age-key-file", KEY_FILE, "--format", format, "--fail-on", "never"];
          const r = await cli(base, env);
          expectNoLeak(r.stdout + r.stderr, `${task} ${format}`);
          const out = path.join(root, `out-${task}.${format}`);
          const w = await cli([...base, "--output", out], env);
          expect(w.code, w.stderr).toBe(0);
          expectNoLeak(readFileSync(out, "utf8") + w.stdout + w.stderr, `${task} ${format} --output`);
        }
        const n = await cli(
          [
            task,
            dir,
            "--age-key-file",
            KEY_FILE,
            "--fail-on",
            "never",
            "--notify-matrix",
            "--matrix-homeserver",
            hs!.url,
            "--matrix-room",
            roomId,
          ],
          env,
        );
        expect(n.stderr).toBe("");
      }
    }
    // Identical reports share a transaction id, so the homeserver keeps one event for them.
    const posted = await events();
    expect((await hs!.messages(hs!.admin, roomId)).length).toBeGreaterThanOrEqual(2);
    expect(posted).toMatch(/YAML syntax error/);
    expectNoLeak(posted, "Matrix events (CLI)");
  }, 300_000);

  it("Action: log, annotations, outputs, summary, JSON and SARIF files, Matrix notification", async () => {
    for (const dir of [typo, masConfig]) {
      for (const task of ["verify-config", "sops-check"]) {
        for (const format of ["text", "github"]) {
          const step = await runStep({
            cwd: dir,
            with: {
              task,
              "age-key": DEMO_KEY,
              "fail-on": "never",
              format,
              "matrix-homeserver": hs!.url,
              "matrix-room": roomId,
              "matrix-token": bot.accessToken,
            },
          });
          expect(step.code, step.stderr).toBe(0);
          const sarif = step.outputs.sarif ? readFileSync(step.outputs.sarif, "utf8") : "";
          expect(step.annotations.length).toBeGreaterThan(0);
          expectNoLeak(step.all + sarif, `Action ${task} ${format}`);
        }
      }
    }
    expectNoLeak(await events(), "Matrix events (Action)");
  }, 300_000);
});

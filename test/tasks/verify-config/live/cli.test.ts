// End to end through the CLI: repo values → hints → probes against the local stack, JSON report out.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../../../src/core/finding.js";
import { cli } from "../../../helpers/cli.js";
import {
  CLIENT_WELL_KNOWN,
  HEALTHY_AUTHENTIK,
  HOSTS,
  TestStack,
  json,
  serveAuthentik,
  type AuthentikState,
} from "./stack.js";
import { tempDir } from "../../../helpers/tmp.js";

const TOKEN = "ak-cli-token-3c5e7a9b1d";
const REPO = new URL("../../../fixtures/verify-config/live/repo", import.meta.url).pathname;
const stack = new TestStack(TOKEN);
let state: AuthentikState = HEALTHY_AUTHENTIK;
let caFile = "";
beforeAll(async () => {
  serveAuthentik(stack.authentik, () => state);
  await stack.start();
  caFile = path.join(tempDir("live-cli"), "ca.pem");
  writeFileSync(caFile, stack.pki.caCert);
});
afterEach(() => {
  expect(stack.authentik.violations).toEqual([]);
  state = HEALTHY_AUTHENTIK;
  stack.reset();
});
afterAll(() => stack.stop());

function argv(format = "json"): string[] {
  const resolve = Object.entries(stack.resolve()).flatMap(([k, v]) => ["--resolve", `${k}:${v}`]);
  return ["verify-config", REPO, "--live", "--ca-file", caFile, "--timeout", "5000", "--format", format, ...resolve];
}

const probes = (r: Report) => r.findings.filter((f) => f.ruleId.startsWith("probe/"));

describe("verify-config --live through the CLI", () => {
  it("probes the hosts named in the repo's values and finds a healthy stack healthy", async () => {
    const run = await cli(argv(), { AUTHENTIK_TOKEN: TOKEN });
    const report = JSON.parse(run.stdout) as Report;
    expect(report.findings).toEqual([]);
    expect(run.code).toBe(0);
    expect(stack.hits).toEqual(
      expect.arrayContaining([`GET ${HOSTS.server}/.well-known/matrix/client`, `UPGRADE ${HOSTS.rtc}/rtc`]),
    );
    expect(stack.authentik.requests.map((r) => r.operationId)).toContain("providers_oauth2_list");
  });

  it("fails the run on a broken probe and never prints the token, in any format", async () => {
    const { ["org.matrix.msc4143.rtc_foci"]: _drop, ...rest } = CLIENT_WELL_KNOWN;
    stack.override(HOSTS.server, "/.well-known/matrix/client", json(200, rest, { "access-control-allow-origin": "*" }));
    state = { ...HEALTHY_AUTHENTIK, redirectUris: [] };
    for (const format of ["json", "text", "sarif", "github"]) {
      const run = await cli(argv(format), { AUTHENTIK_TOKEN: TOKEN });
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toContain(TOKEN);
      if (format === "json") {
        expect(
          probes(JSON.parse(run.stdout) as Report)
            .map((f) => f.ruleId)
            .sort(),
        ).toEqual(["probe/authentik-redirect-uri", "probe/rtc-focus-missing"]);
      }
    }
  });
});

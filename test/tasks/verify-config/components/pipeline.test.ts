// The component rules inside the real verify-config pipeline: the incidents of issue 4 from a
// ConfigMap values.yaml (a block scalar holding YAML that holds more block scalars), reported at the
// outer file's real lines.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultDeps } from "../../../../src/core/deps.js";
import { verifyOffline } from "../../../../src/tasks/verify-config/index.js";

const ROOT = "test/fixtures/verify-config/components/incident-repo";
const FILE = "apps/matrix/ess-values.yaml";

describe("component rules in the verify-config pipeline", () => {
  it("reports the invented Synapse and MAS keys and broken Element JSON at the lines they are written", async () => {
    const { findings } = await verifyOffline({ root: ROOT }, defaultDeps());
    const lines = readFileSync(`${ROOT}/${FILE}`, "utf8").split("\n");
    const mine = findings
      .filter((f) => /^(synapse|mas|element|creds|consistency)\//.test(f.ruleId))
      .map((f) => [f.ruleId, f.file, lines[(f.line ?? 0) - 1]?.trim().split(":")[0]]);
    expect(mine).toEqual(
      expect.arrayContaining([
        ["synapse/unknown-key", FILE, "matrix_rtc_enabled"],
        ["synapse/unknown-key", FILE, "matrix_rtc_uri"],
        ["mas/unknown-key", FILE, "upstream_oauth2_config"],
        ["mas/unknown-key", FILE, "user_mapping_provider"],
        ["mas/unknown-key", FILE, "access"],
        ["element/config-not-json", FILE, "}"],
      ]),
    );
    expect(findings.filter((f) => f.ruleId === "verify-config/rule-failed")).toEqual([]);
    // Optional fields are omitted, never null, undefined or empty.
    for (const f of findings.filter((x) => /^(synapse|mas|element|creds|consistency)\//.test(x.ruleId))) {
      for (const [k, v] of Object.entries(f)) {
        expect(v, k).not.toBeUndefined();
        expect(v, k).not.toBeNull();
      }
      if (f.data) expect(Object.keys(f.data).length).toBeGreaterThan(0);
      expect(f.line).toBeGreaterThan(0);
    }
  });
});

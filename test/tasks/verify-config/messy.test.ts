import { describe, expect, it } from "vitest";
import { findingsForFixture } from "./helpers.js";

describe("messy real-world repositories", () => {
  it("gives at most one precise finding per problem and never stops or crashes", async () => {
    const f = await findingsForFixture("messy");
    expect(f.map((x) => [x.ruleId, x.file, x.line])).toEqual([
      ["yaml/alias-expansion", "apps/alias-bomb.yaml", 1],
      ["yaml/alias-expansion", "apps/anchors.yaml", 24],
      ["yaml/unquoted-template", "apps/externalsecret.yaml", 21],
      ["flux/values-external-unknown", "partial/helmrelease.yaml", 17],
    ]);
    expect(f.some((x) => x.ruleId === "verify-config/rule-failed")).toBe(false);
  });
});

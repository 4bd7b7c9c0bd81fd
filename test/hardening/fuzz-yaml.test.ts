import { readFileSync } from "node:fs";
import fc from "fast-check";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { keySpan, parseYaml, toJS } from "../../src/core/yaml.js";
import { FUZZ_TIMEOUT, fuzzParams, jsonValue, mutatedText } from "../helpers/fuzz.js";

const seeds = [
  "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n",
  "a: &x {b: 1}\nc: *x\nd:\n  <<: *x\n  e: [1, 2, {f: g}]\n",
  "values.yaml: |\n  synapse:\n    additional:\n      x:\n        config: |\n          a: 1\n",
  readFileSync("test/fixtures/sops-vectors/sops-age/secret.enc.yaml", "utf8"),
  "spec:\n  template:\n    data:\n      x: '{{ .password }}'\n      y: {{ .bad }}\n",
];

describe("YAML layer under hostile input", { timeout: FUZZ_TIMEOUT }, () => {
  it("parseYaml/toJS/keySpan never throw on mutated YAML", () => {
    fc.assert(
      fc.property(mutatedText(seeds), (text) => {
        const p = parseYaml(text, { merge: true });
        for (let i = 0; i < p.docs.length; i++) {
          toJS(p.docs[i]);
          keySpan(p, i, ["a", "b", 0]);
        }
        for (const prob of p.problems) {
          expect(prob.line).toBeGreaterThanOrEqual(1);
          expect(prob.message).not.toContain("\n");
        }
      }),
      fuzzParams,
    );
  });

  it("round-trips generated documents without problems", () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const p = parseYaml(YAML.stringify(v));
        expect(p.problems.filter((x) => x.severity === "error")).toEqual([]);
        const js = toJS(p.docs[0]);
        // Compared as JSON: YAML keeps -0 where JSON writes 0.
        expect(JSON.stringify(js)).toBe(JSON.stringify({ value: v }));
      }),
      { ...fuzzParams, numRuns: Math.min(fuzzParams.numRuns, 2000) },
    );
  });

  it("handles deep nesting and huge scalars without crashing", () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const r = parseYaml(deep);
    // Refused before parsing with one problem (see MAX_NESTING), not a stack overflow.
    expect(r.problems.map((p) => p.code)).toEqual(["NESTING_TOO_DEEP"]);
    const big = `a: ${"x".repeat(2_000_000)}\n`;
    expect(toJS(parseYaml(big).docs[0])).toEqual({ value: { a: "x".repeat(2_000_000) } });
  });
});

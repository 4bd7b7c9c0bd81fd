import { describe, expect, it } from "vitest";
import { formatPath, keySpan, parseYaml, toJS } from "../../src/core/yaml.js";

describe("yaml helpers", () => {
  it("reports duplicate keys and syntax errors with positions, per document", () => {
    const p = parseYaml("a: 1\na: 2\n---\nb: [1, 2\n---\nc: !env_var X\n");
    expect(p.docs).toHaveLength(3);
    const codes = p.problems.map((x) => `${x.code}@${x.line}`);
    expect(codes).toContain("DUPLICATE_KEY@2");
    expect(p.problems.some((x) => x.line >= 4 && x.severity === "error")).toBe(true);
    expect(p.problems.some((x) => x.code === "TAG_RESOLVE_FAILED")).toBe(false);
  });

  it("finds key positions, falling back to the nearest parent", () => {
    const p = parseYaml("x: 1\nspec:\n  values:\n    serverName: example.org\n    list:\n      - a\n      - b\n");
    expect(keySpan(p, 0, ["spec", "values", "serverName"])).toMatchObject({ line: 4, column: 5 });
    expect(keySpan(p, 0, ["spec", "values", "list", 1])).toMatchObject({ line: 7, column: 9 });
    expect(keySpan(p, 0, ["spec", "values", "missing"])).toMatchObject({ line: 3, column: 3 });
  });

  it("bounds alias expansion (billion laughs) instead of exhausting memory", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    const p = parseYaml(bomb.join("\n"));
    expect(toJS(p.docs[0])).toHaveProperty("error");
  });

  it("formats key paths", () => {
    expect(formatPath(["spec", "values", "synapse", "additional", "my.conf", 0])).toBe(
      'spec.values.synapse.additional["my.conf"][0]',
    );
  });
});

import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../src/core/yaml.js";
import { fileView, locateInStringOfView } from "../../../src/tasks/verify-config/repo/view.js";

/** Position in the outer text of (line, column) inside the string at `path`, and the character there. */
function mapped(text: string, path: (string | number)[], line: number, column: number) {
  const parsed = parseYaml(text);
  const loc = locateInStringOfView(fileView("f.yaml", text, parsed), 0, path, line, column);
  const outerLine = text.split("\n")[(loc?.line ?? 1) - 1] ?? "";
  return { loc, char: outerLine.slice((loc?.column ?? 1) - 1, (loc?.column ?? 1) + 4) };
}

describe("block scalar position mapping", () => {
  it("maps a literal block scalar line by line", () => {
    const text = "data:\n  values.yaml: |\n    serverName: a\n    synapse:\n      bogus: 1\n";
    const r = mapped(text, ["data", "values.yaml"], 3, 3);
    expect(r.loc).toMatchObject({ file: "f.yaml", line: 5, column: 7 });
    expect(r.char).toBe("bogus");
  });

  it("keeps leading blank lines of a literal scalar", () => {
    const text = "k: |\n\n  first\n\n  second\n";
    expect(mapped(text, ["k"], 4, 1).loc).toMatchObject({ line: 5, column: 3 });
  });

  it("honours an explicit indentation indicator and strip chomping", () => {
    const text = "a:\n  b: |2-\n      deeper: 1\n    top: 2\n";
    // value is "  deeper: 1\ntop: 2"
    const r = mapped(text, ["a", "b"], 2, 1);
    expect(r.loc).toMatchObject({ line: 4, column: 5 });
    expect(r.char).toBe("top: ");
    expect(mapped(text, ["a", "b"], 1, 3).char).toBe("deepe");
  });

  it("handles indicator-then-chomping (|-2) and keep chomping (|+)", () => {
    const text = "x: |-2\n    y: 1\n  z: 2\nw: |+\n  one\n  two\n\n";
    expect(mapped(text, ["x"], 2, 1).char).toBe("z: 2");
    expect(mapped(text, ["w"], 2, 1).loc).toMatchObject({ line: 6, column: 3 });
  });

  it("maps folded scalars, where source lines join into one value line", () => {
    const text = "c: >-\n  one\n  two\n\n  three\n    more\n  end\n";
    // value: "one two\nthree\n  more\nend"
    expect(mapped(text, ["c"], 1, 5).char).toBe("two");
    expect(mapped(text, ["c"], 2, 1).loc).toMatchObject({ line: 5, column: 3 });
    expect(mapped(text, ["c"], 3, 3).char).toBe("more");
    expect(mapped(text, ["c"], 4, 1).char).toBe("end");
  });

  it("maps single-line quoted and plain scalars best-effort", () => {
    const text = 'a: \'{"x": 1}\'\nb: {"y": 2}\nc: plain text here\n';
    expect(mapped(text, ["a"], 1, 2).char).toBe('"x": ');
    expect(mapped(text, ["c"], 1, 7).char).toBe("text ");
  });

  it("maps through nested block scalars (values.yaml holding synapse config)", async () => {
    const { embeddedView } = await import("../../../src/tasks/verify-config/repo/view.js");
    const text = [
      "kind: ConfigMap",
      "data:",
      "  values.yaml: |",
      "    synapse:",
      "      additional:",
      "        x:",
      "          config: |",
      "            matrix_rtc_enabled: true",
      "",
    ].join("\n");
    const outer = fileView("cm.yaml", text, parseYaml(text));
    const inner = outer.parsed.docs[0]?.getIn(["data", "values.yaml"]) as string;
    const innerView = embeddedView(outer, 0, ["data", "values.yaml"], inner, parseYaml(inner));
    const loc = locateInStringOfView(innerView, 0, ["synapse", "additional", "x", "config"], 1, 1);
    expect(loc).toMatchObject({ file: "cm.yaml", line: 8, column: 13 });
  });

  it("falls back to the scalar's start when the value cannot be reproduced", () => {
    const text = 'k: "a\\tb\\nc"\n';
    expect(mapped(text, ["k"], 2, 1).loc).toMatchObject({ line: 1 });
  });
});

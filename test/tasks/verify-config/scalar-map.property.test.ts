import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../src/core/yaml.js";
import { fileView, locateInStringOfView } from "../../../src/tasks/verify-config/repo/view.js";

/** One content line of a block scalar: extra indentation (more-indented lines) and words, or blank. */
const line = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ extra: 0, words: [] as string[] }) },
  {
    weight: 5,
    arbitrary: fc.record({
      extra: fc.constantFrom(0, 0, 0, 2),
      words: fc.array(fc.stringMatching(/^[a-z0-9:{}"]{1,6}$/), { minLength: 1, maxLength: 4 }),
    }),
  },
);

describe("block scalar mapping (property)", () => {
  it("maps every non-space character of literal and folded values back to the same character in the file", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("|", ">"),
        fc.constantFrom("", "-", "+"),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(line, { minLength: 1, maxLength: 8 }),
        (style, chomp, indicator, nesting, lines) => {
          // The first content line decides auto-detected indentation: keep it not more-indented.
          const first = lines.findIndex((l) => l.words.length > 0);
          if (first < 0 || (indicator === undefined && lines[first].extra > 0)) return;
          const parent = "  ".repeat(nesting);
          const indent = parent.length + (indicator ?? 2);
          const header = `${style}${indicator ?? ""}${chomp}`;
          const keys = Array.from({ length: nesting }, (_, i) => `k${i}`);
          const text =
            keys.map((k, i) => `${"  ".repeat(i)}${k}:\n`).join("") +
            `${parent}v: ${header}\n` +
            lines.map((l) => (l.words.length ? `${" ".repeat(indent + l.extra)}${l.words.join(" ")}` : "")).join("\n") +
            "\nafter: 1\n";
          const parsed = parseYaml(text);
          if (parsed.problems.length > 0) return;
          const value = parsed.docs[0]?.getIn([...keys, "v"]);
          if (typeof value !== "string") return;
          const view = fileView("f.yaml", text, parsed);
          const src = text.split("\n");
          const vlines = value.split("\n");
          vlines.forEach((vl, li) => {
            for (let ci = 0; ci < vl.length; ci++) {
              if (vl[ci] === " ") continue;
              const loc = locateInStringOfView(view, 0, [...keys, "v"], li + 1, ci + 1);
              expect(loc).toBeDefined();
              expect(src[(loc!.line ?? 1) - 1]?.[(loc!.column ?? 1) - 1]).toBe(vl[ci]);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

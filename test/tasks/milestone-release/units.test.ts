import { describe, expect, it } from "vitest";
import { previousFromList } from "../../../src/tasks/milestone-release/collect.js";
import { firstParentChain } from "../../../src/tasks/milestone-release/forge.js";
import { globToRegExp, literalSuffix } from "../../../src/tasks/milestone-release/glob.js";
import { assertTagName } from "../../../src/tasks/milestone-release/localgit.js";
import { matchMilestone } from "../../../src/tasks/milestone-release/milestone.js";
import { commitSection, renderNotes, splitMessage } from "../../../src/tasks/milestone-release/notes.js";
import { nextLink } from "../../../src/tasks/milestone-release/api.js";

describe("tag glob", () => {
  it("reads the workflow trigger syntax", () => {
    const re = globToRegExp("m*-*-complete");
    expect(re.test("m3-turn-complete")).toBe(true);
    expect(re.test("m3-turn-completed")).toBe(false);
    expect(re.test("m3/x-y-complete")).toBe(false);
    expect(globToRegExp("v[0-9].*").test("v1.2")).toBe(true);
    expect(globToRegExp("v[!0-9]*").test("v1")).toBe(false);
    expect(globToRegExp("rel/**").test("rel/a/b")).toBe(true);
    expect(globToRegExp("a.b").test("axb")).toBe(false);
    expect(() => globToRegExp("m[")).toThrow(/unterminated/);
    expect(literalSuffix("m*-*-complete")).toBe("-complete");
  });
});

describe("tag names", () => {
  it("rejects names that could be options or rev expressions", () => {
    for (const bad of ["-x", "a..b", "a b", "a~1", "a^", "x:y", "a@{1}", "a.lock", "a/", ""])
      expect(() => assertTagName(bad), bad).toThrow();
    expect(() => assertTagName("m3-turn-complete")).not.toThrow();
  });
});

describe("notes", () => {
  it("splits the annotation into title and body", () => {
    expect(splitMessage("Title\n\nBody line\n\n")).toEqual({ subject: "Title", body: "Body line" });
    expect(splitMessage("Only")).toEqual({ subject: "Only", body: "" });
  });

  it("groups conventional commits, marks breaking changes, escapes Markdown", () => {
    const lines = commitSection(
      [
        { sha: "a".repeat(40), subject: "feat!: drop v1 config" },
        { sha: "b".repeat(40), subject: "fix(mas): <script> [x](y)" },
        { sha: "c".repeat(40), subject: "update readme" },
      ],
      "https://git.example.org/o/r",
    ).join("\n");
    expect(lines).toContain(
      "### Features\n\n- ⚠️ drop v1 config ([`aaaaaaa`](https://git.example.org/o/r/commit/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa))",
    );
    expect(lines).toContain("- **mas:** \\<script\\> \\[x\\](y)");
    expect(lines).toContain("### Other changes\n\n- update readme");
    expect(lines.indexOf("Features")).toBeLessThan(lines.indexOf("Fixes"));
  });

  it("renders without links when no forge is known and notes truncation", () => {
    const s = renderNotes({ body: "", commits: [{ sha: "d".repeat(40), subject: "x" }], truncated: true });
    expect(s).toBe("## Changes\n\n- x (`ddddddd`)\n\n… older commits left out (1 shown).\n");
  });
});

describe("milestone matching", () => {
  const ms = (titles: string[]) => titles.map((title, i) => ({ id: i + 1, title, state: "open" }));
  it("prefers the tag, then the stem, then the first segment", () => {
    expect(matchMilestone(ms(["m3-turn-complete", "m3-turn"]), "m3-turn-complete", "m*-*-complete")).toMatchObject({
      milestone: { title: "m3-turn-complete" },
    });
    expect(matchMilestone(ms(["M3 TURN relay", "m3-turn"]), "m3-turn-complete", "m*-*-complete")).toMatchObject({
      milestone: { title: "m3-turn" },
    });
    expect(matchMilestone(ms(["M3: TURN", "M30: later"]), "m3-turn-complete", "m*-*-complete")).toMatchObject({
      milestone: { title: "M3: TURN" },
    });
    expect(matchMilestone(ms(["M3: a", "m3 b"]), "m3-turn-complete", "m*-*-complete")).toHaveProperty("ambiguous");
    expect(matchMilestone(ms(["M4"]), "m3-turn-complete", "m*-*-complete")).toEqual({ none: true });
    expect(matchMilestone(ms(["Calls"]), "m3-turn-complete", "m*-*-complete", "calls")).toMatchObject({
      milestone: { title: "Calls" },
    });
  });
});

describe("API fallbacks", () => {
  it("picks the previous tag by commit date, else by natural order", () => {
    const re = globToRegExp("m*-*-complete");
    const cur = { name: "m10-x-complete", commitSha: "c10", annotated: true, created: "2026-05-10T00:00:00Z" };
    const tags = [
      cur,
      { name: "m9-x-complete", commitSha: "c9", annotated: true, created: "2026-05-09T00:00:00Z" },
      { name: "m2-x-complete", commitSha: "c2", annotated: true, created: "2026-05-02T00:00:00Z" },
      { name: "v9", commitSha: "v9", annotated: true, created: "2026-05-09T12:00:00Z" },
    ];
    expect(previousFromList(tags, cur, re)?.name).toBe("m9-x-complete");
    const undated = tags.map(({ created: _c, ...t }) => t);
    expect(previousFromList(undated, undated[0], re)?.name).toBe("m9-x-complete");
    expect(previousFromList([cur], cur, re)).toBeUndefined();
  });

  it("follows first parents through a compare result", () => {
    const chain = firstParentChain(
      [
        { sha: "m", subject: "merge", parents: ["a", "s"] },
        { sha: "s", subject: "side", parents: ["a"] },
        { sha: "a", subject: "a", parents: ["base"] },
      ],
      "m",
    );
    expect(chain.map((c) => c.sha)).toEqual(["m", "a"]);
  });

  it("reads Link headers", () => {
    expect(nextLink('<https://h/x?page=2>; rel="next", <https://h/x?page=5>; rel="last"')).toBe("https://h/x?page=2");
    expect(nextLink('<https://h/x?page=1>; rel="first"')).toBeUndefined();
  });
});

describe("tag patterns from the repository are matched in linear time", () => {
  it("a pattern that backtracks catastrophically in a backtracking engine still answers at once", () => {
    // `^[^/]*a[^/]*a…b$` against a long run of `a` is exponential-ish in backtracking engines; RE2 is linear.
    const m = globToRegExp(`${"*a".repeat(12)}*b`);
    const started = process.hrtime.bigint();
    expect(m.test("a".repeat(5000))).toBe(false);
    expect(m.test(`${"a".repeat(30)}b`)).toBe(true);
    // Generous bound: this is a hang detector, not a benchmark.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});

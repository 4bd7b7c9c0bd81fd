import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultChangedRange, mapInputs } from "../../src/action.js";
import { actionSummary } from "../../src/action-summary.js";
import { makeReport } from "../../src/core/report.js";
import { tempDir } from "../helpers/tmp.js";

const rt = (inputs: Record<string, string>, masked: string[] = []) => ({
  getInput: (n: string) => inputs[n] ?? "",
  setSecret: (s: string) => void masked.push(s),
});

describe("Action inputs", () => {
  it("maps flags, booleans, repeatable lists, positionals and masked env secrets", () => {
    const masked: string[] = [];
    const { argv, env } = mapInputs(
      [
        { input: "values", flag: "values" },
        { input: "dry-run", flag: "dry-run", boolean: true },
        { input: "draft", flag: "draft", boolean: true },
        { input: "paths", positional: true },
        { input: "age-key", env: "SOPS_AGE_KEY", secret: true },
        { input: "tag", flag: "tag" },
      ],
      rt(
        {
          values: "a.yaml\nb.yaml",
          "dry-run": "TRUE",
          draft: "false",
          paths: "apps, clusters",
          "age-key": "AGE-SECRET-KEY-1XYZ",
          tag: "--x",
        },
        masked,
      ),
      { values: { type: "string", multiple: true, help: "" } },
    );
    expect(argv).toEqual(["--values=a.yaml", "--values=b.yaml", "--dry-run", "--tag=--x", "--", "apps", "clusters"]);
    expect(env).toEqual({ SOPS_AGE_KEY: "AGE-SECRET-KEY-1XYZ" });
    expect(masked).toEqual(["AGE-SECRET-KEY-1XYZ"]);
    expect(() => mapInputs([{ input: "draft", flag: "draft", boolean: true }], rt({ draft: "yes" }))).toThrow(
      /true or false/,
    );
  });

  it("defaults the changed range to the pushed range, whole tree for new branches and other events", async () => {
    const dir = tempDir("ev");
    const ev = (o: unknown) => {
      const p = path.join(dir, `${Math.random()}.json`);
      writeFileSync(p, JSON.stringify(o));
      return p;
    };
    const before = "a".repeat(40);
    const after = "b".repeat(40);
    expect(await defaultChangedRange({ GITHUB_EVENT_NAME: "push", GITHUB_EVENT_PATH: ev({ before, after }) })).toBe(
      `${before}..${after}`,
    );
    expect(
      await defaultChangedRange({
        GITHUB_EVENT_NAME: "push",
        GITHUB_EVENT_PATH: ev({ before: "0".repeat(40), after }),
      }),
    ).toBeUndefined();
    expect(
      await defaultChangedRange({ GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: ev({ before, after }) }),
    ).toBeUndefined();
    expect(
      await defaultChangedRange({ GITHUB_EVENT_NAME: "push", GITHUB_EVENT_PATH: path.join(dir, "missing.json") }),
    ).toBeUndefined();
  });
});

describe("job summary", () => {
  it("adds the changed files and the release link", () => {
    const r = makeReport("verify-config", [
      { ruleId: "k8s/x", severity: "error", message: "bad | pipe", file: "apps/a.yaml", line: 3 },
    ]);
    const s = actionSummary(r, { changed: { range: "a..b", files: ["apps/a.yaml", "clusters/b.yaml"] } });
    expect(s).toContain("| error | `k8s/x` | apps/a.yaml:3 | bad \\| pipe |");
    expect(s).toContain(
      "<details><summary>Changed files in a..b (2)</summary>\n\n- `apps/a.yaml`\n- `clusters/b.yaml`",
    );
    const rel = makeReport("milestone-release", [], {
      changed: true,
      results: { release: { action: "created", url: "https://g/r", title: "M2 [x]", body: "notes" } },
    });
    expect(actionSummary(rel)).toContain("**Release:** [M2 \\[x\\]](https://g/r) — created");
  });
});

// Workflow-command and Markdown injection: text from the repository (file names, keys, messages quoting them)
// must stay data in every channel — step log lines, annotations, the job summary, Matrix HTML, the terminal.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeReport } from "../../src/core/report.js";
import { actionSummary } from "../../src/action-summary.js";
import { logText } from "../../src/format/escape.js";
import { render } from "../../src/format/index.js";
import { notifyMessage } from "../../src/notify/matrix.js";
import { runStep } from "../action/runner.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SECRET = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: v\n";
const INJECT_NAME = "x\n::stop-commands::pwn0wned\n::error title=forged::injected\n##[error]legacy.yaml";
const MD_NAME = "[Click](https:evil.example) <img src=x onerror=alert(1)> | ok.yaml";
const hostile = {
  ruleId: "ess/unknown-key",
  severity: "error" as const,
  message: "unknown key [Click](https://evil.example) <img src=x onerror=alert(1)> ![i](https://evil.example/p.png)",
  file: INJECT_NAME,
  line: 2,
  keyPath: "a.`code`|<b>bold</b>\n# heading",
  hint: "\u001b[2J\u001b]8;;https://evil.example\u0007link",
};

/** Lines a runner would parse as workflow commands (after trimming leading blanks, as it does). */
function commandLines(stdout: string): string[] {
  return stdout.split(/\r?\n/).filter((l) => l.trimStart().startsWith("::") || l.includes("##["));
}

describe("repository text never becomes a workflow command, Markdown or HTML", () => {
  it("Action step log: only mxops's own commands; a file name with newlines and ::stop-commands:: is inert", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mxops-inject-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, INJECT_NAME), SECRET);
    writeFileSync(path.join(dir, MD_NAME), SECRET);
    for (const format of ["text", "json", "github"]) {
      const step = await runStep({ cwd: dir, with: { task: "sops-check", "fail-on": "never", format } });
      expect(step.code, step.stderr).toBe(0);
      const commands = commandLines(step.stdout);
      expect(commands.length).toBeGreaterThan(0);
      for (const l of commands) expect(l, format).toMatch(/^::(error|warning|notice|add-mask) [^:]*::|^::add-mask::/);
      expect(step.stdout).not.toMatch(/^\s*::stop-commands::/m);
      expect(step.annotations.map((a) => a.props.title)).not.toContain("forged");
      // The annotation still names the file, exactly.
      expect(step.annotations.map((a) => a.props.file)).toContain(INJECT_NAME);
      // Job summary: no link, image or HTML from the file name.
      expect(step.summary).not.toMatch(/<img|\]\(https?:evil|\]\(https:\/\/evil/);
      expect(step.summary).toContain("&lt;img");
    }
  }, 240_000);

  it("job summary: message, key path and location are escaped Markdown, one table row each", () => {
    const md = actionSummary(makeReport("verify-config", [hostile]), {
      changed: { range: "a..b", files: ["[x](https://evil.example)\n<script>.yaml"] },
    });
    // The changed file is one list item, a code span (nothing inside is Markdown or HTML) on one line.
    expect(md).toContain("\n- `[x](https://evil.example) <script>.yaml`\n");
    const outsideCode = md.replace(/`[^`\n]*`/g, "");
    expect(outsideCode).not.toMatch(/<img|<b>|<script>|\]\(https:\/\/evil|!\[i\]\(/);
    const rows = md.split("\n").filter((l) => l.startsWith("| error |"));
    expect(rows).toHaveLength(1);
    // The row keeps its four cells: every `|` from the repository is escaped.
    expect(rows[0].split(/(?<!\\)\|/).length).toBe(6);
    expect(md).not.toMatch(/^# heading/m);
  });

  it("Matrix HTML body escapes the finding text; terminal text shows control characters", () => {
    const m = notifyMessage(makeReport("verify-config", [hostile]), {});
    expect(m.html).not.toMatch(/<img|<b>bold/);
    expect(m.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const text = render(makeReport("verify-config", [hostile]), "text");
    expect(text).not.toContain("\u001b[2J");
    expect(text).toContain("\\x1b[2J");
    expect(text.split("\n").some((l) => l.trimStart().startsWith("::"))).toBe(false);
    expect(logText("ok\n  ::set-output name=x::y\n##[warning]z")).toBe(
      "ok\n  %3A:set-output name=x::y\n##%5Bwarning]z",
    );
  });
});

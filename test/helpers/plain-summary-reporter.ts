// Prints the closing line `tests: N passed, N failed, N skipped` that CI systems read in any language,
// after vitest's own summary. The line agrees with the exit status: `failed` is 0 exactly when the run exits 0.
//
// Failed counts every way a run can fail, not only failing test bodies: a test file that cannot be collected
// (import or syntax error), a throwing beforeAll/afterAll (each test a failed beforeAll kept from running
// counts as failed, not skipped; an afterAll failure after passing tests counts once), a throwing
// beforeEach/afterEach (vitest fails the test), an unhandled error or rejection, a test still pending when the
// run ended, and each entry the tests left in the run's temp dir (test/setup/tmp-root.ts). Skipped counts only
// tests skipped on purpose (`.skip`, `.todo`, `.only` elsewhere, `ctx.skip()`).
import type { SerializedError } from "vitest";
import type { Reporter, TestModule, TestRunEndReason, TestSuite } from "vitest/node";
import { leftovers, markLeftoversReported, runTempRoot } from "./tmp-root.js";

/** The numbers of the closing line and one note for each failure that is not a failing test body. */
export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  notes: string[];
}

const MAX_NOTES = 30;

function firstLine(message: string | undefined): string {
  const line = (message ?? "").split("\n", 1)[0]?.trim() ?? "";
  return line.length > 160 ? `${line.slice(0, 157)}...` : line || "(no message)";
}

function label(suite: TestModule | TestSuite): string {
  return suite.type === "module" ? suite.relativeModuleId : `${suite.module.relativeModuleId} > ${suite.fullName}`;
}

/** The suite or module whose errors keep the tests below it from running, and how many it kept. */
interface Cause {
  blocked: number;
}

function tallySuite(suite: TestModule | TestSuite, inherited: Cause | undefined, t: Totals): void {
  const errors = suite.errors();
  const own: Cause | undefined = errors.length > 0 ? { blocked: 0 } : undefined;
  const cause = own ?? inherited;
  for (const child of suite.children) {
    if (child.type === "suite") {
      tallySuite(child, cause, t);
      continue;
    }
    const result = child.result();
    const mode = child.options.mode;
    if (result.state === "passed") t.passed++;
    else if (result.state === "failed") t.failed++;
    else if (result.state === "pending") {
      t.failed++;
      t.notes.push(`did not finish: ${child.module.relativeModuleId} > ${child.fullName}`);
    } else if (cause && mode !== "skip" && mode !== "todo") {
      // Skipped by vitest because a hook or the collection of its suite failed: it never ran.
      t.failed++;
      cause.blocked++;
    } else t.skipped++;
  }
  if (own) {
    // An error with no test to carry it (collection error, afterAll after passing tests) is one failure.
    if (own.blocked === 0) t.failed++;
    const kept = own.blocked > 0 ? `; ${own.blocked} test(s) did not run` : "";
    t.notes.push(`error outside a test in ${label(suite)}: ${firstLine(errors[0]?.message)}${kept}`);
  }
}

/**
 * Count a finished run. `exitCode` is the exit status vitest has decided so far; a failed run with nothing
 * else to show for it still counts one failure, so the line never says 0 failed for a failing run.
 */
export function countTotals(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason,
  exitCode: number,
  leftInTemp: readonly string[] = [],
): Totals {
  const t: Totals = { passed: 0, failed: 0, skipped: 0, notes: [] };
  for (const m of testModules) tallySuite(m, undefined, t);
  for (const e of unhandledErrors) {
    t.failed++;
    t.notes.push(`unhandled error: ${e.name ?? "Error"}: ${firstLine(e.message)}`);
  }
  if (leftInTemp.length > 0) {
    t.failed += leftInTemp.length;
    t.notes.push(`left in the run's temp dir: ${leftInTemp.join(", ")}`);
  }
  if (t.failed === 0 && (reason !== "passed" || exitCode !== 0)) {
    t.failed = 1;
    t.notes.push(`the run ${reason === "interrupted" ? "was interrupted" : "failed"} (exit status ${exitCode})`);
  }
  return t;
}

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    const root = runTempRoot();
    const left = root ? leftovers(root) : [];
    if (root) markLeftoversReported();
    const t = countTotals(testModules, unhandledErrors, reason, Number(process.exitCode ?? 0) || 0, left);
    // Whatever counted as failed fails the run, even where vitest alone would exit 0 (a temp-dir leak).
    if (t.failed > 0 && !process.exitCode) process.exitCode = 1;
    let out = "\n";
    for (const note of t.notes.slice(0, MAX_NOTES)) out += `failed: ${note}\n`;
    if (t.notes.length > MAX_NOTES) out += `failed: ... and ${t.notes.length - MAX_NOTES} more\n`;
    out += `tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped\n`;
    process.stdout.write(out);
  }
}

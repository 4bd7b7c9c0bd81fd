import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultDeps, type Deps } from "../../../src/core/deps.js";
import type { Finding } from "../../../src/core/finding.js";
import { Redactor } from "../../../src/core/redact.js";
import { verifyOffline } from "../../../src/tasks/verify-config/index.js";
import type { VerifyConfigOptions } from "../../../src/tasks/verify-config/options.js";
import { tempDir } from "../../helpers/tmp.js";

/** Write files (relative path → content) into a fresh temp dir (not a git work tree). */
export function tempRepo(files: Record<string, string>): string {
  const dir = tempDir("vc");
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

/** Test deps: real exec (git), fresh redactor, no network. */
export function testDeps(cwd: string): Deps {
  return defaultDeps({ cwd, redactor: new Redactor() });
}

/** Offline findings for a set of files. */
export async function findingsFor(
  files: Record<string, string>,
  options: VerifyConfigOptions = {},
): Promise<Finding[]> {
  const root = tempRepo(files);
  return (await verifyOffline({ ...options, root }, testDeps(root))).findings;
}

/** Offline findings for a fixture folder under test/fixtures/verify-config. */
export async function findingsForFixture(name: string, options: VerifyConfigOptions = {}): Promise<Finding[]> {
  const root = path.resolve("test/fixtures/verify-config", name);
  return (await verifyOffline({ ...options, root }, testDeps(root))).findings;
}

/** Findings of one rule. */
export function ofRule(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** Rule ids present. */
export function ruleIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}

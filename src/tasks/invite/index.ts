import type { Deps } from "../../core/deps.js";
import type { Finding, Report } from "../../core/finding.js";
import { makeReport } from "../../core/report.js";
import { runManage } from "./commands/manage.js";
import { runOnboard } from "./commands/onboard.js";
import { runPreflight } from "./commands/preflight.js";
import { runSend } from "./commands/send.js";
import { runList, runStatus } from "./commands/status.js";
import { InviteContext } from "./context.js";
import type { InviteOptions } from "./options.js";

export type { InviteOptions, InviteCommand, ListStatus } from "./options.js";
export type { InviteConfig, InviteSecrets } from "./config.js";
export type { InviteRuntime } from "./context.js";
export type { RowResult } from "./engine.js";

/**
 * Run one `invite` subcommand. Secrets in `options.secrets` are registered with `deps.redactor` first.
 * Row-level failures are findings (severity error); failures of mxops itself (config, auth, locked audit log)
 * throw MxopsError. Never prints, never exits.
 */
export async function runInvite(options: InviteOptions, deps: Deps): Promise<Report> {
  const report = await dispatch(options, deps);
  const unknown = options.config.unknownKeys ?? [];
  if (unknown.length === 0) return report;
  // Typos in the settings are the classic silent failure: say so on every command.
  const findings: Finding[] = unknown.map((k) => ({
    ruleId: "invite/unknown-config-key",
    severity: "warning",
    message: `${k} is not an invite setting and is ignored`,
    keyPath: k,
  }));
  const extra: { changed?: boolean; results?: unknown } = {};
  if (report.changed !== undefined) extra.changed = report.changed;
  if (report.results !== undefined) extra.results = report.results;
  return makeReport("invite", [...report.findings, ...findings], extra);
}

async function dispatch(options: InviteOptions, deps: Deps): Promise<Report> {
  const ctx = new InviteContext(options.config, options.secrets, deps, options.runtime ?? {});
  try {
    switch (options.command) {
      case "send":
      case "batch":
        return await runSend(ctx, options, deps);
      case "list":
        return await runList(ctx, options, deps);
      case "status":
        return await runStatus(ctx, options, deps);
      case "revoke":
      case "unrevoke":
      case "extend":
        return await runManage(ctx, options, deps);
      case "preflight":
        return await runPreflight(ctx, options, deps);
      case "onboard":
        return await runOnboard(ctx, options, deps);
    }
  } finally {
    ctx.close();
  }
}

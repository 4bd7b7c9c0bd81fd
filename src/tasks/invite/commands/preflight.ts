import type { Deps } from "../../../core/deps.js";
import type { Finding, Report } from "../../../core/finding.js";
import { makeReport } from "../../../core/report.js";
import type { InviteContext } from "../context.js";
import type { InviteOptions } from "../options.js";
import type { CheckResult } from "../types.js";
import { checkGitopsMas } from "./gitops.js";

async function guarded(
  check: string,
  fn: () => Promise<CheckResult[]>,
  redact: (s: string) => string,
): Promise<CheckResult[]> {
  try {
    return await fn();
  } catch (e) {
    return [{ check, ok: false, detail: redact((e as Error).message) }];
  }
}

/**
 * `preflight`: can I invite right now? Backend (MAS: discovery, admin token, Admin API, token requirement;
 * Authentik: token, flow wiring), SMTP `verify()`, and the GitOps repo's MAS config when configured. Nothing is
 * created. One result per check; each failing check is an error finding, so the run exits 1.
 */
export async function runPreflight(ctx: InviteContext, o: InviteOptions, deps: Deps): Promise<Report> {
  const redact = (s: string) => deps.redactor.redact(s);
  const backendName = o.backend ?? ctx.config.backend;
  const checks: CheckResult[] = [];
  checks.push(
    ...(await guarded(`${backendName}-config`, async () => (await ctx.backend(backendName)).preflight(), redact)),
  );
  checks.push(
    ...(await guarded(
      "smtp",
      async () => {
        const m = await ctx.mailer();
        await m.verify();
        return [
          {
            check: "smtp",
            ok: true,
            detail: ctx.runtime.mailer
              ? "mail sender ready"
              : `SMTP ${ctx.config.smtp!.host}:${ctx.config.smtp!.port} accepted the connection${ctx.config.smtp!.user ? " and login" : ""}`,
          },
        ];
      },
      redact,
    )),
  );
  ctx.close();
  if (ctx.config.gitopsRepo)
    checks.push(...(await guarded("gitops-mas-config", () => checkGitopsMas(ctx.config.gitopsRepo!, deps), redact)));
  const findings: Finding[] = checks.map((c) =>
    c.ok
      ? { ruleId: "invite/preflight-ok", severity: "info", message: `${c.check}: ${c.detail}` }
      : {
          ruleId: "invite/preflight-failed",
          severity: "error",
          message: `${c.check}: ${c.detail}`,
          data: { check: c.check },
        },
  );
  return makeReport("invite", findings, { results: { command: "preflight", checks } });
}

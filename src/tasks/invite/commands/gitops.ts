import { assignOwn } from "../../../core/own.js";
import path from "node:path";
import YAML from "yaml";
import type { Deps } from "../../../core/deps.js";
import { readRepoFile, selectFiles } from "../../../core/files.js";
import type { CheckResult } from "../types.js";

type Raw = Record<string, unknown>;

function isObj(v: unknown): v is Raw {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** MAS config fragments in a parsed YAML value: a MAS config itself, or ESS values' embedded `additional` configs. */
function masFragments(v: unknown, out: Raw[]): void {
  if (!isObj(v)) return;
  if (v.sops !== undefined) return; // encrypted: values are ciphertext
  if (
    isObj(v.account) ||
    (isObj(v.email) && (v.matrix !== undefined || v.http !== undefined || v.passwords !== undefined))
  )
    out.push(v);
  const mas = isObj(v.matrixAuthenticationService) ? v.matrixAuthenticationService : undefined;
  const additional = mas && isObj(mas.additional) ? mas.additional : undefined;
  for (const entry of Object.values(additional ?? {})) {
    if (isObj(entry) && typeof entry.config === "string") {
      try {
        masFragments(YAML.parse(entry.config, { maxAliasCount: 100 }), out);
      } catch {
        /* not YAML: verify-config reports that */
      }
    }
  }
  // HelmRelease: spec.values holds the chart values.
  if (isObj(v.spec) && isObj(v.spec.values)) masFragments(v.spec.values, out);
}

/**
 * Preflight's GitOps check: the MAS config in the repo must require registration tokens for password sign-up
 * (`account.password_registration_enabled` and `password_registration_token_required` or the deprecated
 * `registration_token_required`) and have a real email transport (`email.transport` smtp or sendmail; the
 * default is blackhole). Later fragments override earlier ones, like ESS merges `additional` configs.
 */
export async function checkGitopsMas(repo: string, deps: Deps): Promise<CheckResult[]> {
  const files = await selectFiles(deps.exec, { root: repo });
  const fragments: Raw[] = [];
  for (const f of files) {
    if (!/\.ya?ml$/i.test(f.rel)) continue;
    const text = await readRepoFile(f);
    if (text === undefined) continue;
    for (const doc of YAML.parseAllDocuments(text, { maxAliasCount: 100 } as YAML.ParseOptions)) {
      if (doc.errors.length > 0) continue;
      try {
        masFragments(doc.toJS({ maxAliasCount: 100 }), fragments);
      } catch {
        /* alias bombs and the like: skip */
      }
    }
  }
  const where = path.basename(repo);
  if (fragments.length === 0)
    return [{ check: "gitops-mas-config", ok: false, detail: `no MAS configuration found in ${where}` }];
  const account: Raw = {};
  const email: Raw = {};
  for (const f of fragments) {
    // Not Object.assign: a `__proto__` key in the config must stay a key, not become the object's prototype.
    if (isObj(f.account)) assignOwn(account, f.account);
    if (isObj(f.email)) assignOwn(email, f.email);
  }
  const out: CheckResult[] = [];
  const tokens = account.password_registration_token_required === true || account.registration_token_required === true;
  if (account.password_registration_enabled !== true) {
    out.push({
      check: "gitops-mas-registration",
      ok: false,
      detail: "account.password_registration_enabled is not true: invitees cannot sign up with a password",
    });
  } else if (!tokens) {
    out.push({
      check: "gitops-mas-registration",
      ok: false,
      detail: "account.password_registration_token_required is not true: anyone can register without an invite",
    });
  } else {
    out.push({
      check: "gitops-mas-registration",
      ok: true,
      detail: "password registration enabled and requires a registration token",
    });
  }
  const transport = typeof email.transport === "string" ? email.transport : "blackhole";
  out.push(
    transport === "smtp" || transport === "sendmail"
      ? { check: "gitops-mas-email", ok: true, detail: `email.transport ${transport}` }
      : {
          check: "gitops-mas-email",
          ok: false,
          detail: `email.transport is ${transport}: MAS cannot send verification or recovery mail`,
        },
  );
  return out;
}

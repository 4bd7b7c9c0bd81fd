import path from "node:path";
import { usageError } from "../../core/errors.js";
import type { TaskSpec } from "../types.js";
import { parseConfig, readConfigFile, readSecret, SECRET_ENV, type InviteSecrets } from "./config.js";
import { runInvite } from "./index.js";
import { COMMANDS, LIST_STATUSES, type InviteCommand, type InviteOptions, type ListStatus } from "./options.js";
import { LANGS, type Lang } from "./types.js";

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** The `invite` task as the CLI, the Action and Ansible see it. */
export const spec: TaskSpec<InviteOptions> = {
  name: "invite",
  summary: "Invite people via MAS registration tokens or Authentik invitations: mailed, audited, safe to re-run.",
  usage: "invite <send|batch|list|status|revoke|unrevoke|extend|preflight|onboard> [args] [options]",
  details: [
    "Commands:",
    "  send --email A [--name N]       create one invite and mail it (nothing happens if A has a live invite)",
    "  batch FILE.csv|FILE.yaml        invite every row (columns email, name, lang, username); exit 1 if a row failed",
    "  list [--status S]               recipients and their invite state from the audit log",
    "  status                          reconcile the audit log with the backend (used, expired, revoked)",
    "  revoke|unrevoke <email|id>      revoke or restore an invite (unrevoke: MAS only)",
    "  extend <email|id> --expires D   change an invite's expiry and/or --uses (MAS only)",
    "  preflight                       can I invite right now? backend, admin token, flow wiring, SMTP, GitOps config",
    "  onboard @user:server            join a signed-up user to invite.synapse.rooms via the Synapse Admin API",
    "",
    "Settings come from mxops.yaml (section invite:) or --config; see docs/rules/invite.md and the README.",
    "",
    "Environment (secrets; each also as <NAME>_FILE):",
    `  ${SECRET_ENV.masClientSecret.padEnd(28)} MAS admin client secret`,
    `  ${SECRET_ENV.authentikToken.padEnd(28)} Authentik API token`,
    `  ${SECRET_ENV.smtpPassword.padEnd(28)} SMTP password`,
    `  ${SECRET_ENV.synapseAdminToken.padEnd(28)} Synapse admin access token (onboard)`,
    "",
    "Examples:",
    "  mxops invite preflight",
    "  mxops invite send --email ada@example.org --name 'Ada L.' --lang en",
    "  mxops invite batch invites.csv --concurrency 8 --dry-run",
    "  mxops invite status --format json",
  ].join("\n"),
  options: {
    config: { type: "string", help: "settings file (default ./mxops.yaml, section invite:)", arg: "FILE" },
    "ca-file": {
      type: "string",
      help: "extra PEM CA for MAS/Authentik/Synapse/SMTP (overrides ca_file); TLS verification stays on",
      arg: "FILE",
    },
    email: { type: "string", help: "send: recipient address", arg: "ADDR" },
    name: { type: "string", help: "send: recipient's display name", arg: "NAME" },
    username: { type: "string", help: "send: desired username (Authentik fixed_data)", arg: "USER" },
    backend: { type: "string", help: "mas or authentik (default from config)", arg: "NAME" },
    expires: { type: "string", help: "expiry: 7d, 36h, 2w or an ISO date (default from config, 7d)", arg: "WHEN" },
    uses: { type: "string", help: "registrations per invite (default 1)", arg: "N" },
    lang: { type: "string", help: "mail language: de or en (default from config)", arg: "LANG" },
    resend: { type: "boolean", help: "revoke a live invite and send a new one" },
    "dry-run": { type: "boolean", help: "show what would change; create, send, revoke nothing" },
    concurrency: { type: "string", help: "batch/status: parallel rows (default 4, max 32)", arg: "N" },
    status: { type: "string", help: `list: only this status (${LIST_STATUSES.join(", ")})`, arg: "S" },
  },
  actionInputs: [
    { input: "invite-command", positional: true },
    { input: "invite-list", positional: true },
    { input: "invite-target", positional: true },
    { input: "invite-email", flag: "email" },
    { input: "invite-name", flag: "name" },
    { input: "invite-backend", flag: "backend" },
    { input: "invite-expires", flag: "expires" },
    { input: "invite-lang", flag: "lang" },
    { input: "invite-config", flag: "config" },
    { input: "dry-run", flag: "dry-run", boolean: true },
    { input: "mas-client-secret", env: SECRET_ENV.masClientSecret, secret: true },
    { input: "authentik-token", env: SECRET_ENV.authentikToken, secret: true },
    { input: "smtp-password", env: SECRET_ENV.smtpPassword, secret: true },
    { input: "synapse-admin-token", env: SECRET_ENV.synapseAdminToken, secret: true },
  ],
  async toOptions(input, deps) {
    const v = input.values;
    const [command, ...args] = input.positionals;
    if (!command || !(COMMANDS as readonly string[]).includes(command))
      throw usageError(`invite needs a command: ${COMMANDS.join(", ")}`);
    const cmd = command as InviteCommand;
    // Secrets first, so nothing after this can print them.
    const secrets: InviteSecrets = {};
    for (const [k, env] of Object.entries(SECRET_ENV) as Array<[keyof InviteSecrets, string]>) {
      const s = await readSecret(input.env, env, input.cwd);
      deps.redactor.add(s);
      if (s !== undefined) secrets[k] = s;
    }
    const { raw, dir } = await readConfigFile(input.cwd, str(v.config));
    const config = parseConfig(raw, dir);
    const ca = str(v["ca-file"]);
    if (ca !== undefined) config.caFile = path.resolve(input.cwd, ca);
    const uses = Number(str(v.uses) ?? "1");
    if (!Number.isInteger(uses) || uses < 1 || uses > 1000)
      throw usageError("--uses must be a whole number from 1 to 1000");
    const concurrency = Number(str(v.concurrency) ?? "4");
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
      throw usageError("--concurrency must be from 1 to 32");
    const o: InviteOptions = {
      command: cmd,
      config,
      secrets,
      uses,
      concurrency,
      resend: v.resend === true,
      dryRun: v["dry-run"] === true,
    };
    const backend = str(v.backend);
    if (backend !== undefined) {
      if (backend !== "mas" && backend !== "authentik") throw usageError("--backend must be mas or authentik");
      o.backend = backend;
    }
    const lang = str(v.lang);
    if (lang !== undefined) {
      if (!LANGS.includes(lang as Lang)) throw usageError(`--lang must be one of ${LANGS.join(", ")}`);
      o.lang = lang as Lang;
    }
    const expires = str(v.expires);
    if (expires !== undefined) o.expires = expires;
    const status = str(v.status);
    if (status !== undefined) {
      if (!(LIST_STATUSES as readonly string[]).includes(status))
        throw usageError(`--status must be one of ${LIST_STATUSES.join(", ")}`);
      o.statusFilter = status as ListStatus;
    }
    const one = (what: string) => {
      if (args.length !== 1) throw usageError(`invite ${cmd} takes exactly one ${what}`);
      return args[0];
    };
    if (cmd === "send") {
      const email = str(v.email);
      if (!email) throw usageError("invite send needs --email");
      o.recipient = {
        email,
        ...(str(v.name) ? { name: str(v.name)! } : {}),
        ...(str(v.username) ? { username: str(v.username)! } : {}),
      };
    } else if (cmd === "batch") o.listFile = one("list file (CSV or YAML)");
    else if (cmd === "revoke" || cmd === "unrevoke" || cmd === "extend") {
      o.target = one("email or invite id");
      if (cmd === "extend") {
        if (expires === undefined && v.uses === undefined)
          throw usageError("invite extend needs --expires and/or --uses");
        if (v.uses !== undefined) o.usageLimit = uses;
      }
    } else if (cmd === "onboard") o.userId = one("Matrix user id (@user:server)");
    else if (args.length > 0) throw usageError(`invite ${cmd} takes no arguments`);
    return o;
  },
  run: runInvite,
};

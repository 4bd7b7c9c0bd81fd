import { readFile } from "node:fs/promises";
import { readSmallFile } from "../../core/fsx.js";
import path from "node:path";
import YAML from "yaml";
import { MxopsError, inputError } from "../../core/errors.js";
import { isLoopbackHost } from "../../core/http.js";
import { LANGS, type BackendName, type Lang } from "./types.js";

/**
 * Non-secret settings from `mxops.yaml` (section `invite:`), merged with flags. Secrets never live here:
 * they come from the environment (see `InviteSecrets`).
 */
export interface InviteConfig {
  backend: BackendName;
  mas?: {
    /** Base URL of MAS (the Admin API is served under /api/admin/v1). */
    url: string;
    /** OIDC issuer for discovery; defaults to `url`. */
    issuer: string;
    clientId: string;
    clientAuthMethod: "client_secret_basic" | "client_secret_post";
    /** Where recipients register; default `<url>/register`. */
    registrationUrl: string;
  };
  authentik?: { url: string; flowSlug: string };
  smtp?: { host: string; port: number; secure: "tls" | "starttls" | "none"; user?: string; name?: string };
  mail: {
    from?: string;
    replyTo?: string;
    subject?: Partial<Record<Lang, string>>;
    templatesDir?: string;
    siteName?: string;
  };
  /** Link template (MAS); `{token}` is replaced by the URL-encoded token. */
  linkTemplate?: string;
  auditLog: string;
  /** Default expiry as a duration (e.g. `7d`). */
  expires: string;
  lang: Lang;
  caFile?: string;
  synapse?: { url: string; rooms: string[] };
  /** GitOps repo for the preflight MAS config check. */
  gitopsRepo?: string;
  /** Keys in the `invite:` section mxops does not know (typos), as `invite.smtp.hots`. */
  unknownKeys?: string[];
}

const KNOWN: Record<string, readonly string[]> = {
  invite: [
    "backend",
    "mas",
    "authentik",
    "smtp",
    "mail",
    "link_template",
    "audit_log",
    "expires",
    "lang",
    "ca_file",
    "synapse",
    "gitops_repo",
  ],
  "invite.mas": ["url", "issuer", "client_id", "client_auth_method", "registration_url"],
  "invite.authentik": ["url", "flow_slug"],
  "invite.smtp": ["host", "port", "secure", "user", "client_name"],
  "invite.mail": ["from", "reply_to", "subject", "templates_dir", "site_name"],
  "invite.synapse": ["url", "rooms"],
};

function unknownKeys(raw: Raw): string[] {
  const out: string[] = [];
  for (const [section, keys] of Object.entries(KNOWN)) {
    const segs = section.split(".").slice(1);
    let node: unknown = raw;
    for (const p of segs) node = node && typeof node === "object" ? (node as Raw)[p] : undefined;
    if (!node || typeof node !== "object" || Array.isArray(node)) continue;
    for (const k of Object.keys(node)) if (!keys.includes(k)) out.push(`${section}.${k}`);
  }
  return out;
}

/** Secrets, read at the edge from env or *_FILE and registered with the redactor before use. */
export interface InviteSecrets {
  masClientSecret?: string;
  authentikToken?: string;
  smtpPassword?: string;
  synapseAdminToken?: string;
}

/** Environment variables for secrets (each also accepts `<NAME>_FILE` pointing at a file). */
export const SECRET_ENV = {
  masClientSecret: "MXOPS_MAS_CLIENT_SECRET",
  authentikToken: "AUTHENTIK_TOKEN",
  smtpPassword: "MXOPS_SMTP_PASSWORD",
  synapseAdminToken: "MXOPS_SYNAPSE_ADMIN_TOKEN",
} as const;

type Raw = Record<string, unknown>;

function str(o: Raw | undefined, key: string, where: string): string | undefined {
  const v = o?.[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" && typeof v !== "number")
    throw new MxopsError("MXOPS_CONFIG", `${where}.${key} must be a string`);
  return String(v);
}

function obj(o: Raw | undefined, key: string, where: string): Raw | undefined {
  const v = o?.[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v))
    throw new MxopsError("MXOPS_CONFIG", `${where}.${key} must be a mapping`);
  return v as Raw;
}

/**
 * Check a service URL: https always, plain http only for loopback hosts (tests, port-forwards). Throws MXOPS_CONFIG.
 */
export function checkServiceUrl(value: string, what: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new MxopsError("MXOPS_CONFIG", `${what}: not a URL`);
  }
  if (u.protocol === "https:") return u.href;
  if (u.protocol === "http:" && isLoopbackHost(u.hostname)) return u.href;
  throw new MxopsError(
    "MXOPS_CONFIG",
    `${what}: ${u.protocol}//${u.host} must use https (plain http only for loopback addresses)`,
  );
}

/** Read `mxops.yaml` (or `file`); a missing default file yields an empty config, a missing explicit file throws. */
export async function readConfigFile(cwd: string, file: string | undefined): Promise<{ raw: Raw; dir: string }> {
  const p = path.resolve(cwd, file ?? "mxops.yaml");
  let text: string;
  try {
    text = await readFile(p, "utf8");
  } catch (e) {
    if (file === undefined && (e as NodeJS.ErrnoException).code === "ENOENT") return { raw: {}, dir: cwd };
    throw inputError(file ?? "mxops.yaml", `cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let doc: unknown;
  try {
    doc = YAML.parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw inputError(file ?? "mxops.yaml", `not valid YAML (${(e as Error).message.split("\n")[0]})`);
  }
  const raw = (doc && typeof doc === "object" ? ((doc as Raw).invite ?? {}) : {}) as Raw;
  return { raw, dir: path.dirname(p) };
}

/** Build the typed config from the `invite:` mapping; relative paths resolve against the config file's directory. */
export function parseConfig(raw: Raw, dir: string): InviteConfig {
  const w = "invite";
  const backend = (str(raw, "backend", w) ?? "mas") as BackendName;
  if (backend !== "mas" && backend !== "authentik")
    throw new MxopsError("MXOPS_CONFIG", `${w}.backend must be mas or authentik`);
  const lang = (str(raw, "lang", w) ?? "de") as Lang;
  if (!LANGS.includes(lang)) throw new MxopsError("MXOPS_CONFIG", `${w}.lang must be one of ${LANGS.join(", ")}`);
  const cfg: InviteConfig = {
    backend,
    mail: {},
    auditLog: path.resolve(dir, str(raw, "audit_log", w) ?? "invites.audit.jsonl"),
    expires: str(raw, "expires", w) ?? "7d",
    lang,
    unknownKeys: unknownKeys(raw),
  };
  const mas = obj(raw, "mas", w);
  if (mas) {
    const url = str(mas, "url", `${w}.mas`);
    const clientId = str(mas, "client_id", `${w}.mas`);
    if (!url || !clientId) throw new MxopsError("MXOPS_CONFIG", `${w}.mas needs url and client_id`);
    const method = str(mas, "client_auth_method", `${w}.mas`) ?? "client_secret_basic";
    if (method !== "client_secret_basic" && method !== "client_secret_post") {
      throw new MxopsError(
        "MXOPS_CONFIG",
        `${w}.mas.client_auth_method must be client_secret_basic or client_secret_post`,
      );
    }
    const base = checkServiceUrl(url, `${w}.mas.url`);
    cfg.mas = {
      url: base,
      issuer: checkServiceUrl(str(mas, "issuer", `${w}.mas`) ?? base, `${w}.mas.issuer`),
      clientId,
      clientAuthMethod: method,
      registrationUrl:
        str(mas, "registration_url", `${w}.mas`) ?? new URL("register", base.endsWith("/") ? base : `${base}/`).href,
    };
  }
  const ak = obj(raw, "authentik", w);
  if (ak) {
    const url = str(ak, "url", `${w}.authentik`);
    const flowSlug = str(ak, "flow_slug", `${w}.authentik`);
    if (!url || !flowSlug) throw new MxopsError("MXOPS_CONFIG", `${w}.authentik needs url and flow_slug`);
    cfg.authentik = { url: checkServiceUrl(url, `${w}.authentik.url`), flowSlug };
  }
  const smtp = obj(raw, "smtp", w);
  if (smtp) {
    const host = str(smtp, "host", `${w}.smtp`);
    if (!host) throw new MxopsError("MXOPS_CONFIG", `${w}.smtp needs host`);
    const secure = (str(smtp, "secure", `${w}.smtp`) ?? "starttls") as "tls" | "starttls" | "none";
    if (!["tls", "starttls", "none"].includes(secure))
      throw new MxopsError("MXOPS_CONFIG", `${w}.smtp.secure must be tls, starttls or none`);
    // Unencrypted SMTP would put the invite token (and the SMTP password) on the wire: loopback relays only.
    if (secure === "none" && !isLoopbackHost(host))
      throw new MxopsError("MXOPS_CONFIG", `${w}.smtp.secure: none is only allowed for loopback hosts`);
    const port = Number(str(smtp, "port", `${w}.smtp`) ?? (secure === "tls" ? 465 : 587));
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new MxopsError("MXOPS_CONFIG", `${w}.smtp.port must be a port number`);
    cfg.smtp = { host, port, secure };
    const user = str(smtp, "user", `${w}.smtp`);
    if (user) cfg.smtp.user = user;
    const name = str(smtp, "client_name", `${w}.smtp`);
    if (name) cfg.smtp.name = name;
  }
  const mail = obj(raw, "mail", w);
  if (mail) {
    const from = str(mail, "from", `${w}.mail`);
    if (from) cfg.mail.from = from;
    const replyTo = str(mail, "reply_to", `${w}.mail`);
    if (replyTo) cfg.mail.replyTo = replyTo;
    const subject = mail.subject;
    if (typeof subject === "string") cfg.mail.subject = { de: subject, en: subject };
    else if (subject && typeof subject === "object") cfg.mail.subject = subject;
    const site = str(mail, "site_name", `${w}.mail`);
    if (site) cfg.mail.siteName = site;
    const templates = str(mail, "templates_dir", `${w}.mail`);
    if (templates) cfg.mail.templatesDir = path.resolve(dir, templates);
  }
  const link = str(raw, "link_template", w);
  if (link) cfg.linkTemplate = link;
  const ca = str(raw, "ca_file", w);
  if (ca) cfg.caFile = path.resolve(dir, ca);
  const syn = obj(raw, "synapse", w);
  if (syn) {
    const url = str(syn, "url", `${w}.synapse`);
    if (!url) throw new MxopsError("MXOPS_CONFIG", `${w}.synapse needs url`);
    const rooms = syn.rooms;
    if (rooms !== undefined && (!Array.isArray(rooms) || rooms.some((r) => typeof r !== "string"))) {
      throw new MxopsError("MXOPS_CONFIG", `${w}.synapse.rooms must be a list of room ids or aliases`);
    }
    cfg.synapse = { url: checkServiceUrl(url, `${w}.synapse.url`), rooms: (rooms as string[] | undefined) ?? [] };
  }
  const repo = str(raw, "gitops_repo", w);
  if (repo) cfg.gitopsRepo = path.resolve(dir, repo);
  return cfg;
}

/** Read one secret from `NAME` or the file named by `NAME_FILE` (trailing newline trimmed). Throws MXOPS_INPUT. */
export async function readSecret(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  cwd: string,
): Promise<string | undefined> {
  const direct = env[name];
  if (direct !== undefined && direct !== "") return direct;
  const file = env[`${name}_FILE`];
  if (file === undefined || file === "") return undefined;
  try {
    const v = (await readSmallFile(path.resolve(cwd, file))).replace(/\r?\n$/, "");
    return v === "" ? undefined : v;
  } catch (e) {
    throw new MxopsError(
      "MXOPS_INPUT",
      `${name}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
}

/** Longest expiry an invite may get: 3650 days (about ten years); beyond it is a typo, not a plan. */
export const MAX_EXPIRY_DAYS = 3650;

/**
 * Parse `7d`, `36h`, `90m`, `2w` (or ISO date-time) into an absolute expiry, at most {@link MAX_EXPIRY_DAYS}
 * ahead. Throws MXOPS_USAGE (never a RangeError from an impossible date).
 */
export function parseExpiry(value: string, now: Date): Date {
  const limit = now.getTime() + MAX_EXPIRY_DAYS * 86_400_000;
  const tooFar = () =>
    new MxopsError("MXOPS_USAGE", `--expires ${JSON.stringify(value)} is too far ahead (at most ${MAX_EXPIRY_DAYS}d)`);
  const m = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (m) {
    const n = Number(m[1]);
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as "m" | "h" | "d" | "w"];
    if (n <= 0) throw new MxopsError("MXOPS_USAGE", `--expires must be positive, not ${JSON.stringify(value)}`);
    if (!Number.isSafeInteger(n) || now.getTime() + n * unit > limit) throw tooFar();
    return new Date(now.getTime() + n * unit);
  }
  const t = Date.parse(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(t)) {
    if (t <= now.getTime()) throw new MxopsError("MXOPS_USAGE", `--expires ${value} is in the past`);
    if (t > limit) throw tooFar();
    return new Date(t);
  }
  throw new MxopsError(
    "MXOPS_USAGE",
    `--expires takes a duration like 7d, 36h, 2w or an ISO date, not ${JSON.stringify(value)}`,
  );
}

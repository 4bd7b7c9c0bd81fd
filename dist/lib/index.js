// src/core/finding.ts
var SEVERITIES = ["error", "warning", "info"];
function countFindings(findings) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
function severityRank(s) {
  return SEVERITIES.indexOf(s);
}
function failsAt(report, failOn) {
  if (failOn === "never") return false;
  const limit = severityRank(failOn);
  return SEVERITIES.some((s, i) => i <= limit && report.counts[s] > 0);
}

// src/core/errors.ts
var MxopsError = class extends Error {
  code;
  file;
  constructor(code, message, options = {}) {
    super(message.replace(/\s*\n\s*/g, " "), options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "MxopsError";
    this.code = code;
    if (options.file !== void 0) this.file = options.file;
  }
};
function describeError(e) {
  if (e instanceof Error) {
    const code = e.code;
    const msg = e.message.split("\n")[0] ?? "";
    return typeof code === "string" && !msg.includes(code) ? `${code}: ${msg}` : msg;
  }
  return String(e);
}

// src/core/redact.ts
var Redactor = class {
  secrets = /* @__PURE__ */ new Set();
  listeners = [];
  /** Register a secret; short values (< 4 chars) are ignored because masking them would mangle text. */
  add(secret) {
    if (!secret) return;
    const variants = [secret, secret.trim(), encodeURIComponent(secret), Buffer.from(secret).toString("base64")];
    for (const lineOf of secret.split(/\r?\n/)) variants.push(lineOf.trim());
    for (const v of variants) {
      if (v.length >= 4 && !this.secrets.has(v)) {
        this.secrets.add(v);
        for (const l of this.listeners) l(v);
      }
    }
  }
  /** Called for every secret registered now or later (the Action hooks core.setSecret here). */
  onAdd(listener) {
    this.listeners.push(listener);
    for (const s of this.secrets) listener(s);
  }
  /** Replace each registered secret by `***`, longest first so overlapping secrets mask fully. */
  redact(text) {
    if (this.secrets.size === 0 || text.length === 0) return text;
    let out = text;
    const ordered = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of ordered) if (out.includes(s)) out = out.split(s).join("***");
    return out;
  }
  /** Number of registered variants (for tests). */
  get size() {
    return this.secrets.size;
  }
};

// src/core/exec.ts
import { execFile } from "node:child_process";
var nodeExec = (file, args, options = {}) => new Promise((resolve, reject) => {
  const child = execFile(
    file,
    [...args],
    {
      cwd: options.cwd,
      env: options.env ?? process.env,
      maxBuffer: 256 * 1024 * 1024,
      timeout: options.timeoutMs ?? 12e4,
      encoding: "utf8"
    },
    (err, stdout, stderr) => {
      if (err && typeof err.code === "string") {
        reject(new MxopsError("MXOPS_INPUT", `cannot run ${file}: ${err.code}`, { cause: err }));
        return;
      }
      const code = err ? typeof err.code === "number" ? err.code : 1 : 0;
      resolve({ code, stdout, stderr });
    }
  );
  if (options.input !== void 0) child.stdin?.end(options.input);
});

// src/core/http.ts
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { rootCertificates } from "node:tls";
var IDEMPOTENT = /* @__PURE__ */ new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
var RETRY_STATUS = (s) => s === 429 || s >= 500 && s <= 599 && s !== 501;
var RETRY_CODES = /* @__PURE__ */ new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET"]);
var defaultSleep = (ms) => new Promise((r) => setTimeout(r, ms));
function parseRetryAfter(v, now) {
  if (!v) return void 0;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1e3;
  const t = Date.parse(v);
  return Number.isNaN(t) ? void 0 : Math.max(0, t - now);
}
function createHttpClient(options = {}) {
  const timeoutMs = options.timeoutMs ?? 1e4;
  const sleep = options.sleep ?? defaultSleep;
  const backoff = options.backoffMs ?? 250;
  const maxRetryAfter = options.maxRetryAfterMs ?? 3e4;
  function once(req) {
    const url = new URL(req.url);
    const isHttps = url.protocol === "https:";
    if (!isHttps && url.protocol !== "http:") {
      return Promise.reject(new MxopsError("MXOPS_USAGE", `unsupported URL scheme: ${url.protocol}//${url.host}`));
    }
    const port = url.port || (isHttps ? "443" : "80");
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const override = options.resolve?.[`${hostname}:${port}`];
    const lib = isHttps ? https : http;
    const headers = { "user-agent": options.userAgent ?? "mxops", ...req.headers };
    if (req.upgrade) {
      headers.connection = "Upgrade";
      headers.upgrade = "websocket";
      headers["sec-websocket-version"] = "13";
      headers["sec-websocket-key"] = Buffer.from(Array.from({ length: 16 }, (_, i) => i * 37 + 11 & 255)).toString("base64");
    }
    return new Promise((resolve, reject) => {
      const r = lib.request(
        {
          method: req.method ?? "GET",
          protocol: url.protocol,
          hostname,
          port,
          path: url.pathname + url.search,
          headers,
          servername: net.isIP(hostname) ? void 0 : hostname,
          // An extra CA adds to the system trust instead of replacing it.
          ca: options.ca ? [...rootCertificates, options.ca] : void 0,
          rejectUnauthorized: true,
          agent: false,
          lookup: override ? (_h, opts, cb) => {
            const fam = net.isIPv6(override) ? 6 : 4;
            if (opts?.all) cb(null, [{ address: override, family: fam }]);
            else cb(null, override, fam);
          } : void 0
        },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve(makeResponse(req.url, res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString("utf8"))));
          res.on("error", reject);
        }
      );
      r.setTimeout(req.timeoutMs ?? timeoutMs, () => {
        const e = new Error("request timed out");
        e.code = "ETIMEDOUT";
        r.destroy(e);
      });
      r.on("upgrade", (res, socket) => {
        socket.destroy();
        resolve(makeResponse(req.url, res.statusCode ?? 101, res.headers, ""));
      });
      r.on("error", reject);
      r.end(req.body);
    });
  }
  async function request(req) {
    const method = (req.method ?? "GET").toUpperCase();
    const retries = req.retries ?? (IDEMPOTENT.has(method) ? options.retries ?? 3 : 0);
    const where = `${method} ${redactUrl(req.url)}`;
    for (let attempt = 0; ; attempt++) {
      let res;
      let err;
      try {
        res = await once({ ...req, method });
      } catch (e) {
        err = e;
      }
      const code = err?.code;
      const retryable = res ? RETRY_STATUS(res.status) : typeof code === "string" && RETRY_CODES.has(code);
      if (attempt >= retries || !retryable) {
        if (res) return res;
        if (err instanceof MxopsError) throw err;
        throw new MxopsError("MXOPS_HTTP", `${where}: ${describeError(err)}`, { cause: err });
      }
      const fromServer = res ? parseRetryAfter(res.headers["retry-after"], Date.now()) : void 0;
      const jitter = 0.5 + Math.random() / 2;
      const wait = fromServer !== void 0 ? Math.min(fromServer, maxRetryAfter) : backoff * 2 ** attempt * jitter;
      await sleep(wait);
    }
  }
  const fetchLike = async (input, init = {}) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers = {};
    new Headers(init.headers ?? (input instanceof Request ? input.headers : void 0)).forEach((v, k) => {
      headers[k] = v;
    });
    let body;
    const b = init.body;
    if (typeof b === "string") body = b;
    else if (b instanceof URLSearchParams) body = b.toString();
    else if (b instanceof Uint8Array) body = Buffer.from(b);
    else if (b instanceof ArrayBuffer) body = Buffer.from(new Uint8Array(b));
    const req = { method: init.method ?? "GET", url, headers };
    if (body !== void 0) req.body = body;
    const res = await request(req);
    const h = new Headers();
    for (const [k, v] of Object.entries(res.headers)) h.set(k, v);
    const nullBody = res.status === 204 || res.status === 304 || res.status >= 100 && res.status < 200;
    const out = new Response(nullBody ? null : res.body, { status: res.status, headers: h });
    Object.defineProperty(out, "url", { value: url });
    return out;
  };
  return { request, fetch: fetchLike };
}
function redactUrl(u) {
  try {
    const url = new URL(u);
    url.username = "";
    url.password = "";
    url.search = url.search ? "?\u2026" : "";
    return url.href;
  } catch {
    return "<invalid url>";
  }
}
function makeResponse(url, status, raw, body) {
  const headers = {};
  for (const [k, v] of Object.entries(raw)) if (v !== void 0) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return {
    status,
    headers,
    body,
    url,
    json() {
      try {
        return JSON.parse(body);
      } catch {
        throw new MxopsError("MXOPS_HTTP", `${redactUrl(url)}: answered ${status} with a body that is not JSON`);
      }
    }
  };
}

// src/core/log.ts
var silentLogger = { debug() {
}, info() {
}, warn() {
} };

// src/core/deps.ts
function defaultDeps(overrides = {}) {
  return {
    cwd: process.cwd(),
    now: () => /* @__PURE__ */ new Date(),
    log: silentLogger,
    redactor: new Redactor(),
    http: createHttpClient(),
    exec: nodeExec,
    ...overrides
  };
}

// src/format/github.ts
function escapeData(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
var COMMAND = { error: "error", warning: "warning", info: "notice" };
function annotationLine(f) {
  const props = [];
  if (f.file) props.push(`file=${escapeProperty(f.file)}`);
  if (f.line !== void 0) props.push(`line=${f.line}`);
  if (f.column !== void 0) props.push(`col=${f.column}`);
  if (f.endLine !== void 0) props.push(`endLine=${f.endLine}`);
  if (f.endColumn !== void 0 && f.endLine === f.line) props.push(`endColumn=${f.endColumn}`);
  props.push(`title=${escapeProperty(f.ruleId)}`);
  const text = [f.message, f.keyPath ? `(${f.keyPath})` : "", f.hint ? `\u2014 ${f.hint}` : ""].filter(Boolean).join(" ");
  return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(text)}`;
}
function formatGithub(report) {
  const lines = report.findings.map(annotationLine);
  const c = report.counts;
  lines.push(`mxops ${report.task}: ${c.error} error(s), ${c.warning} warning(s), ${c.info} info`);
  return `${lines.join("\n")}
`;
}

// src/format/json.ts
function formatJson(report) {
  return `${JSON.stringify(report, null, 2)}
`;
}

// src/format/sarif.ts
var LEVEL = { error: "error", warning: "warning", info: "note" };
var RULES_DOC = "https://github.com/mxops/mxops/blob/main/docs/rules.md";
function formatSarif(report) {
  const ruleIds = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const results = report.findings.map((f) => {
    const result = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.hint ? `${f.message} (hint: ${f.hint})` : f.message }
    };
    const locations = [];
    if (f.file) {
      const physical = { artifactLocation: { uri: encodeURI(f.file), uriBaseId: "SRCROOT" } };
      if (f.line !== void 0) {
        const region = { startLine: f.line };
        if (f.column !== void 0) region.startColumn = f.column;
        if (f.endLine !== void 0) region.endLine = f.endLine;
        if (f.endColumn !== void 0) region.endColumn = f.endColumn;
        physical.region = region;
      }
      const loc2 = { physicalLocation: physical };
      if (f.keyPath) loc2.logicalLocations = [{ fullyQualifiedName: f.keyPath, kind: "member" }];
      locations.push(loc2);
    } else if (f.url) {
      locations.push({ physicalLocation: { artifactLocation: { uri: f.url } } });
    }
    if (locations.length > 0) result.locations = locations;
    return result;
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mxops",
            version: report.version,
            informationUri: "https://github.com/mxops/mxops",
            rules: ruleIds.map((id) => ({
              id,
              name: id.replace(/[/-](\w)/g, (_m, c) => c.toUpperCase()),
              helpUri: `${RULES_DOC}#${id.replace(/\//g, "").toLowerCase()}`,
              shortDescription: { text: id }
            }))
          }
        },
        ...report.root ? { originalUriBaseIds: { SRCROOT: { uri: rootUri(report.root) } } } : {},
        results
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}
`;
}
function rootUri(root) {
  const withSlash = root.endsWith("/") ? root : `${root}/`;
  return withSlash.startsWith("/") ? `file://${encodeURI(withSlash)}` : encodeURI(withSlash);
}

// src/format/text.ts
var COLORS = { error: "\x1B[31m", warning: "\x1B[33m", info: "\x1B[36m" };
var DIM = "\x1B[2m";
var BOLD = "\x1B[1m";
var RESET = "\x1B[0m";
function loc(f) {
  if (f.line === void 0) return "";
  return f.column === void 0 ? `${f.line}` : `${f.line}:${f.column}`;
}
function formatText(report, options = {}) {
  const paint = (code, s) => options.color ? `${code}${s}${RESET}` : s;
  const groups = /* @__PURE__ */ new Map();
  for (const f of report.findings) {
    const key = f.file ?? f.url ?? "";
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const lines = [];
  for (const [file, list] of groups) {
    lines.push(paint(BOLD, file || "(general)"));
    const width = Math.max(...list.map((f) => loc(f).length), 0);
    for (const f of list) {
      const where = loc(f).padEnd(width);
      const sev = paint(COLORS[f.severity], f.severity.padEnd(7));
      const key = f.keyPath ? ` [${f.keyPath}]` : "";
      lines.push(`  ${where ? `${where}  ` : ""}${sev} ${f.message}${key}  ${paint(DIM, f.ruleId)}`);
      if (f.hint) lines.push(`  ${" ".repeat(width ? width + 2 : 0)}${" ".repeat(8)}${paint(DIM, `hint: ${f.hint}`)}`);
    }
    lines.push("");
  }
  const c = report.counts;
  const total = c.error + c.warning + c.info;
  const summary = total === 0 ? `mxops ${report.task}: no findings` : `mxops ${report.task}: ${c.error} error(s), ${c.warning} warning(s), ${c.info} info`;
  lines.push(paint(total === 0 ? "\x1B[32m" : c.error > 0 ? COLORS.error : COLORS.warning, summary));
  return `${lines.join("\n")}
`;
}

// src/format/types.ts
var FORMATS = ["text", "json", "sarif", "github"];

// src/format/index.ts
function render(report, format, options = {}) {
  switch (format) {
    case "text":
      return formatText(report, options);
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report);
    case "github":
      return formatGithub(report);
  }
}

// src/version.ts
var VERSION = "0.1.0";
export {
  FORMATS,
  MxopsError,
  Redactor,
  VERSION,
  countFindings,
  createHttpClient,
  defaultDeps,
  failsAt,
  render
};

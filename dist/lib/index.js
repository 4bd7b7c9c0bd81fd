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
function sortFindings(findings) {
  return [...findings].sort((a, b) => {
    const fa = a.file ?? "\uFFFF";
    const fb = b.file ?? "\uFFFF";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const d = (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
    if (d !== 0) return d;
    return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
  });
}

// src/core/errors.ts
var MxopsError = class extends Error {
  code;
  file;
  constructor(code, message, options2 = {}) {
    super(message.replace(/\s*\n\s*/g, " "), options2.cause === void 0 ? void 0 : { cause: options2.cause });
    this.name = "MxopsError";
    this.code = code;
    if (options2.file !== void 0) this.file = options2.file;
  }
};
function usageError(message) {
  return new MxopsError("MXOPS_USAGE", message);
}
function inputError(file, message, cause) {
  return new MxopsError("MXOPS_INPUT", `${file}: ${message}`, { file, cause });
}
function isMxopsError(e) {
  return e instanceof MxopsError || e instanceof Error && e.name === "MxopsError" && "code" in e;
}
function describeError(e) {
  if (e instanceof Error) {
    const code = e.code;
    const msg = e.message.split("\n")[0] ?? "";
    return typeof code === "string" && !msg.includes(code) ? `${code}: ${msg}` : msg;
  }
  return String(e);
}

// src/core/redact.ts
var WINDOW = 8;
var TOKEN_RUN = /[A-Za-z0-9+/=_-]{12,}/g;
function fragmentLooksSecret(run) {
  if (run.length >= 20) return true;
  return run.length >= WINDOW && /[A-Za-z]/.test(run) && /\d/.test(run);
}
var Redactor = class {
  secrets = /* @__PURE__ */ new Set();
  ordered;
  windows = /* @__PURE__ */ new Set();
  listeners = [];
  /** Register a secret; short values (< 4 chars) are ignored because masking them would mangle text. */
  add(secret) {
    if (!secret) return;
    const variants = [secret, secret.trim(), encodeURIComponent(secret), Buffer.from(secret).toString("base64")];
    for (const lineOf of secret.split(/\r?\n/)) variants.push(lineOf.trim());
    for (const v of variants) {
      if (v.length >= 4 && !this.secrets.has(v)) {
        this.secrets.add(v);
        this.ordered = void 0;
        for (const l of this.listeners) l(v);
      }
    }
    for (const run of secret.match(TOKEN_RUN) ?? []) {
      for (let i = 0; i + WINDOW <= run.length; i++) this.windows.add(run.slice(i, i + WINDOW));
    }
  }
  /** Called for every secret registered now or later (the Action hooks core.setSecret here). */
  onAdd(listener) {
    this.listeners.push(listener);
    for (const s of this.secrets) listener(s);
  }
  /** Replace each registered secret by `***` (longest first so overlapping secrets mask fully), then fragments. */
  redact(text) {
    if (this.secrets.size === 0 || text.length === 0) return text;
    let out = text;
    this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of this.ordered) if (out.includes(s)) out = out.split(s).join("***");
    return this.windows.size === 0 ? out : this.maskFragments(out);
  }
  /**
   * A deep copy of `value` with every string (and object key) redacted: for reports, before a formatter escapes
   * them. Non-plain objects and other values are kept as they are.
   */
  redactDeep(value) {
    return this.deep(value, 0);
  }
  deep(v, depth) {
    if (typeof v === "string") return this.redact(v);
    if (depth > 100 || typeof v !== "object" || v === null) return v;
    if (Array.isArray(v)) return v.map((x) => this.deep(x, depth + 1));
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, this.redact(k), {
        value: this.deep(x, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true
      });
    }
    return out;
  }
  maskFragments(text) {
    let covered;
    for (const m of text.matchAll(/[A-Za-z0-9+/=_-]{8,}/g)) {
      const start = m.index;
      for (let i2 = 0; i2 + WINDOW <= m[0].length; i2++) {
        if (this.windows.has(m[0].slice(i2, i2 + WINDOW))) {
          covered ??= new Uint8Array(text.length);
          covered.fill(1, start + i2, start + i2 + WINDOW);
        }
      }
    }
    if (!covered) return text;
    let out = "";
    let last = 0;
    let i = 0;
    while (i < text.length) {
      if (!covered[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < text.length && covered[j]) j++;
      if (fragmentLooksSecret(text.slice(i, j))) {
        out += `${text.slice(last, i)}***`;
        last = j;
      }
      i = j;
    }
    return out + text.slice(last);
  }
  /** Number of registered variants (for tests). */
  get size() {
    return this.secrets.size;
  }
};

// src/core/exec.ts
import { execFile } from "node:child_process";
var nodeExec = (file, args, options2 = {}) => new Promise((resolve3, reject) => {
  const child = execFile(
    file,
    [...args],
    {
      cwd: options2.cwd,
      env: options2.env ?? process.env,
      maxBuffer: 256 * 1024 * 1024,
      timeout: options2.timeoutMs ?? 12e4,
      encoding: "utf8"
    },
    (err, stdout, stderr) => {
      if (err && typeof err.code === "string") {
        reject(
          new MxopsError("MXOPS_INPUT", `cannot run ${file}: ${err.code}`, { cause: err })
        );
        return;
      }
      const code = err ? typeof err.code === "number" ? err.code : 1 : 0;
      resolve3({ code, stdout, stderr });
    }
  );
  if (options2.input !== void 0) child.stdin?.end(options2.input);
});

// src/core/http.ts
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { createSecureContext, rootCertificates } from "node:tls";

// src/core/retry.ts
var defaultSleep = (ms) => new Promise((r) => setTimeout(r, ms));
function defaultRetryPolicy(overrides = {}) {
  return { attempts: 4, baseMs: 250, maxRetryAfterMs: 3e4, deadlineMs: 12e4, sleep: defaultSleep, ...overrides };
}
function retryableStatus(s) {
  return s === 429 || s >= 500 && s <= 599 && s !== 501;
}
function parseRetryAfter(v, nowMs) {
  if (!v) return void 0;
  const t = v.trim();
  if (/^\d{1,9}$/.test(t)) return Number(t) * 1e3;
  const at4 = Date.parse(t);
  return Number.isNaN(at4) ? void 0 : Math.max(0, at4 - nowMs);
}
function backoffDelay(policy, n) {
  const jitter = 0.5 + (policy.random ?? Math.random)() / 2;
  return Math.round(policy.baseMs * 2 ** (n - 1) * jitter);
}
var UnknownOutcome = class extends MxopsError {
  constructor(where, cause) {
    super("MXOPS_HTTP", `${where}: connection failed, outcome unknown`, { cause });
    this.where = where;
  }
  where;
};
async function withRetry(policy, attempt, shouldRetry) {
  const now = policy.now ?? Date.now;
  const start = now();
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let n = 1; ; n++) {
    const remaining = policy.deadlineMs === void 0 ? void 0 : Math.max(1, policy.deadlineMs - (now() - start));
    let outcome;
    try {
      outcome = { ok: true, value: await attempt(n, remaining) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const verdict = n < attempts ? shouldRetry(outcome, n) : false;
    let wait = 0;
    if (verdict) {
      wait = verdict.retryAfterMs !== void 0 ? Math.min(Math.max(0, verdict.retryAfterMs), policy.maxRetryAfterMs) : backoffDelay(policy, n);
    }
    const pastDeadline = policy.deadlineMs !== void 0 && now() - start + wait >= policy.deadlineMs;
    if (!verdict || pastDeadline) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    policy.log?.(`${verdict.why ?? "call"}: retrying in ${wait} ms`);
    await policy.sleep(wait);
  }
}

// src/core/http.ts
var DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
var IDEMPOTENT = /* @__PURE__ */ new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
var RETRY_CODES = /* @__PURE__ */ new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET"]);
var CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"];
var LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");
function isLoopbackHost(host2) {
  const h = host2.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost") return true;
  const family = net.isIP(h);
  return family !== 0 && LOOPBACK.check(h, family === 6 ? "ipv6" : "ipv4");
}
function assertCredentialTransport(url) {
  if (url.protocol === "https:" || isLoopbackHost(url.hostname)) return;
  throw new MxopsError(
    "MXOPS_CONFIG",
    `refusing to send credentials to ${url.protocol}//${url.host} over plain http: use https (plain http is allowed only to loopback: 127.0.0.0/8, ::1, localhost)`
  );
}
function carriesCredentials(req, headers) {
  if (req.credentials !== void 0) return req.credentials;
  if (req.body !== void 0) return true;
  return Object.keys(headers).some((k) => CREDENTIAL_HEADERS.includes(k.toLowerCase()));
}
function errnoError(code, message) {
  const e = new Error(message);
  e.code = code;
  return e;
}
function createHttpClient(options2 = {}) {
  const timeoutMs = options2.timeoutMs ?? 1e4;
  const maxBodyBytes = options2.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options2.now ?? Date.now;
  let secureContext;
  const contextWithCa = () => {
    if (!options2.ca) return void 0;
    secureContext ??= createSecureContext({ ca: [...rootCertificates, options2.ca] });
    return secureContext;
  };
  function once(req, method, deadline) {
    const url = new URL(req.url);
    const isHttps = url.protocol === "https:";
    if (!isHttps && url.protocol !== "http:") {
      return Promise.reject(new MxopsError("MXOPS_USAGE", `unsupported URL scheme: ${url.protocol}//${url.host}`));
    }
    const headers = { "user-agent": options2.userAgent ?? "mxops", ...req.headers };
    if (carriesCredentials(req, headers)) assertCredentialTransport(url);
    const port = url.port || (isHttps ? "443" : "80");
    const hostname2 = url.hostname.replace(/^\[|\]$/g, "");
    const target2 = parseResolveTarget(options2.resolve?.[`${hostname2}:${port}`]);
    const override = target2?.address;
    const lib = isHttps ? https : http;
    const cap = req.maxBytes ?? maxBodyBytes;
    if (target2?.port) headers.host ??= url.host;
    if (req.upgrade) {
      headers.connection = "Upgrade";
      headers.upgrade = "websocket";
      headers["sec-websocket-version"] = "13";
      headers["sec-websocket-key"] = Buffer.from(Array.from({ length: 16 }, (_, i) => i * 37 + 11 & 255)).toString(
        "base64"
      );
    }
    const where = `${method} ${redactUrl(req.url)}`;
    const tooLarge = () => new MxopsError("MXOPS_HTTP", `${where}: response body larger than ${cap} bytes; aborted (limit for this call)`);
    return new Promise((resolve3, reject) => {
      let settled = false;
      let response;
      const finish = (fn) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener("abort", onAbort);
        fn();
      };
      const fail = (e) => {
        finish(() => reject(e instanceof Error ? e : errnoError("ABORT_ERR", "request aborted")));
        response?.destroy();
        r.destroy();
      };
      const onAbort = () => fail(
        req.signal?.reason?.name === "TimeoutError" ? errnoError("ETIMEDOUT", "the caller's deadline passed before a complete answer") : req.signal?.reason
      );
      const r = lib.request(
        {
          method,
          protocol: url.protocol,
          hostname: hostname2,
          port: target2?.port ?? port,
          path: url.pathname + url.search,
          headers,
          servername: net.isIP(hostname2) ? void 0 : hostname2,
          // An extra CA adds to the system trust instead of replacing it.
          secureContext: isHttps ? contextWithCa() : void 0,
          rejectUnauthorized: true,
          agent: false,
          lookup: override ? (_h, opts, cb) => {
            const fam = net.isIPv6(override) ? 6 : 4;
            if (opts?.all) cb(null, [{ address: override, family: fam }]);
            else cb(null, override, fam);
          } : void 0
        },
        (res) => {
          response = res;
          const declared = Number(res.headers["content-length"]);
          if (Number.isFinite(declared) && declared > cap) return fail(tooLarge());
          const chunks = [];
          let size = 0;
          res.on("data", (c) => {
            size += c.length;
            if (size > cap) return fail(tooLarge());
            chunks.push(c);
          });
          res.on(
            "end",
            () => finish(
              () => resolve3(makeResponse(req.url, res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString("utf8")))
            )
          );
          res.on("error", fail);
          res.on("aborted", () => fail(errnoError("ECONNRESET", "connection closed before the body was complete")));
        }
      );
      const timer = setTimeout(
        () => fail(errnoError("ETIMEDOUT", `no complete answer within ${deadline} ms`)),
        Math.max(1, deadline)
      );
      if (req.signal?.aborted) {
        onAbort();
        return;
      }
      req.signal?.addEventListener("abort", onAbort, { once: true });
      r.on("upgrade", (res, socket) => {
        socket.destroy();
        finish(() => resolve3(makeResponse(req.url, res.statusCode ?? 101, res.headers, "")));
      });
      r.on("error", fail);
      r.end(req.body);
    });
  }
  async function request(req) {
    const method = (req.method ?? "GET").toUpperCase();
    const mode = req.retry ?? (IDEMPOTENT.has(method) ? "safe" : "never");
    const retries = mode === "never" ? 0 : req.retries ?? options2.retries ?? 3;
    const where = `${method} ${redactUrl(req.url)}`;
    const policy = {
      attempts: retries + 1,
      baseMs: options2.backoffMs ?? 250,
      maxRetryAfterMs: options2.maxRetryAfterMs ?? 3e4,
      deadlineMs: options2.deadlineMs ?? 6e4,
      sleep: options2.sleep ?? defaultSleep,
      now,
      ...options2.log ? { log: options2.log } : {}
    };
    const perTry = req.timeoutMs ?? timeoutMs;
    const short = `${method} ${safePath(req.url)}`;
    const verdict = (o) => {
      if (o.ok) {
        if (!retryableStatus(o.value.status)) return false;
        return { retryAfterMs: parseRetryAfter(o.value.headers["retry-after"], now()), why: short };
      }
      if (mode !== "safe" || isMxopsError(o.error)) return false;
      const code = o.error?.code;
      return typeof code === "string" && RETRY_CODES.has(code) ? { why: short } : false;
    };
    const attempt = async (n, remaining) => {
      try {
        const res = await once(req, method, Math.min(perTry, remaining ?? perTry));
        options2.log?.(`${short} \u2192 ${res.status}${n > 1 ? ` (attempt ${n})` : ""}`);
        return res;
      } catch (e) {
        options2.log?.(`${short}: ${isMxopsError(e) ? "refused" : "connection failed"} (attempt ${n})`);
        throw e;
      }
    };
    try {
      return await withRetry(policy, attempt, verdict);
    } catch (e) {
      if (isMxopsError(e)) throw e;
      if (mode === "answered") throw new UnknownOutcome(where, e);
      throw new MxopsError("MXOPS_HTTP", `${where}: ${describeError(e)}`, { cause: e });
    }
  }
  const fetcher = (defaults) => {
    return async (input, init = {}) => {
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
      else if (b !== void 0 && b !== null)
        throw new MxopsError("MXOPS_INTERNAL", "fetch adapter: unsupported request body type");
      const req = { ...defaults, method: init.method ?? "GET", url, headers };
      if (body !== void 0) req.body = body;
      if (init.signal) req.signal = init.signal;
      if (init.credentials === "include") req.credentials = true;
      const res = await request(req);
      const h = new Headers();
      for (const [k, v] of Object.entries(res.headers)) h.set(k, v);
      const nullBody = res.status === 204 || res.status === 304 || res.status >= 100 && res.status < 200;
      const out = new Response(nullBody ? null : res.body, { status: res.status, headers: h });
      Object.defineProperty(out, "url", { value: url });
      return out;
    };
  };
  return { request, fetch: fetcher({}), fetcher };
}
function parseResolveTarget(value) {
  if (value === void 0) return void 0;
  const v = value.trim();
  if (net.isIPv6(v)) return { address: v };
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(v);
  if (bracket) return bracket[2] ? { address: bracket[1], port: bracket[2] } : { address: bracket[1] };
  const hostPort = /^([^:]+):(\d+)$/.exec(v);
  if (hostPort) return { address: hostPort[1], port: hostPort[2] };
  return { address: v };
}
function safePath(u) {
  try {
    return new URL(u).pathname;
  } catch {
    return "<invalid url>";
  }
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
  for (const [k, v] of Object.entries(raw))
    if (v !== void 0) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
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

// src/format/escape.ts
var CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
function visible(s) {
  return s.replace(CONTROL, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    const code = c.charCodeAt(0);
    return code <= 255 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
function escapeData(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

// src/format/github.ts
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
var LEVEL = {
  error: "error",
  warning: "warning",
  info: "note"
};
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
    if (f.related && f.related.length > 0) result.relatedLocations = f.related.map(relatedLocation);
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
function relatedLocation(r, id) {
  const physical = { artifactLocation: { uri: encodeURI(r.file), uriBaseId: "SRCROOT" } };
  if (r.line !== void 0)
    physical.region = { startLine: r.line, ...r.column !== void 0 ? { startColumn: r.column } : {} };
  return { id, physicalLocation: physical, ...r.message ? { message: { text: r.message } } : {} };
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
function formatText(report, options2 = {}) {
  const paint = (code, s) => options2.color ? `${code}${s}${RESET}` : s;
  const groups = /* @__PURE__ */ new Map();
  for (const f of report.findings) {
    const key2 = f.file ?? f.url ?? "";
    const list2 = groups.get(key2) ?? [];
    list2.push(f);
    groups.set(key2, list2);
  }
  const lines = [];
  for (const [file, list2] of groups) {
    lines.push(paint(BOLD, visible(file) || "(general)"));
    const width = Math.max(...list2.map((f) => loc(f).length), 0);
    for (const f of list2) {
      const where = loc(f).padEnd(width);
      const sev = paint(COLORS[f.severity], f.severity.padEnd(7));
      const key2 = f.keyPath ? ` [${visible(f.keyPath)}]` : "";
      lines.push(`  ${where ? `${where}  ` : ""}${sev} ${visible(f.message)}${key2}  ${paint(DIM, visible(f.ruleId))}`);
      if (f.hint)
        lines.push(`  ${" ".repeat(width ? width + 2 : 0)}${" ".repeat(8)}${paint(DIM, `hint: ${visible(f.hint)}`)}`);
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
function render(report, format, options2 = {}) {
  switch (format) {
    case "text":
      return formatText(report, options2);
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

// src/tasks/verify-config/index.ts
import { existsSync as existsSync2 } from "node:fs";
import { readFile as readFile3 } from "node:fs/promises";
import path10 from "node:path";

// src/core/files.ts
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";

// src/core/git.ts
var SAFE_GIT_CONFIG = [
  "core.fsmonitor=false",
  "core.hooksPath=/dev/null",
  "core.pager=cat",
  "core.editor=true",
  "core.askPass=",
  "core.sshCommand=false",
  "credential.helper=",
  "diff.external=",
  "protocol.allow=never"
].flatMap((kv) => ["-c", kv]);
function safeGitEnv(base = process.env) {
  return {
    ...base,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_EXTERNAL_DIFF: ""
  };
}
function runGit(exec, args, options2 = {}) {
  return exec("git", [...SAFE_GIT_CONFIG, ...args], { ...options2, env: safeGitEnv() });
}
async function gitTopLevel(exec, dir) {
  try {
    const r = await runGit(exec, ["rev-parse", "--show-toplevel"], { cwd: dir });
    return r.code === 0 ? r.stdout.trim() : void 0;
  } catch {
    return void 0;
  }
}
function splitZ(out) {
  return out.split("\0").filter((s) => s.length > 0);
}
async function gitListFiles(exec, dir) {
  const r = await runGit(
    exec,
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", "--", "."],
    { cwd: dir }
  );
  if (r.code !== 0)
    throw new MxopsError("MXOPS_INPUT", `${dir}: git ls-files failed: ${r.stderr.trim().split("\n")[0]}`);
  return [...new Set(splitZ(r.stdout))];
}
async function gitChangedFiles(exec, dir, range) {
  if (!/^[A-Za-z0-9_./@^~{}:-]+$/.test(range) || range.startsWith("-")) {
    throw new MxopsError("MXOPS_USAGE", `--changed: not a git revision range: ${JSON.stringify(range)}`);
  }
  const r = await runGit(
    exec,
    [
      "diff",
      "--name-only",
      "-z",
      "--no-renames",
      "--no-ext-diff",
      "--no-textconv",
      "--diff-filter=d",
      "--relative",
      range,
      "--"
    ],
    { cwd: dir }
  );
  if (r.code !== 0) {
    throw new MxopsError("MXOPS_USAGE", `--changed ${range}: git diff failed: ${r.stderr.trim().split("\n")[0] ?? ""}`);
  }
  return splitZ(r.stdout);
}

// src/core/files.ts
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", "node_modules"]);
function toRel(root, abs) {
  return path.relative(root, abs).split(path.sep).join("/");
}
function errCode(e) {
  const code = e?.code;
  return typeof code === "string" && /^[A-Z0-9_]{1,32}$/.test(code) ? code : "error";
}
async function walk(root, dir, out, realRoot, bad) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    bad.push({ rel: `${toRel(root, dir)}/`, code: errCode(e) });
    return;
  }
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(root, abs, out, realRoot, bad);
    } else if (e.isFile()) {
      out.push(abs);
    } else if (e.isSymbolicLink()) {
      try {
        const target2 = await realpath(abs);
        const st = await stat(target2);
        if (st.isFile() && !path.relative(realRoot, target2).startsWith("..")) out.push(abs);
      } catch {
      }
    }
  }
}
async function selectFiles(exec, options2) {
  return (await selectFilesWithProblems(exec, options2)).files;
}
async function selectFilesWithProblems(exec, options2) {
  const bad = [];
  const root = path.resolve(options2.root);
  const rootStat = await stat(root).catch(() => void 0);
  if (!rootStat?.isDirectory()) throw inputError(options2.root, "no such directory");
  const realRoot = await realpath(root);
  const top = await gitTopLevel(exec, root);
  let absList;
  if (top) {
    absList = (await gitListFiles(exec, root)).map((r) => path.join(root, r));
  } else {
    absList = [];
    await walk(root, root, absList, realRoot, bad);
  }
  if (options2.paths && options2.paths.length > 0) {
    const wanted = await Promise.all(
      options2.paths.map(async (p) => {
        const abs = path.resolve(root, p);
        const st = await lstat(abs).catch(() => void 0);
        if (!st) throw inputError(p, "no such file or directory");
        return { abs, dir: st.isDirectory() };
      })
    );
    absList = absList.filter(
      (f) => wanted.some((w) => w.dir ? !path.relative(w.abs, f).startsWith("..") : w.abs === f)
    );
    for (const w of wanted) if (!w.dir && !absList.includes(w.abs)) absList.push(w.abs);
  }
  if (options2.changed !== void 0) {
    if (!top) throw new MxopsError("MXOPS_USAGE", `--changed needs a git work tree, but ${options2.root} is not in one`);
    const changed = new Set((await gitChangedFiles(exec, root, options2.changed)).map((r) => path.join(root, r)));
    absList = absList.filter((f) => changed.has(f));
  }
  const files = [];
  for (const abs of new Set(absList)) {
    let st;
    try {
      st = await lstat(abs);
    } catch (e) {
      if (errCode(e) !== "ENOENT") bad.push({ rel: toRel(root, abs), code: errCode(e) });
      continue;
    }
    if (st.isSymbolicLink()) {
      const target2 = await realpath(abs).catch(() => void 0);
      if (!target2 || path.relative(realRoot, target2).startsWith("..")) continue;
      const tst = await stat(target2).catch(() => void 0);
      if (!tst?.isFile()) continue;
    } else if (!st.isFile()) continue;
    files.push({ abs, rel: toRel(root, abs) });
  }
  files.sort((a, b) => a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
  const paths = options2.paths ?? [];
  if (paths.length > 0) {
    const inPaths = (rel) => paths.some((p) => {
      const r = path.relative(path.resolve(root, p), path.resolve(root, rel));
      return r === "" || !r.startsWith("..");
    });
    return { files, unreadable: bad.filter((b) => inPaths(b.rel)) };
  }
  return { files, unreadable: bad };
}
var DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;
async function readRepoFile(file, maxBytes = DEFAULT_MAX_FILE_BYTES) {
  const st = await stat(file.abs);
  if (st.size > maxBytes) return void 0;
  return readFile(file.abs, "utf8");
}

// src/core/report.ts
function makeReport(task, findings, extra = {}) {
  const sorted = sortFindings(findings);
  const report = {
    tool: "mxops",
    version: VERSION,
    task,
    ...extra.root !== void 0 ? { root: extra.root } : {},
    findings: sorted,
    counts: countFindings(sorted)
  };
  if (extra.changed !== void 0) report.changed = extra.changed;
  if (extra.results !== void 0) report.results = extra.results;
  return report;
}

// src/core/yaml.ts
import { AsyncLocalStorage } from "node:async_hooks";
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  YAMLParseError
} from "yaml";
var MAX_ALIAS_COUNT = 1e3;
var MAX_NESTING = 256;
var CODE_TEXT = {
  ALIAS_PROPS: "an alias must not have an anchor or tag",
  BAD_ALIAS: "malformed anchor or alias",
  BAD_COLLECTION_TYPE: "a tag does not fit the kind of collection it is on",
  BAD_DIRECTIVE: "malformed directive",
  BAD_DQ_ESCAPE: "invalid escape sequence in a double-quoted string",
  BAD_INDENT: "bad indentation",
  BAD_PROP_ORDER: "anchor or tag in the wrong place",
  BAD_SCALAR_START: "a plain value starts with a reserved character (quote it)",
  BLOCK_AS_IMPLICIT_KEY: "a block collection cannot be a key",
  BLOCK_IN_FLOW: "block syntax inside a flow collection ([\u2026] or {\u2026})",
  DUPLICATE_KEY: "duplicate key: map keys must be unique",
  IMPOSSIBLE: "unreadable YAML structure",
  KEY_OVER_1024_CHARS: "an implicit key is longer than 1024 characters",
  MISSING_CHAR: "a required character is missing (closing quote, comma, colon or space)",
  MULTILINE_IMPLICIT_KEY: "a key must be on one line",
  MULTIPLE_ANCHORS: "a node has more than one anchor",
  MULTIPLE_DOCS: "more than one document where one is expected",
  MULTIPLE_TAGS: "a node has more than one tag",
  NON_STRING_KEY: "a key is not a string",
  RESOURCE_EXHAUSTION: `alias expansion beyond ${MAX_ALIAS_COUNT} aliases (an alias bomb?); not read further`,
  TAB_AS_INDENT: "tabs are not allowed as indentation",
  TAG_RESOLVE_FAILED: "unresolved tag",
  UNEXPECTED_TOKEN: "unexpected text (after a block scalar indicator | or >, the value goes on the next line)",
  NESTING_TOO_DEEP: `nesting deeper than ${MAX_NESTING} levels; the file is not read further`
};
function yamlErrorMessage(code) {
  const known2 = Object.prototype.hasOwnProperty.call(CODE_TEXT, code);
  return `YAML syntax error (${/^[A-Z0-9_]{1,40}$/.test(code) ? code : "UNKNOWN"}): ${known2 ? CODE_TEXT[code] : "unreadable YAML"}`;
}
var YAML_PARSE_BASE = { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: "silent" };
function markDuplicateKeys(doc) {
  const found = [];
  const stack = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = isMap(node) ? /* @__PURE__ */ new Set() : void 0;
    for (const item of node.items) {
      if (isPair(item)) {
        if (seen && isScalar(item.key) && !isAlias(item.key)) {
          const v = item.key.value;
          if (seen.has(v)) {
            const at4 = item.key.range?.[0] ?? 0;
            found.push(new YAMLParseError([at4, at4 + 1], "DUPLICATE_KEY", CODE_TEXT.DUPLICATE_KEY));
          } else seen.add(v);
        }
        if (isCollection(item.key)) stack.push(item.key);
        if (isCollection(item.value)) stack.push(item.value);
      } else if (isCollection(item)) stack.push(item);
    }
  }
  if (found.length === 0) return;
  doc.errors.push(...found);
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}
function aliasBomb(doc) {
  return "error" in toJS(doc);
}
function nestingTooDeepAt(text, max = MAX_NESTING) {
  let depth = 0;
  let lineStart = true;
  let lead = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      lead = 0;
      quote = quote === '"' ? quote : "";
      continue;
    }
    if (quote) {
      if (text[i] === quote && text[i - 1] !== "\\") quote = "";
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 45 && text.charCodeAt(i + 1) === 32) {
        if (++lead > 2 * max) return i;
        continue;
      }
      lineStart = false;
    }
    const prev = i === 0 ? 10 : text.charCodeAt(i - 1);
    if (c === 35 && (prev === 32 || prev === 10 || prev === 9)) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl - 1;
    } else if (c === 34 || c === 39) quote = text[i];
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}
function parseYaml(text, options2 = {}) {
  const cache4 = parseCache.getStore();
  if (!cache4 || text.length > MAX_CACHED_TEXT) return parseUncached(text, options2);
  const key2 = text.includes("<<") ? `${options2.merge ? "m" : "-"}${text}` : text;
  let hit = cache4.get(key2);
  if (!hit) {
    hit = parseUncached(text, options2);
    cache4.set(key2, hit);
  }
  return hit;
}
var parseCache = new AsyncLocalStorage();
var MAX_CACHED_TEXT = 256 * 1024;
function withYamlParseCache(fn) {
  return parseCache.run(/* @__PURE__ */ new Map(), fn);
}
function parseUncached(text, options2) {
  const lineCounter = new LineCounter();
  const deep = nestingTooDeepAt(text);
  if (deep >= 0) {
    lineCounter.addNewLine(0);
    for (let i = text.indexOf("\n"); i >= 0 && i < deep; i = text.indexOf("\n", i + 1)) lineCounter.addNewLine(i + 1);
    return {
      docs: [],
      lineCounter,
      problems: [toProblem(lineCounter, "NESTING_TOO_DEEP", [deep, deep], "error")]
    };
  }
  const docs = parseAllDocuments(text, {
    ...YAML_PARSE_BASE,
    lineCounter,
    // `<<` merge keys (YAML 1.1) as Kubernetes' YAML reader applies them; opt-in to keep other callers unchanged.
    ...options2.merge ? { merge: true } : {},
    customTags: []
  });
  const list2 = Array.isArray(docs) ? docs : [docs];
  const problems = [];
  for (const d of list2) {
    markDuplicateKeys(d);
    for (const e of d.errors) problems.push(toProblem(lineCounter, e.code, e.pos, "error"));
    for (const w of d.warnings) {
      if (w.code === "TAG_RESOLVE_FAILED") continue;
      problems.push(toProblem(lineCounter, w.code, w.pos, "warning"));
    }
  }
  return { docs: list2, lineCounter, problems };
}
function toProblem(lc, code, pos, severity) {
  const start = lc.linePos(pos[0]);
  return {
    code,
    message: yamlErrorMessage(code),
    severity,
    line: start.line,
    column: start.col
  };
}
function spanOf(lc, node) {
  const range = node?.range;
  if (!range) return void 0;
  const s = lc.linePos(range[0]);
  const e = lc.linePos(range[1]);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
function pairAt(doc, path21) {
  if (path21.length === 0) return void 0;
  const parent2 = path21.length === 1 ? doc.contents : nodeAt(doc, path21.slice(0, -1));
  const last = path21[path21.length - 1];
  if (!isMap(parent2)) return void 0;
  return parent2.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(last));
}
function nodeAt(doc, path21) {
  let cur = doc.contents;
  for (const seg2 of path21) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg2));
      cur = pair?.value;
    } else if (isSeq(cur) && typeof seg2 === "number") {
      cur = cur.items[seg2];
    } else return void 0;
  }
  return cur ?? void 0;
}
function keySpan(parsed, docIndex, path21) {
  const doc = parsed.docs[docIndex];
  if (!doc) return void 0;
  for (let n = path21.length; n > 0; n--) {
    const sub = path21.slice(0, n);
    const last = sub[sub.length - 1];
    if (typeof last === "number") {
      const node = nodeAt(doc, sub);
      const s2 = spanOf(parsed.lineCounter, node);
      if (s2) return s2;
      continue;
    }
    const pair = pairAt(doc, sub);
    const s = spanOf(parsed.lineCounter, pair?.key ?? void 0);
    if (s) return s;
  }
  return spanOf(parsed.lineCounter, doc.contents);
}
function toJS(doc) {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    const m = e instanceof Error ? e.message : "";
    if (/excessive alias/i.test(m)) return { error: CODE_TEXT.RESOURCE_EXHAUSTION };
    if (/unresolved alias/i.test(m)) return { error: "an alias refers to an anchor that is not defined before it" };
    if (e instanceof RangeError) return { error: "the document nests too deeply" };
    return { error: "the document cannot be converted to data" };
  }
}
function formatPath(path21) {
  let out = "";
  for (const seg2 of path21) {
    if (typeof seg2 === "number") out += `[${seg2}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(seg2)) out += out ? `.${seg2}` : seg2;
    else out += `[${JSON.stringify(seg2)}]`;
  }
  return out;
}

// src/tasks/verify-config/components/util/scalar-map.ts
import { isScalar as isScalar2 } from "yaml";
function mapIntoScalar(text, parsed, docIndex, path21, line, column) {
  const doc = parsed.docs[docIndex];
  if (!doc) return void 0;
  const node = nodeAt(doc, path21);
  if (!isScalar2(node) || !node.range) return void 0;
  const start = parsed.lineCounter.linePos(node.range[0]);
  const type = node.type;
  if (type === "BLOCK_LITERAL" || type === "BLOCK_FOLDED") {
    return { line: start.line + line, column: blockIndent(text, start.line) + column };
  }
  const quote = type === "QUOTE_DOUBLE" || type === "QUOTE_SINGLE" ? 1 : 0;
  if (line === 1) return { line: start.line, column: start.col + quote + column - 1 };
  return { line: start.line + line - 1, column };
}
function blockIndent(text, headerLine) {
  const lines = text.split("\n");
  for (let i = headerLine; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === "") continue;
    return l.length - l.trimStart().length;
  }
  return 0;
}

// src/tasks/verify-config/components/util/embedded.ts
function parseEmbeddedYaml(text) {
  const parsed = parseYaml(text);
  const problems = parsed.problems.filter((p) => p.severity === "error").map((p) => ({ message: p.message, line: p.line, column: p.column }));
  let value;
  if (problems.length === 0 && parsed.docs.length > 0) {
    const js = toJS(parsed.docs[0]);
    if ("value" in js) value = js.value;
    else problems.push({ message: js.error, line: 1, column: 1 });
  }
  if (parsed.docs.length > 1) {
    const second = parsed.lineCounter.linePos(parsed.docs[1].range[0]);
    problems.push({
      message: "more than one YAML document; only the first is read",
      line: second.line,
      column: second.col
    });
  }
  return {
    value,
    problems,
    span: (path21) => path21.length === 0 ? void 0 : keySpan(parsed, 0, path21),
    locateInString: (path21, line, column) => mapIntoScalar(text, parsed, 0, path21, line, column)
  };
}
function positionOf(text, offset) {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const nl = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: before.length - nl };
}
function parseEmbeddedJson(text) {
  let value;
  const problems = [];
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const where = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : positionOf(text, pos ? Number(pos[1]) : text.trimEnd().length);
    const kind = /end of (JSON )?input|Unterminated/i.test(msg) ? "the text ends early" : "unexpected character";
    problems.push({ message: `JSON syntax error: ${kind}`, ...where });
  }
  let located;
  return {
    value,
    problems,
    span(path21) {
      if (value === void 0 || path21.length === 0) return void 0;
      located ??= parseYaml(text);
      return keySpan(located, 0, path21);
    },
    locateInString(path21, line, column) {
      if (value === void 0) return void 0;
      located ??= parseYaml(text);
      return mapIntoScalar(text, located, 0, path21, line, column);
    }
  };
}

// src/tasks/verify-config/components/util/suggest.ts
function editDistance(a, b) {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array(m + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}
function normaliseKey(key2) {
  return key2.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[-.\s]+/g, "_").toLowerCase();
}
function suggest(key2, candidates) {
  const norm2 = normaliseKey(key2);
  let best;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === key2) continue;
    const nc = normaliseKey(c);
    if (nc === norm2) return c;
    let score = editDistance(norm2, nc);
    if (nc.length >= 4 && (norm2.startsWith(nc + "_") || nc.startsWith(norm2 + "_"))) score = Math.min(score, 1.5);
    if (subsetWords(norm2, nc) || subsetWords(nc, norm2)) score = Math.min(score, 2);
    if (score < bestScore || score === bestScore && best !== void 0 && c < best) {
      best = c;
      bestScore = score;
    }
  }
  const limit = Math.max(2, Math.floor(norm2.length / 3));
  return bestScore <= limit ? best : void 0;
}
function subsetWords(a, b) {
  const wa = a.split("_").filter(Boolean);
  const wb = new Set(b.split("_").filter(Boolean));
  return wa.length >= 2 && wb.size === wa.length + 1 && wa.every((w) => wb.has(w));
}

// src/tasks/verify-config/components/util/where.ts
function at(loc2) {
  if (!loc2) return {};
  const out = { file: loc2.file };
  if (loc2.line !== void 0) out.line = loc2.line;
  if (loc2.column !== void 0) out.column = loc2.column;
  if (loc2.endLine !== void 0) out.endLine = loc2.endLine;
  if (loc2.endColumn !== void 0) out.endColumn = loc2.endColumn;
  return out;
}
function locateEmbedded(ctx, outer, doc, inner) {
  const span = doc?.span(inner);
  if (span) {
    const mapped = ctx.locateInString(outer, span.line, span.column);
    if (mapped) return mapped;
  }
  return ctx.locate(outer);
}
function embeddedKeyPath(outer, inner) {
  return inner.length ? `${formatPath(outer)}#${formatPath(inner)}` : formatPath(outer);
}
function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function getPath(root, path21) {
  let cur = root;
  for (const seg2 of path21) {
    if (Array.isArray(cur) && typeof seg2 === "number") cur = cur[seg2];
    else if (isRecord(cur)) cur = cur[String(seg2)];
    else return void 0;
  }
  return cur;
}

// src/tasks/verify-config/components/util/additional.ts
var ENTRY_KEYS = ["config", "configSecret", "configSecretKey"];
var cache = /* @__PURE__ */ new WeakMap();
function parseCached(ctx, key2, text, kind) {
  let m = cache.get(ctx);
  if (!m) cache.set(ctx, m = /* @__PURE__ */ new Map());
  const k = `${kind}\0${key2}\0${text}`;
  let doc = m.get(k);
  if (!doc) m.set(k, doc = kind === "yaml" ? parseEmbeddedYaml(text) : parseEmbeddedJson(text));
  return doc;
}
function componentEnabled(values, component, defaultOn = true) {
  const c = values[component];
  if (!isRecord(c) || c.enabled === void 0) return defaultOn;
  return c.enabled !== false;
}
function yamlAdditional(ctx, component, notStringRule, findings) {
  const entryRule = component === "synapse" ? "synapse/unknown-entry-key" : "mas/unknown-entry-key";
  const section = ctx.values[component];
  const additional = isRecord(section) ? section.additional : void 0;
  if (!isRecord(additional)) return [];
  const out = [];
  for (const name of Object.keys(additional).sort()) {
    const entry = additional[name];
    if (isRecord(entry)) {
      for (const k of Object.keys(entry)) {
        if (ENTRY_KEYS.includes(k)) continue;
        const s = suggest(k, ENTRY_KEYS);
        findings.push({
          ruleId: entryRule,
          severity: "warning",
          message: `${component}.additional.${name}.${k} is ignored by the chart: an entry takes config, or configSecret with configSecretKey${s ? `; did you mean "${s}"?` : ""}`,
          ...at(ctx.locate([component, "additional", name, k])),
          keyPath: `${component}.additional.${name}.${k}`,
          hint: "Put the settings inside the config string, or fix the key name."
        });
      }
    }
    if (!isRecord(entry) || entry.config === void 0 || entry.config === null) continue;
    const outer = [component, "additional", name, "config"];
    if (typeof entry.config !== "string") {
      findings.push({
        ruleId: notStringRule,
        severity: "error",
        message: `${component}.additional.${name}.config must be a YAML document in a string, not a ${Array.isArray(entry.config) ? "list" : typeof entry.config}`,
        ...at(ctx.locate(outer)),
        keyPath: embeddedKeyPath(outer, []),
        hint: "Write it as a block scalar: `config: |` followed by the indented YAML."
      });
      continue;
    }
    out.push({ name, outer, text: entry.config, doc: parseCached(ctx, outer.join("\0"), entry.config, "yaml") });
  }
  return out;
}
function jsonAdditional(ctx) {
  const section = ctx.values.elementWeb;
  const additional = isRecord(section) ? section.additional : void 0;
  if (!isRecord(additional)) return [];
  const out = [];
  for (const name of Object.keys(additional).sort()) {
    const text = additional[name];
    if (typeof text !== "string") continue;
    const outer = ["elementWeb", "additional", name];
    out.push({ name, outer, text, doc: parseCached(ctx, outer.join("\0"), text, "json") });
  }
  return out;
}

// src/tasks/verify-config/components/consistency.ts
function collectHosts(v, key2, out) {
  if (typeof v === "string") {
    if (key2 && /^(host|hosts|hostnames)$/.test(key2) && /^[A-Za-z0-9.${}_-]+$/.test(v)) out.add(v.toLowerCase());
    return;
  }
  if (Array.isArray(v))
    for (const x of v) collectHosts(x, key2 === "hosts" || key2 === "hostnames" ? key2 : void 0, out);
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) collectHosts(x, k, out);
}
var mentionsAuthentik = (s) => typeof s === "string" && /authentik/i.test(s);
function authentikHosts(repo) {
  const hosts = /* @__PURE__ */ new Set();
  for (const m of repo.manifests) {
    const spec = isRecord(m.body.spec) ? m.body.spec : void 0;
    if (!spec) continue;
    if (m.kind === "HelmRelease" && mentionsAuthentik(getPath(spec, ["chart", "spec", "chart"])) && isRecord(spec.values)) {
      collectHosts(spec.values, void 0, hosts);
    } else if (m.kind === "Ingress" && JSON.stringify(spec.rules ?? []).match(/"name":"[^"]*authentik/i)) {
      for (const r of Array.isArray(spec.rules) ? spec.rules : [])
        if (isRecord(r) && typeof r.host === "string") hosts.add(r.host.toLowerCase());
    } else if (m.kind === "HTTPRoute" && JSON.stringify(spec.rules ?? []).match(/"name":"[^"]*authentik/i)) {
      for (const h of Array.isArray(spec.hostnames) ? spec.hostnames : [])
        if (typeof h === "string") hosts.add(h.toLowerCase());
    }
  }
  return hosts;
}
function hostOf(url) {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return void 0;
  }
}
var checkIssuerConsistency = (ctx) => {
  const out = [];
  if (!componentEnabled(ctx.values, "matrixAuthenticationService")) return out;
  let hosts;
  for (const e of yamlAdditional(ctx, "matrixAuthenticationService", "mas/config-not-yaml", [])) {
    const providers = getPath(e.doc.value, ["upstream_oauth2", "providers"]);
    if (!Array.isArray(providers)) continue;
    providers.forEach((p, i) => {
      if (!isRecord(p) || typeof p.issuer !== "string") return;
      const inner = ["upstream_oauth2", "providers", i, "issuer"];
      const where = { ...at(locateEmbedded(ctx, e.outer, e.doc, inner)), keyPath: embeddedKeyPath(e.outer, inner) };
      const issuer = p.issuer;
      const authentikStyle = /\/application\/o\/[^/]+\/?$/.test(issuer);
      if (authentikStyle && !issuer.endsWith("/")) {
        out.push({
          ruleId: "consistency/issuer-trailing-slash",
          severity: "error",
          message: `upstream provider issuer ${issuer} lacks the trailing slash Authentik puts in its issuer`,
          ...where,
          hint: `Use ${issuer}/ exactly: MAS checks that the discovery document's issuer equals the configured one.`
        });
      }
      const host2 = hostOf(issuer);
      if (!host2 || !(authentikStyle || mentionsAuthentik(p.human_name) || mentionsAuthentik(p.brand_name))) return;
      hosts ??= authentikHosts(ctx.repo);
      if (hosts.size === 0 || hosts.has(host2) || [...hosts].some((h) => h.includes("${") || h.includes("{{"))) return;
      out.push({
        ruleId: "consistency/issuer-host",
        severity: "warning",
        message: `upstream provider issuer host ${host2} is not a host Authentik is served on in this repository (${[...hosts].sort().join(", ")})`,
        ...where,
        hint: "Point the issuer at the Authentik host: https://<authentik host>/application/o/<slug>/.",
        data: { issuerHost: host2, authentikHosts: [...hosts].sort() }
      });
    });
  }
  return out;
};
var HOSTS = [
  ["synapse", ["synapse", "ingress", "host"]],
  ["matrixAuthenticationService", ["matrixAuthenticationService", "ingress", "host"]],
  ["matrixRTC", ["matrixRTC", "ingress", "host"]],
  ["elementWeb", ["elementWeb", "ingress", "host"]],
  ["elementAdmin", ["elementAdmin", "ingress", "host"]]
];
var parent = (h) => h.split(".").slice(1).join(".");
function relatedHost(host2, serverName) {
  const h = host2.toLowerCase().replace(/\.$/, "");
  const s = serverName.toLowerCase().replace(/\.$/, "").replace(/:\d+$/, "");
  if (h === s || h.endsWith(`.${s}`)) return true;
  const p = parent(s);
  return p.includes(".") && (h.endsWith(`.${p}`) || h === p);
}
var checkHostDomains = (ctx) => {
  const serverName = ctx.values.serverName;
  if (typeof serverName !== "string" || serverName.includes("{{")) return [];
  const out = [];
  for (const [component, path21] of HOSTS) {
    const host2 = getPath(ctx.values, path21);
    if (typeof host2 !== "string" || host2.includes("{{") || !componentEnabled(ctx.values, component)) continue;
    if (relatedHost(host2, serverName)) continue;
    if (host2.includes("${") || serverName.includes("${")) continue;
    out.push({
      ruleId: "consistency/host-domain",
      severity: "warning",
      message: `${path21.join(".")} ${host2} is outside the domain of serverName ${serverName}`,
      ...at(ctx.locate(path21)),
      keyPath: path21.join("."),
      hint: "Check for a typo; components normally live on subdomains of serverName (e.g. matrix.<serverName>)."
    });
  }
  return out;
};
function isVersionRange(v) {
  return /[\s<>=^~*|]|(^|\.)[xX](\.|$)/.test(v.trim());
}
var checkChartVersionPins = (repo) => {
  const out = [];
  for (const m of repo.manifests) {
    if (m.kind === "OCIRepository") {
      const ref = getPath(m.body, ["spec", "ref"]);
      if (isRecord(ref) && typeof ref.semver === "string" && isVersionRange(ref.semver) && ref.digest === void 0) {
        out.push({
          ruleId: "consistency/chart-version-range",
          severity: "warning",
          message: `OCIRepository ${m.namespace ? `${m.namespace}/` : ""}${m.name ?? "?"} follows the semver range ${JSON.stringify(ref.semver)}, not one release`,
          ...at(m.locate(["spec", "ref", "semver"])),
          keyPath: "spec.ref.semver",
          hint: "Use spec.ref.tag with an exact version (or a digest) so chart upgrades happen in reviewed commits."
        });
      }
      continue;
    }
    if (m.kind !== "HelmRelease" || repo.patchFiles?.has(m.file)) continue;
    const version = getPath(m.body, ["spec", "chart", "spec", "version"]);
    if (typeof version !== "string" || version.trim() === "" || version.trim() === "*" || !isVersionRange(version))
      continue;
    out.push({
      ruleId: "consistency/chart-version-range",
      severity: "warning",
      message: `HelmRelease ${m.namespace ? `${m.namespace}/` : ""}${m.name ?? "?"} pins chart version range ${JSON.stringify(version)}, not one release`,
      ...at(m.locate(["spec", "chart", "spec", "version"])),
      keyPath: "spec.chart.spec.version",
      hint: "Pin an exact version (e.g. 26.8.1) so upgrades happen in reviewed commits; the rules are checked against that version's schema."
    });
  }
  return out;
};

// src/tasks/sops-check/evidence.ts
import path2 from "node:path";

// src/core/regex.ts
import { RE2JS } from "re2js";
var cache2 = /* @__PURE__ */ new Map();
function re2(pattern) {
  let r = cache2.get(pattern);
  if (r === void 0) {
    try {
      r = RE2JS.compile(pattern);
    } catch {
      r = null;
    }
    cache2.set(pattern, r);
  }
  return r;
}
function re2Search(pattern, input) {
  const r = re2(pattern);
  return r ? r.matcher(input).find() : false;
}

// src/core/sops/crypt.ts
function shouldBeEncrypted(meta, path21, comments, isComment) {
  const { key: key2, value } = meta.crypt;
  switch (key2) {
    case "unencrypted_suffix":
      return !path21.some((p) => p.endsWith(value));
    case "encrypted_suffix":
      return path21.some((p) => p.endsWith(value));
    case "unencrypted_regex":
      return !path21.some((p) => re2Search(value, p));
    case "encrypted_regex":
      return path21.some((p) => re2Search(value, p));
    case "unencrypted_comment_regex":
      return !comments.some((level) => level.some((c) => re2Search(value, c)));
    case "encrypted_comment_regex": {
      const last = comments.length - 1;
      return comments.some(
        (level, i) => level.some((c, j) => !(isComment && i === last && j === level.length - 1) && re2Search(value, c))
      );
    }
  }
}

// src/tasks/sops-check/evidence.ts
function isSopsMarkedName(rel) {
  return /\.(sops|enc)(\.|$)/i.test(path2.posix.basename(rel));
}
var FLUX_VAR = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=+][^}]*)?\}/;
function isPlaceholder(s) {
  const t = s.trim();
  if (t === "") return true;
  if (FLUX_VAR.test(t)) return true;
  if (/\{\{.*\}\}|\{%.*%\}/s.test(t)) return true;
  if (/^<[^<>]+>$/.test(t)) return true;
  return t.startsWith("ENC[");
}
function holdsData(leaf) {
  if (leaf.kind === "str") return !isPlaceholder(leaf.value);
  return leaf.kind === "int" || leaf.kind === "float";
}
var REFERENCE_KEY = /^(name|key|create|enabled|type|kind|path|file|ref|.*(Name|_name|File|_file|Path|_path|Ref|_ref)|existing.*|secretKey|secret_key_name)$/;
function selectedData(leaf) {
  const own = leaf.path[leaf.path.length - 1] ?? "";
  return holdsData(leaf) && !REFERENCE_KEY.test(own);
}
function looksTemplated(text) {
  return /\{\{[^\n]*\}\}|\{%[^\n]*%\}/.test(text);
}
function secretLiteral(env, s) {
  return env.leaves.find(
    (l) => l.doc === s.doc && (l.path[0] === "data" || l.path[0] === "stringData") && holdsData(l)
  );
}
var SELECTING = /* @__PURE__ */ new Set(["encrypted_regex", "encrypted_suffix", "encrypted_comment_regex"]);
function ruleEvidence(rel, text, env, crypt) {
  const marked = isSopsMarkedName(rel);
  if (marked) {
    if (env.format === "binary") return text.trim() !== "" ? { must: true, why: "marked-name" } : { must: false };
    const leaf2 = env.leaves.find((l) => l.kind !== "null" && l.kind !== "comment" && l.value !== "");
    if (leaf2) return { must: true, why: "marked-name", leaf: leaf2 };
    return { must: false };
  }
  if (env.format !== "yaml" && env.format !== "json" && env.format !== "dotenv") return { must: false };
  if (!SELECTING.has(crypt.key) && looksTemplated(text)) return { must: false };
  const leaf = env.leaves.find(
    (l) => l.kind !== "comment" && selectedData(l) && shouldBeEncrypted({ crypt }, l.path, l.comments, false)
  );
  return leaf ? { must: true, why: "selected-value", leaf } : { must: false };
}
var K8S_IDENTITY = /* @__PURE__ */ new Set(["apiVersion", "kind", "metadata", "type"]);
function exposedLeaves(env, crypt, plaintext) {
  const k8sDocs = /* @__PURE__ */ new Set();
  for (const l of env.leaves) if (l.path.length === 1 && l.path[0] === "kind" && l.kind === "str") k8sDocs.add(l.doc);
  return plaintext.filter(
    (l) => holdsData(l) && !(k8sDocs.has(l.doc) && K8S_IDENTITY.has(l.path[0] ?? "")) && shouldBeEncrypted({ crypt }, l.path, l.comments, false)
  );
}

// src/tasks/verify-config/components/util/credentials.ts
var CREDENTIAL_NAME = /(^|_)(password|passwd|passphrase|secret|token|api_key|apikey|private_key|secret_key|access_key|client_secret|shared_secret|auth_key|signing_key|encryption_key|bearer_token)$/;
var REFERENCE_NAME = /(^|_)(file|path|name|ref|dir|env|url|uri|endpoint|method|alg|ttl|lifetime|length|type|kind|enabled|required)$/;
var ESS_CREDENTIALS = /* @__PURE__ */ new Set([
  "macaroon",
  "signing_key",
  "rsa",
  "ecdsa_prime256v1",
  "ecdsa_secp256k1",
  "ecdsa_secp384r1",
  "keys_yaml",
  "passkey",
  "appservice_registration",
  "admin_password"
]);
var PLACEHOLDER = /^(change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|todo|fixme|x{3,}|\*{3,}|dummy|placeholder|redacted|secret|password|example)$/i;
function classifySecretValue(v) {
  if (typeof v !== "string") return "none";
  const s = v.trim();
  if (s === "") return "none";
  if (s.includes("${") || s.includes("{{") || s.startsWith("ENC[")) return "none";
  if (/^<[^<>]+>$/.test(s)) return "none";
  if (/^(\/|\.\/|file:\/\/)\S*$/.test(s)) return "none";
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(s)) return "none";
  if (/^\{[A-Z][A-Z0-9_]*\}$/.test(s) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(s) || /^%\([A-Za-z_][A-Za-z0-9_]*\)s$/.test(s))
    return "none";
  if (PLACEHOLDER.test(s)) return "placeholder";
  return "literal";
}
function urlWithPassword(v) {
  if (typeof v !== "string") return false;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^@\s/]+)@/i.exec(v.trim());
  return m !== null && classifySecretValue(decodeURIComponent(m[1])) === "literal";
}
var siblingKeys = /* @__PURE__ */ new WeakMap();
function normalisedKeys(siblings) {
  let keys2 = siblingKeys.get(siblings);
  if (!keys2) {
    keys2 = new Set(Object.keys(siblings).map(normaliseKey));
    siblingKeys.set(siblings, keys2);
  }
  return keys2;
}
function isCredentialKey(key2, siblings, path21) {
  const nk = normaliseKey(key2);
  const parent2 = normaliseKey(String(path21[path21.length - 2] ?? ""));
  if (nk === "value" && typeof siblings.name === "string" && CREDENTIAL_NAME.test(normaliseKey(siblings.name)))
    return true;
  if (nk === "value")
    return CREDENTIAL_NAME.test(parent2) || ESS_CREDENTIALS.has(parent2) || ["ess_passwords", "private_keys"].includes(normaliseKey(String(path21[path21.length - 3] ?? "")));
  if (nk === "encryption" && parent2 === "secrets") return true;
  if (nk === "key" && path21.includes("keys") && path21.includes("secrets")) return true;
  if (nk.startsWith("existing_") || nk.startsWith("config_secret") || nk === "tls_secret" || nk.endsWith("secret_key_ref"))
    return false;
  if (REFERENCE_NAME.test(nk)) return false;
  const value = siblings[key2];
  if (/[a-z]Secret$/.test(key2) && typeof value === "string" && /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(value))
    return false;
  const keys2 = normalisedKeys(siblings);
  if (nk === "secret" && keys2.has("secret_key")) return false;
  if (nk === "secret_key" && ["secret", "name", "secret_name", "existing_secret"].some((k) => keys2.has(k)))
    return false;
  return CREDENTIAL_NAME.test(nk);
}
function looksEmbedded(key2, v) {
  return /[\n{:]/.test(v) && (/\.(ya?ml|json)$/i.test(key2) || key2 === "config");
}
function scanCredentials(root, base, loc2, prefix = "") {
  const hits = [];
  const label = (p) => `${prefix}${formatPath(p)}`;
  const visit3 = (v, path21, siblings) => {
    if (Array.isArray(v)) return v.forEach((x, i) => visit3(x, [...path21, i], void 0));
    if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) visit3(x, [...path21, k], v);
      return;
    }
    const key2 = path21[path21.length - 1];
    if (typeof v !== "string" || typeof key2 !== "string") return;
    if (siblings && isCredentialKey(key2, siblings, path21)) {
      const kind = classifySecretValue(v);
      if (kind !== "none") hits.push({ kind, keyPath: label(path21), location: loc2.key(path21) });
      return;
    }
    if (urlWithPassword(v)) {
      hits.push({ kind: "url", keyPath: label(path21), location: loc2.key(path21) });
      return;
    }
    if (/\.env$/i.test(key2)) {
      hits.push(...scanEnvFile(v, path21, loc2, label(path21)));
      return;
    }
    if (looksEmbedded(key2, v)) {
      const doc = parseEmbeddedYaml(v);
      if (doc.value === void 0 || doc.value === null || typeof doc.value !== "object") return;
      const inner = {
        key: (p) => {
          const s = doc.span(p);
          return s && loc2.inString(path21, s.line, s.column) || loc2.key(path21);
        },
        inString: (p, l, c) => {
          const s = doc.locateInString(p, l, c);
          return s ? loc2.inString(path21, s.line, s.column) : void 0;
        }
      };
      hits.push(...scanCredentials(doc.value, [], inner, `${label(path21)}#`));
    }
  };
  visit3(root, [...base], void 0);
  return hits;
}
function scanEnvFile(text, path21, loc2, label) {
  const hits = [];
  text.split("\n").forEach((line, i) => {
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) return;
    const [, lead, name, raw] = m;
    const value = raw.trim().replace(/^(["'])(.*)\1$/, "$2");
    if (!isCredentialKey(name, { [name]: value }, [name])) return;
    const kind = classifySecretValue(value);
    if (kind === "none") return;
    hits.push({
      kind,
      keyPath: `${label}#${name}`,
      location: loc2.inString(path21, i + 1, lead.length + 1) ?? loc2.key(path21)
    });
  });
  return hits;
}

// src/tasks/verify-config/components/creds.ts
var HINT = "Move the value into a SOPS-encrypted Secret and reference it: ESS credentials take `{secret: <name>, secretKey: <key>}`, additional configs take `configSecret`/`configSecretKey`, Synapse/MAS options have `*_file`/`*_path` variants, and Flux can inject it with `valuesFrom` or postBuild `substituteFrom` a Secret.";
function toFinding(hit, where) {
  if (hit.kind === "placeholder") {
    return {
      ruleId: "creds/placeholder-credential",
      severity: "warning",
      message: `${hit.keyPath} in ${where} holds a well-known placeholder instead of a secret`,
      ...at(hit.location),
      keyPath: hit.keyPath,
      hint: "Anyone can guess a placeholder; generate a real secret and keep it in a SOPS-encrypted Secret."
    };
  }
  return {
    ruleId: "creds/plaintext-credential",
    severity: "error",
    message: hit.kind === "url" ? `${hit.keyPath} in ${where} is a URL with a plaintext password` : `${hit.keyPath} in ${where} is a plaintext credential`,
    ...at(hit.location),
    keyPath: hit.keyPath,
    hint: HINT
  };
}
function manifestLocator(m) {
  return { key: (p) => m.locate(p), inString: (p, l, c) => m.locateInString(p, l, c) };
}
function scanConfigMap(m) {
  const data2 = m.body.data;
  if (!isRecord(data2)) return [];
  const hits = [];
  for (const [key2, value] of Object.entries(data2)) {
    const path21 = ["data", key2];
    if (isCredentialKey(key2, data2, path21)) {
      const kind = classifySecretValue(value);
      if (kind !== "none") hits.push({ kind, keyPath: `data.${key2}`, location: m.locate(path21) });
      continue;
    }
    hits.push(...scanCredentials({ [key2]: value }, ["data"], manifestLocator(m)));
  }
  return hits;
}
function describe(m) {
  return `${m.kind ?? "document"} ${m.namespace ? `${m.namespace}/` : ""}${m.name ?? "?"}`;
}
var checkRepoCredentials = (repo) => {
  const out = [];
  for (const m of repo.manifests) {
    let hits = [];
    if (m.kind === "ConfigMap") hits = scanConfigMap(m);
    else if (m.kind === "HelmRelease" && isRecord(m.body.spec) && isRecord(m.body.spec.values)) {
      hits = scanCredentials(m.body.spec.values, ["spec", "values"], manifestLocator(m));
    } else if (m.kind === "Kustomization" && isRecord(m.body.spec) && isRecord(m.body.spec.postBuild)) {
      const sub = m.body.spec.postBuild.substitute;
      if (isRecord(sub)) hits = scanCredentials(sub, ["spec", "postBuild", "substitute"], manifestLocator(m));
    }
    for (const h of hits) out.push(toFinding(h, describe(m)));
  }
  return out;
};
var COVERED_KINDS = /* @__PURE__ */ new Set(["ConfigMap", "HelmRelease", "Kustomization", "Secret"]);
function coveredOrEncrypted(repo, file) {
  if (isSopsMarkedName(file)) return true;
  return repo.manifests.some(
    (m) => m.file === file && (m.kind !== void 0 && COVERED_KINDS.has(m.kind) || "sops" in m.body)
  );
}
var checkValuesCredentials = (ctx) => {
  const hits = scanCredentials(ctx.values, [], {
    key: (p) => ctx.locate(p),
    inString: (p, l, c) => ctx.locateInString(p, l, c)
  });
  return hits.filter((h) => h.location && !coveredOrEncrypted(ctx.repo, h.location.file)).map((h) => toFinding(h, ctx.subject));
};

// src/core/own.ts
function setOwn(obj2, key2, value) {
  Object.defineProperty(obj2, key2, { value, writable: true, enumerable: true, configurable: true });
}
function getOwn(obj2, key2) {
  if (typeof obj2 !== "object" || obj2 === null) return void 0;
  return Object.hasOwn(obj2, key2) ? obj2[key2] : void 0;
}
function hasOwn(obj2, key2) {
  return typeof obj2 === "object" && obj2 !== null && Object.hasOwn(obj2, key2);
}
function assignOwn(target2, src) {
  for (const [k, v] of Object.entries(src)) setOwn(target2, k, v);
}

// src/core/data.ts
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path3 from "node:path";
import { fileURLToPath } from "node:url";
var cache3 = /* @__PURE__ */ new Map();
function loadData(name) {
  const hit = cache3.get(name);
  if (hit !== void 0) return hit;
  const here = path3.dirname(fileURLToPath(import.meta.url));
  const candidates = [path3.join(here, "data", name), path3.join(here, "..", "data", name)];
  for (const c of candidates) {
    if (existsSync(c)) {
      const text = readFileSync(c, "utf8");
      const value = c.endsWith(".json") ? JSON.parse(text) : text;
      cache3.set(name, value);
      return value;
    }
  }
  throw new MxopsError("MXOPS_INTERNAL", `shipped data file missing: ${name}`);
}

// src/tasks/verify-config/components/element.ts
var data;
function elementKeys() {
  if (!data) {
    const raw = loadData("element-web/config-keys.json");
    data = { keys: new Set(raw.keys), raw };
  }
  return data;
}
var checkElementWeb = (ctx) => {
  const out = [];
  if (!componentEnabled(ctx.values, "elementWeb")) return out;
  const { keys: keys2, raw } = elementKeys();
  for (const e of jsonAdditional(ctx)) {
    for (const p of e.doc.problems) {
      out.push({
        ruleId: "element/config-not-json",
        severity: "error",
        message: `elementWeb.additional.${e.name} is not valid JSON: ${p.message}`,
        ...at(ctx.locateInString(e.outer, p.line, p.column) ?? ctx.locate(e.outer)),
        keyPath: embeddedKeyPath(e.outer, []),
        hint: "Each elementWeb.additional entry is a JSON object in a string (e.g. a `|` block); YAML syntax is not accepted there."
      });
    }
    const cfg = e.doc.value;
    if (cfg === void 0) continue;
    if (!isRecord(cfg)) {
      out.push({
        ruleId: "element/config-not-json",
        severity: "error",
        message: `elementWeb.additional.${e.name} must be a JSON object, the chart merges it into the top level of config.json`,
        ...at(ctx.locate(e.outer)),
        keyPath: embeddedKeyPath(e.outer, [])
      });
      continue;
    }
    if (keys2.has(e.name) && !hasOwn(cfg, e.name)) continue;
    for (const key2 of Object.keys(cfg)) {
      const where = { ...at(locateEmbedded(ctx, e.outer, e.doc, [key2])), keyPath: embeddedKeyPath(e.outer, [key2]) };
      if (keys2.has(key2)) {
        const inner = raw.nested[key2];
        const obj2 = cfg[key2];
        if (inner && isRecord(obj2)) {
          for (const sub of Object.keys(obj2)) {
            if (inner.includes(sub)) continue;
            const s = suggest(sub, inner);
            out.push({
              ruleId: "element/unknown-key",
              severity: "warning",
              message: `"${key2}.${sub}" is not a known Element Web config option${s ? `; did you mean "${s}"?` : ""}`,
              ...at(locateEmbedded(ctx, e.outer, e.doc, [key2, sub])),
              keyPath: embeddedKeyPath(e.outer, [key2, sub]),
              hint: `${key2} takes ${inner.join(", ")}.`,
              ...s ? { data: { suggestion: s } } : {}
            });
          }
        }
        continue;
      }
      if (hasOwn(raw.legacy, key2)) {
        const repl = getOwn(raw.legacy, key2);
        out.push({
          ruleId: "element/legacy-key",
          severity: "warning",
          message: repl ? `"${key2}" is a legacy Element Web option; current releases read "${repl}"` : `"${key2}" is a legacy Element Web option that current releases ignore`,
          ...where,
          hint: repl ? `Rename it to "${repl}".` : "Remove it."
        });
      } else if (hasOwn(raw.forbidden, key2)) {
        out.push({
          ruleId: "element/unsupported-key",
          severity: "warning",
          message: `"${key2}" is not an Element Web option to set here: ${String(getOwn(raw.forbidden, key2))}`,
          ...where,
          hint: "Remove it."
        });
      } else {
        const s = suggest(key2, keys2);
        out.push({
          ruleId: "element/unknown-key",
          severity: "warning",
          message: `"${key2}" is not a known Element Web config option${s ? `; did you mean "${s}"?` : ""}`,
          ...where,
          hint: "Element Web ignores unknown keys. If it is new in your Element Web release, ignore this; otherwise correct it.",
          ...s ? { data: { suggestion: s } } : {}
        });
      }
    }
  }
  return out;
};

// src/tasks/verify-config/components/mas/schema.ts
import { Ajv } from "ajv";

// src/tasks/verify-config/components/mas/formats.ts
import { isIP } from "node:net";
function isMasUrl(s) {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}
var ADDR = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+$/;
function isMailbox(s) {
  const v = s.trim();
  if (ADDR.test(v)) return true;
  const m = /^(?:"(?:[^"\\]|\\.)*"|[^<>"]*)\s*<([^<>]+)>$/.exec(v);
  return m !== null && ADDR.test(m[1].trim());
}
function isHostname(s) {
  if (isIP(s) !== 0) return true;
  if (s.length === 0 || s.length > 253) return false;
  return s.replace(/\.$/, "").split(".").every((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l) || /^[A-Za-z0-9_]$/.test(l));
}
var MAS_FORMATS = {
  uri: { type: "string", validate: (v) => isMasUrl(v) },
  email: { type: "string", validate: (v) => isMailbox(v) },
  ip: { type: "string", validate: (v) => isIP(v) !== 0 },
  hostname: { type: "string", validate: (v) => isHostname(v) },
  uint: { type: "number", validate: () => true },
  uint8: { type: "number", validate: () => true },
  uint16: { type: "number", validate: () => true },
  uint32: { type: "number", validate: () => true },
  uint64: { type: "number", validate: () => true },
  double: { type: "number", validate: () => true },
  float: { type: "number", validate: () => true }
};

// src/tasks/verify-config/components/mas/schema.ts
var shipped;
function masSchema() {
  shipped ??= loadData("mas/config-schema.json");
  return shipped;
}
var validator;
function partialValidator() {
  if (validator) return validator;
  const schema = structuredClone(masSchema().schema);
  delete schema.required;
  const defs = schema.definitions;
  if (defs?.HttpConfig) delete defs.HttpConfig.required;
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, validateFormats: true });
  for (const [name, def] of Object.entries(MAS_FORMATS)) ajv.addFormat(name, def);
  validator = ajv.compile(schema);
  return validator;
}
function toPath(instancePath) {
  if (!instancePath) return [];
  return instancePath.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")).map((s) => /^\d+$/.test(s) ? Number(s) : s);
}
function describeBranches(errs) {
  const allowed = /* @__PURE__ */ new Set();
  const required = /* @__PURE__ */ new Set();
  const types = /* @__PURE__ */ new Set();
  for (const e of errs) {
    if (e.keyword === "const") allowed.add(JSON.stringify(e.params.allowedValue));
    else if (e.keyword === "enum")
      for (const v of e.params.allowedValues) allowed.add(JSON.stringify(v));
    else if (e.keyword === "required") required.add(e.params.missingProperty);
    else if (e.keyword === "type") types.add(String(e.params.type));
  }
  if (allowed.size) return `must be one of ${[...allowed].join(", ")}`;
  if (required.size) return `matches none of the allowed forms (each needs one of: ${[...required].join(", ")})`;
  if (types.size) return `must be of type ${[...types].filter((t) => t !== "null").join(" or ") || "null"}`;
  return errs[0]?.message ?? "does not match the schema";
}
function describe2(e) {
  switch (e.keyword) {
    case "required":
      return `is missing the required key "${e.params.missingProperty}"`;
    case "format":
      return `is not a valid ${e.params.format}`;
    case "pattern":
      return `does not match ${e.params.pattern}`;
    default:
      return e.message ?? "does not match the schema";
  }
}
function validateMasConfig(config) {
  const validate = partialValidator();
  if (validate(config)) return [];
  const errors = validate.errors ?? [];
  const alts = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const consumed = /* @__PURE__ */ new Set();
  const out = [];
  for (const alt of alts) {
    if (consumed.has(alt)) continue;
    const prefix = alt.schemaPath.replace(/\/(anyOf|oneOf)$/, "");
    const branch = errors.filter((e) => e !== alt && e.schemaPath.startsWith(`${prefix}/${alt.keyword}/`));
    for (const b of branch) consumed.add(b);
    out.push({
      path: toPath(alt.instancePath),
      message: describeBranches(branch.filter((b) => b.instancePath === alt.instancePath))
    });
  }
  for (const e of errors) {
    if (consumed.has(e) || e.keyword === "anyOf" || e.keyword === "oneOf" || e.keyword === "if") continue;
    out.push({ path: toPath(e.instancePath), message: describe2(e) });
  }
  return out;
}

// src/tasks/verify-config/components/mas/keys.ts
function resolve(node, defs, seen = /* @__PURE__ */ new Set()) {
  if (!isRecord(node) || seen.has(node)) return [];
  seen.add(node);
  const out = [];
  const ref = node.$ref;
  if (typeof ref === "string" && ref.startsWith("#/definitions/"))
    out.push(...resolve(defs[ref.slice(14)], defs, seen));
  out.push(node);
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    const list2 = node[k];
    if (Array.isArray(list2)) for (const b of list2) out.push(...resolve(b, defs, seen));
  }
  return out;
}
function walk2(nodes, value, path21, defs, out) {
  if (Array.isArray(value)) {
    const items = nodes.map((n) => n.items).filter((i) => i !== void 0);
    if (items.length === 0) return;
    const resolved = items.flatMap((i) => resolve(i, defs));
    value.forEach((v, i) => walk2(resolved, v, [...path21, i], defs, out));
    return;
  }
  if (!isRecord(value)) return;
  const props = /* @__PURE__ */ new Map();
  let open3 = false;
  const extra = [];
  let sawObjectSchema = false;
  for (const n of nodes) {
    if (isRecord(n.properties)) {
      sawObjectSchema = true;
      for (const [k, v] of Object.entries(n.properties)) props.set(k, [...props.get(k) ?? [], ...resolve(v, defs)]);
    }
    if (n.additionalProperties === true) open3 = true;
    else if (isRecord(n.additionalProperties)) extra.push(...resolve(n.additionalProperties, defs));
  }
  if (!sawObjectSchema && extra.length === 0) return;
  for (const [k, v] of Object.entries(value)) {
    const sub = props.get(k);
    if (sub) walk2(sub, v, [...path21, k], defs, out);
    else if (extra.length) walk2(extra, v, [...path21, k], defs, out);
    else if (!open3) out.push({ path: [...path21, k], known: [...props.keys()] });
  }
}
function unknownMasKeys(config) {
  const schema = masSchema().schema;
  const defs = schema.definitions ?? {};
  const out = [];
  walk2(resolve(schema, defs), config, [], defs, out);
  return out;
}

// src/tasks/verify-config/components/util/versions.ts
function compareVersions(a, b) {
  const pa = a.replace(/^v/, "").split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.replace(/^v/, "").split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
function essComponentVersions(chartVersion) {
  if (!chartVersion || !/^\d+\.\d+\.\d+/.test(chartVersion.trim())) return void 0;
  const { charts } = loadData("synapse/ess-chart-images.json");
  const v = chartVersion.trim();
  if (charts[v]) return { ...charts[v], atLeast: false };
  const older = Object.keys(charts).filter((k) => compareVersions(k, v) <= 0).sort(compareVersions);
  const base = older[older.length - 1];
  return base ? { ...charts[base], atLeast: true } : void 0;
}

// src/tasks/verify-config/components/mas/rules.ts
var ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
function isUlid(s) {
  return typeof s === "string" && ULID.test(s);
}
function ulidProblem(s) {
  if (typeof s !== "string") return "is not a string";
  if (s.length !== 26) return `has ${s.length} characters, a ULID has 26`;
  if (/[a-z]/.test(s) && ULID.test(s.toUpperCase())) return "uses lower-case letters";
  if (/[ILOU]/i.test(s)) return "contains I, L, O or U, which Crockford base32 leaves out";
  if (!/^[0-7]/.test(s)) return "starts above 7, which overflows 128 bits";
  return "contains characters outside Crockford base32";
}
function ulidIssues(cfg) {
  const out = [];
  const providers = getPath(cfg, ["upstream_oauth2", "providers"]);
  if (Array.isArray(providers)) {
    providers.forEach((p, i) => {
      if (isRecord(p) && p.id !== void 0 && !isUlid(p.id)) {
        out.push({
          ruleId: "mas/provider-id-not-ulid",
          severity: "error",
          path: ["upstream_oauth2", "providers", i, "id"],
          message: `upstream provider id ${JSON.stringify(p.id)} is not a ULID: it ${ulidProblem(p.id)}`,
          hint: "Generate one (e.g. `mas-cli` or any ULID generator) and keep it stable: it is part of the callback URL https://<mas host>/upstream/callback/<id> registered at the provider."
        });
      }
    });
  }
  const clients = cfg.clients;
  if (Array.isArray(clients)) {
    clients.forEach((c, i) => {
      if (isRecord(c) && c.client_id !== void 0 && !isUlid(c.client_id)) {
        out.push({
          ruleId: "mas/client-id-not-ulid",
          severity: "error",
          path: ["clients", i, "client_id"],
          message: `client_id ${JSON.stringify(c.client_id)} is not a ULID: it ${ulidProblem(c.client_id)}`,
          hint: "Static MAS clients are identified by ULIDs; generate one and use it in policy.data.admin_clients too."
        });
      }
    });
  }
  return out;
}
var TOKEN_SPLIT = "1.19.0";
function deprecationIssues(cfg, shipped2, chart) {
  const out = [];
  const beforeSplit = shipped2?.mas !== void 0 && !shipped2.atLeast && compareVersions(shipped2.mas, TOKEN_SPLIT) < 0;
  if (beforeSplit) {
    const newer = [];
    if (isRecord(cfg.account) && cfg.account.password_registration_token_required !== void 0)
      newer.push(["account", "password_registration_token_required"]);
    const ps = getPath(cfg, ["upstream_oauth2", "providers"]);
    if (Array.isArray(ps))
      ps.forEach(
        (p, i) => isRecord(p) && p.registration_token_required !== void 0 && newer.push(["upstream_oauth2", "providers", i, "registration_token_required"])
      );
    for (const path21 of newer) {
      out.push({
        ruleId: "mas/key-needs-newer-mas",
        severity: "error",
        path: path21,
        message: `${formatPath(path21)} exists since MAS ${TOKEN_SPLIT}, but ESS ${chart} ships MAS ${shipped2.mas}, which ignores it: sign-up is not gated by registration tokens`,
        hint: "On this MAS use account.registration_token_required: true, or upgrade the chart."
      });
    }
  }
  if (isRecord(cfg.account) && cfg.account.registration_token_required !== void 0 && !beforeSplit) {
    out.push({
      ruleId: "mas/deprecated-registration-token-required",
      severity: "warning",
      path: ["account", "registration_token_required"],
      message: "account.registration_token_required is deprecated since MAS 1.19 and now also forces tokens for upstream (SSO) sign-ups",
      hint: "Use account.password_registration_token_required for password sign-up and upstream_oauth2.providers[].registration_token_required per provider."
    });
  }
  const providers = getPath(cfg, ["upstream_oauth2", "providers"]);
  if (Array.isArray(providers)) {
    providers.forEach((p, i) => {
      if (isRecord(p) && p.forward_login_hint !== void 0) {
        out.push({
          ruleId: "mas/deprecated-key",
          severity: "warning",
          path: ["upstream_oauth2", "providers", i, "forward_login_hint"],
          message: "forward_login_hint is deprecated",
          hint: 'Add `login_hint: "{{ params.login_hint }}"` to additional_authorization_parameters instead.'
        });
      }
    });
  }
  return out;
}
var SECRET_METHODS = ["client_secret_basic", "client_secret_post", "client_secret_jwt"];
var JWT_METHODS = ["client_secret_jwt", "private_key_jwt"];
function providerIssues(cfg) {
  const out = [];
  const providers = getPath(cfg, ["upstream_oauth2", "providers"]);
  if (!Array.isArray(providers)) return out;
  const seen = /* @__PURE__ */ new Map();
  providers.forEach((p, i) => {
    if (!isRecord(p)) return;
    const base = ["upstream_oauth2", "providers", i];
    const method = p.token_endpoint_auth_method;
    const hasSecret = p.client_secret != null || p.client_secret_file != null;
    const err = (path21, message, hint, ruleId = "mas/provider-client-auth") => out.push({ ruleId, severity: "error", path: path21, message, ...hint ? { hint } : {} });
    if (typeof p.id === "string") {
      const prev = seen.get(p.id);
      if (prev !== void 0)
        err(
          [...base, "id"],
          `provider id ${p.id} is also used by providers[${prev}]`,
          "Each provider needs its own ULID.",
          "mas/duplicate-provider-id"
        );
      else seen.set(p.id, i);
    }
    if (p.issuer == null && p.discovery_mode !== "disabled") {
      err(
        base,
        `${formatPath(base)} has no issuer, which MAS requires unless discovery_mode is disabled`,
        "Set issuer to the provider's issuer URL exactly as its discovery document states it (Authentik: https://<host>/application/o/<slug>/).",
        "mas/provider-issuer-missing"
      );
    }
    if (typeof p.issuer === "string" && /^http:\/\//i.test(p.issuer) && (p.discovery_mode ?? "oidc") === "oidc") {
      out.push({
        ruleId: "mas/provider-issuer-insecure",
        severity: "warning",
        path: [...base, "issuer"],
        message: `issuer ${p.issuer} is plain http, which strict OIDC discovery (discovery_mode: oidc, the default) rejects`,
        hint: "Use the provider's https issuer; discovery_mode: insecure is meant for local testing only."
      });
    }
    if (typeof method === "string") {
      if (SECRET_METHODS.includes(method) && !hasSecret) {
        err(
          [...base, "token_endpoint_auth_method"],
          `token_endpoint_auth_method ${method} needs client_secret or client_secret_file`,
          "Keep the secret in a SOPS-encrypted Secret (configSecret) or point client_secret_file at a mounted file."
        );
      }
      if (!SECRET_METHODS.includes(method) && hasSecret) {
        err(
          [...base, p.client_secret != null ? "client_secret" : "client_secret_file"],
          `a client secret is not allowed with token_endpoint_auth_method ${method}`
        );
      }
      if (JWT_METHODS.includes(method) && p.token_endpoint_auth_signing_alg == null) {
        err(
          [...base, "token_endpoint_auth_method"],
          `token_endpoint_auth_method ${method} needs token_endpoint_auth_signing_alg`
        );
      }
      if (!JWT_METHODS.includes(method) && p.token_endpoint_auth_signing_alg != null) {
        err(
          [...base, "token_endpoint_auth_signing_alg"],
          `token_endpoint_auth_signing_alg is only allowed with client_secret_jwt or private_key_jwt`
        );
      }
      if (method === "sign_in_with_apple" && p.sign_in_with_apple == null) {
        err(
          [...base, "token_endpoint_auth_method"],
          "token_endpoint_auth_method sign_in_with_apple needs the sign_in_with_apple section"
        );
      }
    }
    const ci = p.claims_imports;
    if (isRecord(ci) && ci.skip_confirmation === true && getPath(ci, ["localpart", "action"]) !== "require") {
      err(
        [...base, "claims_imports", "skip_confirmation"],
        "claims_imports.skip_confirmation needs claims_imports.localpart.action: require",
        "Without a required localpart MAS cannot create the account without asking the user.",
        "mas/claims-skip-confirmation"
      );
    }
  });
  return out;
}
function adminClientIssues(cfg) {
  const admins = getPath(cfg, ["policy", "data", "admin_clients"]);
  if (!Array.isArray(admins)) return [];
  const clients = new Set(
    (Array.isArray(cfg.clients) ? cfg.clients : []).filter(isRecord).map((c) => c.client_id).filter((id) => typeof id === "string")
  );
  const out = [];
  admins.forEach((id, i) => {
    if (typeof id !== "string" || !clients.has(id)) {
      out.push({
        ruleId: "mas/admin-client-unknown",
        severity: "error",
        path: ["policy", "data", "admin_clients", i],
        message: `admin client ${JSON.stringify(id)} is not defined in clients[]`,
        hint: "Add a clients[] entry with this client_id (a ULID), client_auth_method and a secret, or remove it from admin_clients; otherwise no client can get the urn:mas:admin scope."
      });
    }
  });
  return out;
}
function registrationIssues(cfg, federating) {
  const account = isRecord(cfg.account) ? cfg.account : {};
  const passwordsOn = !(isRecord(cfg.passwords) && cfg.passwords.enabled === false);
  if (account.password_registration_enabled !== true || !passwordsOn) return [];
  const token = account.password_registration_token_required === true || account.registration_token_required === true;
  if (token) return [];
  const emailRequired = account.password_registration_email_required !== false;
  const captcha = isRecord(cfg.captcha) && typeof cfg.captcha.service === "string";
  if (!emailRequired && federating) {
    return [
      {
        ruleId: "mas/open-registration",
        severity: "error",
        path: ["account", "password_registration_enabled"],
        message: "password registration is open to anyone: no registration token and no email verification, on a federating server",
        hint: "Set account.password_registration_token_required: true (invite tokens) or keep password_registration_email_required: true, or disable password registration."
      }
    ];
  }
  if (!captcha && federating) {
    return [
      {
        ruleId: "mas/open-registration",
        severity: "warning",
        path: ["account", "password_registration_enabled"],
        message: "password registration is open to anyone with an email address (no registration token, no CAPTCHA)",
        hint: "Require registration tokens (account.password_registration_token_required) or configure captcha."
      }
    ];
  }
  return [];
}

// src/tasks/verify-config/components/mas/index.ts
var INVENTED = {
  upstream_oauth2_config: "The section is called upstream_oauth2 (with providers: [...]).",
  user_mapping_provider: "That is Synapse's oidc_providers option. In MAS, map claims with upstream_oauth2.providers[].claims_imports (localpart, displayname, email).",
  access: "MAS has no access section. Users are created on their first upstream login; control it with claims_imports and registration tokens.",
  auto_provision: "MAS has no auto_provision switch: accounts are provisioned on first upstream login (claims_imports.localpart.action: require, skip_confirmation)."
};
function isUlidPatternError(path21, message) {
  const last = path21[path21.length - 1];
  return message.startsWith("does not match") && (last === "id" || last === "client_id");
}
function merge(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (!isRecord(a) || !isRecord(b)) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) setOwn(out, k, hasOwn(a, k) ? merge(a[k], v) : v);
  return out;
}
function federates(ctx) {
  const extra = getPath(ctx.values, ["synapse", "additional"]);
  if (!isRecord(extra)) return true;
  for (const e of yamlAdditional(ctx, "synapse", "synapse/config-not-yaml", [])) {
    const wl = getPath(e.doc.value, ["federation_domain_whitelist"]);
    if (Array.isArray(wl) && wl.length === 0) return false;
  }
  return true;
}
function place(ctx, e, inner) {
  return { ...at(locateEmbedded(ctx, e.outer, e.doc, inner)), keyPath: embeddedKeyPath(e.outer, inner) };
}
function perEntry(ctx, e, out) {
  const label = `matrixAuthenticationService.additional.${e.name}.config`;
  for (const p of e.doc.problems) {
    out.push({
      ruleId: "mas/config-not-yaml",
      severity: "error",
      message: `${label} is not valid YAML: ${p.message}`,
      ...at(ctx.locateInString(e.outer, p.line, p.column) ?? ctx.locate(e.outer)),
      keyPath: embeddedKeyPath(e.outer, [])
    });
  }
  const cfg = e.doc.value;
  if (cfg === void 0 || cfg === null) return;
  if (!isRecord(cfg)) {
    out.push({
      ruleId: "mas/config-not-yaml",
      severity: "error",
      message: `${label} must be a YAML mapping of MAS config sections`,
      ...at(ctx.locate(e.outer)),
      keyPath: embeddedKeyPath(e.outer, [])
    });
    return;
  }
  for (const err of validateMasConfig(cfg)) {
    if (isUlidPatternError(err.path, err.message)) continue;
    out.push({
      ruleId: "mas/schema",
      severity: "error",
      message: `${formatPath(err.path) || "config"} ${err.message}`,
      ...place(ctx, e, err.path),
      hint: "MAS refuses to start on a config that does not match its schema (mas-cli config check shows the same)."
    });
  }
  for (const u of unknownMasKeys(cfg)) {
    const key2 = String(u.path[u.path.length - 1]);
    const s = suggest(key2, u.known);
    out.push({
      ruleId: "mas/unknown-key",
      severity: "error",
      message: `"${formatPath(u.path)}" is not a MAS config key${s ? `; did you mean "${s}"?` : ""}`,
      ...place(ctx, e, u.path),
      hint: getOwn(INVENTED, key2) ?? "MAS ignores keys it does not know, so this setting has no effect; correct or remove it.",
      ...s ? { data: { suggestion: s } } : {}
    });
  }
  const shipped2 = essComponentVersions(ctx.chartVersion);
  const issues = [
    ...ulidIssues(cfg),
    ...deprecationIssues(cfg, shipped2, ctx.chartVersion),
    ...chartOwnedIssues(ctx, cfg)
  ];
  for (const i of issues) out.push(toFinding2(ctx, [e], i));
}
function chartOwned(ctx) {
  const owned = [
    { path: ["http", "public_base"] },
    { path: ["http", "listeners"], list: true },
    { path: ["database"] },
    { path: ["secrets"] },
    { path: ["telemetry", "metrics", "exporter"] }
  ];
  if (componentEnabled(ctx.values, "synapse")) owned.push({ path: ["matrix"] });
  return owned;
}
function chartOwnedIssues(ctx, cfg) {
  const out = [];
  for (const o of chartOwned(ctx)) {
    const v = getPath(cfg, o.path);
    if (v === void 0) continue;
    const keys2 = isRecord(v) && !o.list ? Object.keys(v).map((k) => [...o.path, k]) : [o.path];
    for (const path21 of keys2) {
      out.push({
        ruleId: "mas/set-by-chart",
        severity: "warning",
        path: path21,
        message: o.list ? `${formatPath(path21)} is appended to the listeners the ESS chart defines, so both bind the same ports and MAS fails with "address in use"` : `${formatPath(path21)} is written by the ESS chart after the additional configs, so this value never takes effect`,
        hint: "Use the chart's values (matrixAuthenticationService.ingress.host, .postgres, serverName, the credential values) instead."
      });
    }
  }
  return out;
}
function originOf(entries, path21) {
  const k = path21.findIndex((seg2) => typeof seg2 === "number");
  if (k >= 0) {
    let index = path21[k];
    const prefix = path21.slice(0, k);
    for (const e of entries) {
      const list2 = getPath(e.doc.value, prefix);
      if (!Array.isArray(list2)) continue;
      if (index < list2.length) return { entry: e, path: [...prefix, index, ...path21.slice(k + 1)] };
      index -= list2.length;
    }
  }
  for (let n = path21.length; n > 0; n--) {
    const sub = path21.slice(0, n);
    const e = [...entries].reverse().find((x) => getPath(x.doc.value, sub) !== void 0);
    if (e) return { entry: e, path: path21 };
  }
  return void 0;
}
function toFinding2(ctx, entries, i) {
  const base = { ruleId: i.ruleId, severity: i.severity, message: i.message };
  const o = originOf(entries, i.path);
  return { ...base, ...o ? place(ctx, o.entry, o.path) : {}, ...i.hint ? { hint: i.hint } : {} };
}
var checkMas = (ctx) => {
  const out = [];
  if (!componentEnabled(ctx.values, "matrixAuthenticationService")) return out;
  const entries = yamlAdditional(ctx, "matrixAuthenticationService", "mas/config-not-yaml", out);
  for (const e of entries) perEntry(ctx, e, out);
  const usable = entries.filter((e) => isRecord(e.doc.value));
  if (usable.length === 0) return out;
  const merged = usable.reduce((acc, e) => merge(acc, e.doc.value), {});
  const issues = [
    ...providerIssues(merged),
    ...adminClientIssues(merged),
    ...registrationIssues(merged, federates(ctx))
  ];
  for (const i of issues) out.push(toFinding2(ctx, usable, i));
  return out;
};

// src/tasks/verify-config/components/synapse-mas.ts
function masHandlesAuth(values) {
  const mas = values.matrixAuthenticationService;
  if (isRecord(mas) && (mas.enabled === false || mas.preMigrationSynapseHandlesAuth === true)) return false;
  return true;
}
var nonEmptyList = (v) => Array.isArray(v) && v.length > 0;
var isOn = (v) => v === true;
var isSet = (v) => v !== void 0 && v !== null && v !== false && v !== 0 && v !== "";
var CONFLICTS = [
  {
    path: ["enable_registration"],
    test: isOn,
    what: "registration",
    hint: "Registration is MAS's job: account.password_registration_enabled or upstream providers."
  },
  {
    path: ["oidc_providers"],
    test: nonEmptyList,
    what: "SSO (oidc_providers)",
    hint: "Configure the identity provider in MAS: upstream_oauth2.providers in matrixAuthenticationService.additional."
  },
  {
    path: ["oidc_config"],
    test: (v) => isRecord(v) && v.enabled !== false,
    what: "SSO (oidc_config)",
    hint: "Configure the identity provider in MAS: upstream_oauth2.providers."
  },
  {
    path: ["saml2_config"],
    test: (v) => isRecord(v) && v.enabled !== false && v.sp_config !== void 0,
    what: "SSO (saml2_config)",
    hint: "Remove it; MAS handles sign-in."
  },
  { path: ["cas_config", "enabled"], test: isOn, what: "SSO (cas_config)", hint: "Remove it; MAS handles sign-in." },
  {
    path: ["jwt_config", "enabled"],
    test: isOn,
    what: "JWT login (jwt_config)",
    hint: "Remove it; MAS handles sign-in."
  },
  {
    path: ["password_providers"],
    test: nonEmptyList,
    what: "password auth providers",
    hint: "Remove them; use an upstream provider in MAS (e.g. LDAP through Authentik)."
  },
  {
    path: ["enable_registration_captcha"],
    test: isOn,
    what: "registration CAPTCHA",
    hint: "Configure captcha in MAS instead."
  },
  {
    path: ["login_via_existing_session", "enabled"],
    test: isOn,
    what: "login via existing session",
    hint: "Remove it; MAS handles QR/linked-device login."
  },
  {
    path: ["refresh_token_lifetime"],
    test: isSet,
    what: "refresh_token_lifetime",
    hint: "Token lifetimes are MAS's: remove it."
  },
  {
    path: ["nonrefreshable_access_token_lifetime"],
    test: isSet,
    what: "nonrefreshable_access_token_lifetime",
    hint: "Token lifetimes are MAS's: remove it."
  },
  { path: ["session_lifetime"], test: isSet, what: "session_lifetime", hint: "Sessions are MAS's: remove it." },
  {
    path: ["enable_3pid_changes"],
    test: isOn,
    what: "3PID changes",
    hint: "Email changes are MAS's (account.email_change_allowed)."
  },
  {
    path: ["user_consent", "version"],
    test: isSet,
    what: "user consent",
    hint: "Remove it; MAS handles terms acceptance (branding.tos_uri)."
  },
  {
    path: ["experimental_features", "msc3861", "enabled"],
    test: isOn,
    what: "experimental MSC3861 delegation",
    hint: "Remove it; ESS configures the stable MAS integration."
  }
];
function masConflicts(ctx, e, cfg) {
  if (!masHandlesAuth(ctx.values)) return [];
  const out = [];
  for (const c of CONFLICTS) {
    if (!c.test(getPath(cfg, c.path))) continue;
    out.push({
      ruleId: "synapse/conflicts-with-mas",
      severity: "error",
      message: `${c.what} cannot be enabled while Matrix Authentication Service handles authentication: Synapse refuses to start`,
      ...at(locateEmbedded(ctx, e.outer, e.doc, c.path)),
      keyPath: embeddedKeyPath(e.outer, c.path),
      hint: c.hint
    });
  }
  return out;
}

// src/tasks/verify-config/components/synapse.ts
var known;
function synapseKeys() {
  if (!known) {
    const data2 = loadData("synapse/config-keys.json");
    known = { keys: new Set(data2.keys), legacy: new Set(data2.legacy), data: data2 };
  }
  return known;
}
var INVENTED2 = {
  matrix_rtc_enabled: "Synapse has no such option. ESS configures MatrixRTC in Synapse itself when `matrixRTC.enabled: true`; remove the key.",
  matrix_rtc_uri: "Synapse has no such option. The transport is `matrix_rtc.transports[].livekit_service_url`, which ESS writes from `matrixRTC.ingress.host`; remove the key."
};
var CHART_OVERRIDES = [
  "public_baseurl",
  "server_name",
  "signing_key_path",
  "enable_metrics",
  "log_config",
  "macaroon_secret_key_path",
  "registration_shared_secret_path",
  "media_store_path",
  "max_upload_size",
  "send_federation",
  "start_pushers"
];
var RTC_FLAGS = ["msc3266_enabled", "msc4143_enabled", "msc4222_enabled"];
function finding(ctx, e, inner, f) {
  return { ...f, ...at(locateEmbedded(ctx, e.outer, e.doc, inner)), keyPath: embeddedKeyPath(e.outer, inner) };
}
function checkParse(ctx, e, out) {
  for (const p of e.doc.problems) {
    const loc2 = ctx.locateInString(e.outer, p.line, p.column) ?? ctx.locate(e.outer);
    out.push({
      ruleId: "synapse/config-not-yaml",
      severity: "error",
      message: `synapse.additional.${e.name}.config is not valid YAML: ${p.message}`,
      ...at(loc2),
      keyPath: embeddedKeyPath(e.outer, []),
      hint: "Synapse fails to start on a config file it cannot parse; fix the YAML inside the block scalar."
    });
  }
  if (e.doc.value !== void 0 && e.doc.value !== null && !isRecord(e.doc.value)) {
    out.push({
      ruleId: "synapse/config-not-yaml",
      severity: "error",
      message: `synapse.additional.${e.name}.config must be a YAML mapping of Synapse options`,
      ...at(ctx.locate(e.outer)),
      keyPath: embeddedKeyPath(e.outer, [])
    });
  }
}
function checkKeys(ctx, e, out) {
  const cfg = e.doc.value;
  if (!isRecord(cfg)) return;
  const { keys: keys2, legacy, data: data2 } = synapseKeys();
  const rtcOn = componentEnabled(ctx.values, "matrixRTC");
  const masOn = componentEnabled(ctx.values, "matrixAuthenticationService");
  const shipped2 = essComponentVersions(ctx.chartVersion);
  const synapse = shipped2?.synapse ? { version: shipped2.synapse, atLeast: shipped2.atLeast, chart: ctx.chartVersion ?? "" } : void 0;
  for (const key2 of Object.keys(cfg)) {
    if (legacy.has(key2)) {
      out.push(
        finding(ctx, e, [key2], {
          ruleId: "synapse/deprecated-key",
          severity: "warning",
          message: `"${key2}" is a legacy Synapse option (no longer documented; some releases only read it to refuse it)`,
          hint: "Check the Synapse upgrade notes for its replacement and remove it."
        })
      );
      continue;
    }
    if (!keys2.has(key2)) {
      const s = suggest(key2, keys2);
      out.push(
        finding(ctx, e, [key2], {
          ruleId: "synapse/unknown-key",
          severity: "error",
          message: `"${key2}" is not a Synapse config option; Synapse ignores it silently${s ? `; did you mean "${s}"?` : ""}`,
          hint: getOwn(INVENTED2, key2) ?? "Remove it or correct the name (see the Synapse configuration manual).",
          ...s ? { data: { suggestion: s } } : {}
        })
      );
      continue;
    }
    if (CHART_OVERRIDES.includes(key2)) {
      out.push(
        finding(ctx, e, [key2], {
          ruleId: "synapse/set-by-chart",
          severity: "warning",
          message: `"${key2}" is written by the ESS chart after the additional configs, so this value never takes effect`,
          hint: "Set it through the chart's own values (e.g. serverName, synapse.ingress.host) or remove it."
        })
      );
    }
  }
  const exp = cfg.experimental_features;
  if (isRecord(exp)) {
    for (const flag of Object.keys(exp)) {
      const removed = data2.removedExperimental[flag];
      const issue = removed ? removedFlagIssue(flag, removed, synapse) : void 0;
      if (issue) {
        out.push(
          finding(ctx, e, ["experimental_features", flag], {
            ruleId: "synapse/removed-experimental-flag",
            ...issue,
            hint: flag === "msc3861" ? "Remove it; ESS configures the MAS integration itself when matrixAuthenticationService is enabled." : "Remove the flag."
          })
        );
      } else if (rtcOn && RTC_FLAGS.includes(flag)) {
        out.push(
          finding(ctx, e, ["experimental_features", flag], {
            ruleId: "synapse/set-by-chart",
            severity: "info",
            message: `experimental_features.${flag} is already set by ESS because matrixRTC is enabled`,
            hint: "Remove it from synapse.additional; the chart keeps it in step with matrixRTC.enabled."
          })
        );
      }
    }
  }
  checkMatrixRtc(ctx, e, cfg.matrix_rtc, out);
  out.push(...masConflicts(ctx, e, cfg));
  if (rtcOn && isRecord(cfg.matrix_rtc) && cfg.matrix_rtc.transports !== void 0) {
    out.push(
      finding(ctx, e, ["matrix_rtc", "transports"], {
        ruleId: "synapse/set-by-chart",
        severity: "warning",
        message: "matrix_rtc.transports is written by ESS when matrixRTC is enabled; lists are appended when configs merge, so clients are offered the transport twice",
        hint: "Remove matrix_rtc from synapse.additional and let the chart derive it from matrixRTC.ingress.host."
      })
    );
  }
  if (masOn && cfg.matrix_authentication_service !== void 0) {
    out.push(
      finding(ctx, e, ["matrix_authentication_service"], {
        ruleId: "synapse/set-by-chart",
        severity: "warning",
        message: "matrix_authentication_service is configured by ESS when matrixAuthenticationService is enabled",
        hint: "Remove it; the chart wires Synapse to its MAS (endpoint and shared secret) itself."
      })
    );
  }
}
var MATRIX_RTC_KEYS = ["transports"];
var TRANSPORT_KEYS = ["type", "livekit_service_url"];
function checkMatrixRtc(ctx, e, rtc, out) {
  if (!isRecord(rtc)) return;
  const unknown = (inner, key2, known2) => {
    const s = suggest(key2, known2);
    out.push(
      finding(ctx, e, inner, {
        ruleId: "synapse/unknown-key",
        severity: "error",
        message: `"${formatPath(inner)}" is not a Synapse option; Synapse ignores it silently${s ? `; did you mean "${s}"?` : ""}`,
        hint: `matrix_rtc takes only transports: [{type: livekit, livekit_service_url: https://<matrixRTC host>}].`
      })
    );
  };
  for (const k of Object.keys(rtc)) if (!MATRIX_RTC_KEYS.includes(k)) unknown(["matrix_rtc", k], k, MATRIX_RTC_KEYS);
  if (!Array.isArray(rtc.transports)) return;
  rtc.transports.forEach((t, i) => {
    if (!isRecord(t)) return;
    for (const k of Object.keys(t))
      if (!TRANSPORT_KEYS.includes(k)) unknown(["matrix_rtc", "transports", i, k], k, TRANSPORT_KEYS);
  });
}
function removedFlagIssue(flag, removed, synapse) {
  const gone = synapse ? compareVersions(synapse.version, removed.removedIn) >= 0 : void 0;
  const since = removed.deprecatedIn ? ` (deprecated since ${removed.deprecatedIn})` : "";
  const ships = synapse ? ` ESS ${synapse.chart} ships Synapse ${synapse.atLeast ? "\u2265 " : ""}${synapse.version}.` : "";
  if (gone === false && !synapse?.atLeast) {
    if (!removed.deprecatedIn || compareVersions(synapse.version, removed.deprecatedIn) < 0) return void 0;
    return {
      severity: "warning",
      message: `experimental_features.${flag} is deprecated since Synapse ${removed.deprecatedIn} and removed in ${removed.removedIn}: ${removed.note}.${ships}`
    };
  }
  const severity = gone && flag === "msc3861" ? "error" : "warning";
  return {
    severity,
    message: `experimental_features.${flag} was removed in Synapse ${removed.removedIn}${since}: ${removed.note}.${ships}`
  };
}
var checkSynapse = (ctx) => {
  const out = [];
  if (!componentEnabled(ctx.values, "synapse")) return out;
  for (const e of yamlAdditional(ctx, "synapse", "synapse/config-not-yaml", out)) {
    checkParse(ctx, e, out);
    checkKeys(ctx, e, out);
  }
  return out;
};

// src/tasks/verify-config/components/wellknown.ts
function hostOf2(url) {
  if (typeof url !== "string" || url.includes("${") || url.includes("{{")) return void 0;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return void 0;
  }
}
var checkWellKnownJson = (ctx) => {
  const out = [];
  if (!componentEnabled(ctx.values, "wellKnownDelegation")) return out;
  const additional = getPath(ctx.values, ["wellKnownDelegation", "additional"]);
  if (!isRecord(additional)) return out;
  for (const name of ["client", "server", "support"]) {
    const text = additional[name];
    if (typeof text !== "string") continue;
    const outer = ["wellKnownDelegation", "additional", name];
    const doc = parseEmbeddedJson(text);
    for (const p of doc.problems) {
      out.push({
        ruleId: "consistency/well-known-not-json",
        severity: "error",
        message: `wellKnownDelegation.additional.${name} is not valid JSON: ${p.message}`,
        ...at(ctx.locateInString(outer, p.line, p.column) ?? ctx.locate(outer)),
        keyPath: embeddedKeyPath(outer, []),
        hint: "Write a JSON object in a block scalar; clients and federating servers cannot use a broken /.well-known/matrix file."
      });
    }
    if (doc.value !== void 0 && !isRecord(doc.value)) {
      out.push({
        ruleId: "consistency/well-known-not-json",
        severity: "error",
        message: `wellKnownDelegation.additional.${name} must be a JSON object`,
        ...at(ctx.locate(outer)),
        keyPath: embeddedKeyPath(outer, [])
      });
    }
  }
  return out;
};
var checkElementHomeserver = (ctx) => {
  const out = [];
  if (!componentEnabled(ctx.values, "elementWeb")) return out;
  const synapseHost = getPath(ctx.values, ["synapse", "ingress", "host"]);
  const serverName = ctx.values.serverName;
  for (const e of jsonAdditional(ctx)) {
    const hs = getPath(e.doc.value, ["default_server_config", "m.homeserver"]);
    if (!isRecord(hs)) continue;
    const base = hostOf2(hs.base_url);
    if (base && typeof synapseHost === "string" && !synapseHost.includes("{{") && !synapseHost.includes("${") && base !== synapseHost.toLowerCase()) {
      const inner = ["default_server_config", "m.homeserver", "base_url"];
      out.push({
        ruleId: "consistency/element-homeserver",
        severity: "warning",
        message: `Element Web's default_server_config points at ${base}, but Synapse is served on ${synapseHost}`,
        ...at(locateEmbedded(ctx, e.outer, e.doc, inner)),
        keyPath: embeddedKeyPath(e.outer, inner),
        hint: "Remove default_server_config from elementWeb.additional: the chart writes it from synapse.ingress.host and serverName."
      });
    }
    const sn = hs.server_name;
    if (typeof sn === "string" && typeof serverName === "string" && !serverName.includes("{{") && !serverName.includes("${") && sn !== serverName) {
      const inner = ["default_server_config", "m.homeserver", "server_name"];
      out.push({
        ruleId: "consistency/element-homeserver",
        severity: "warning",
        message: `Element Web's default_server_config names server ${sn}, but serverName is ${serverName}`,
        ...at(locateEmbedded(ctx, e.outer, e.doc, inner)),
        keyPath: embeddedKeyPath(e.outer, inner),
        hint: "Remove default_server_config from elementWeb.additional: the chart writes it from synapse.ingress.host and serverName."
      });
    }
  }
  return out;
};

// src/tasks/verify-config/components/index.ts
var VALUES_CHECKS = [
  checkSynapse,
  checkMas,
  checkElementWeb,
  checkValuesCredentials,
  checkIssuerConsistency,
  checkHostDomains,
  checkWellKnownJson,
  checkElementHomeserver
];
var REPO_CHECKS = [checkRepoCredentials, checkChartVersionPins];

// src/tasks/verify-config/repo/load.ts
import path4 from "node:path/posix";
import { visit as visit2 } from "yaml";
import { readFile as readFile2 } from "node:fs/promises";

// src/tasks/verify-config/yaml/problems.ts
import { isMap as isMap2, isScalar as isScalar3, visit } from "yaml";
var RULE_BY_CODE = {
  DUPLICATE_KEY: "yaml/duplicate-key",
  TAB_AS_INDENT: "yaml/tab-indent",
  NESTING_TOO_DEEP: "yaml/nesting-too-deep",
  RESOURCE_EXHAUSTION: "yaml/nesting-too-deep"
};
var HINTS = {
  "yaml/duplicate-key": "Keep one of the keys: Kubernetes and Helm silently use only one of them, so the other setting is lost.",
  "yaml/tab-indent": "Indent with spaces; YAML forbids tabs in indentation.",
  "yaml/nesting-too-deep": "No real manifest nests this deep; the file is likely generated wrongly or hostile. Flatten it.",
  "yaml/syntax": "Fix the YAML at this position; tools that apply the file stop here."
};
function yamlProblemFindings(file, parsed, hasTemplate = true) {
  const out = [];
  for (const p of firstErrorPerDocument(parsed)) {
    const ruleId = RULE_BY_CODE[p.code] ?? "yaml/syntax";
    const f = {
      ruleId,
      severity: p.severity,
      message: p.message,
      file,
      line: p.line,
      column: p.column,
      data: { code: p.code }
    };
    const hint = HINTS[ruleId];
    if (hint) f.hint = hint;
    out.push(f);
  }
  if (hasTemplate) for (const doc of parsed.docs) out.push(...unquotedTemplates(file, parsed, doc));
  return out;
}
function firstErrorPerDocument(parsed) {
  const starts = parsed.lineCounter.lineStarts;
  const docStarts = parsed.docs.map((d) => d.range[0]);
  const broken = /* @__PURE__ */ new Set();
  return parsed.problems.filter((p) => {
    const offset = (starts[p.line - 1] ?? 0) + p.column - 1;
    let doc = 0;
    while (doc + 1 < docStarts.length && docStarts[doc + 1] <= offset) doc++;
    if (broken.has(doc)) return false;
    if (p.severity === "error" && p.code !== "DUPLICATE_KEY") broken.add(doc);
    return true;
  });
}
function unquotedTemplates(file, parsed, doc) {
  const out = [];
  visit(doc, {
    Map(_key, node) {
      if (!isMap2(node) || !node.flow || !node.range) return;
      const start = node.range[0];
      if (isTemplateShape(node)) {
        const pos = parsed.lineCounter.linePos(start);
        out.push({
          ruleId: "yaml/unquoted-template",
          severity: "error",
          message: "an unquoted Go template `{{ \u2026 }}` is parsed as a nested YAML mapping, not as text",
          file,
          line: pos.line,
          column: pos.col,
          hint: 'Quote the value (e.g. "{{ .password }}") or move it into a block scalar (|).'
        });
        return visit.SKIP;
      }
      return void 0;
    }
  });
  return out;
}
function isTemplateShape(node) {
  if (node.items.length !== 1) return false;
  const pair = node.items[0];
  if (!isMap2(pair.key) || !pair.key.flow) return false;
  if (pair.value !== null && !(isScalar3(pair.value) && pair.value.value === null)) return false;
  return true;
}

// src/tasks/verify-config/repo/view.ts
import { isPair as isPair2, isScalar as isScalar4 } from "yaml";

// src/tasks/verify-config/repo/scalar-map.ts
import { Scalar } from "yaml";
function mapScalarPosition(src, lc, node, pos, keyColumn) {
  const range = node.range;
  if (!range) return void 0;
  const start = lc.linePos(range[0]);
  const startPos = { line: start.line, column: start.col };
  const value = typeof node.value === "string" ? node.value : String(node.value);
  const offset = valueOffset(value, pos);
  let segments;
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    segments = blockSegments(src, range[0], range[1], value, node.type === Scalar.BLOCK_FOLDED, keyColumn);
    if (!segments) return startPos;
  } else {
    segments = flowSegments(src, range[0], node.type);
  }
  let seg2;
  for (const s of segments) {
    if (s.valueOffset <= offset) seg2 = s;
    else break;
  }
  if (!seg2) return startPos;
  const p = lc.linePos(seg2.srcOffset + (offset - seg2.valueOffset));
  return { line: p.line, column: p.col };
}
function valueOffset(value, pos) {
  let off = 0;
  for (let l = 1; l < pos.line; l++) {
    const nl = value.indexOf("\n", off);
    if (nl < 0) return value.length;
    off = nl + 1;
  }
  return Math.min(value.length, off + Math.max(0, pos.column - 1));
}
function flowSegments(src, start, type) {
  const quoted = type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE;
  return [{ valueOffset: 0, srcOffset: start + (quoted ? 1 : 0) }];
}
function splitLines(src, from, to) {
  const out = [];
  let off = from;
  while (off < to) {
    let nl = src.indexOf("\n", off);
    if (nl < 0 || nl > to) nl = to;
    let text = src.slice(off, nl);
    if (text.endsWith("\r")) text = text.slice(0, -1);
    out.push({ text, offset: off });
    off = nl + 1;
  }
  return out;
}
function blockSegments(src, from, to, value, folded, keyColumn) {
  const lines = splitLines(src, from, to);
  const header = lines.shift();
  if (!header) return void 0;
  const indicator = /^[|>][+-]?([1-9])|^[|>]([1-9])/.exec(header.text.trim());
  const explicit = indicator ? Number(indicator[1] ?? indicator[2]) : void 0;
  const candidates = [];
  if (explicit !== void 0) {
    const lineStart = src.lastIndexOf("\n", from - 1) + 1;
    const lineIndent = /^ */.exec(src.slice(lineStart, from))?.[0].length ?? 0;
    if (keyColumn !== void 0) candidates.push(keyColumn + explicit);
    candidates.push(lineIndent + explicit, explicit);
  } else {
    const first = lines.find((l) => l.text.trim() !== "");
    candidates.push(first ? /^ */.exec(first.text)?.[0].length ?? 0 : 0);
  }
  for (const indent of candidates) {
    const built = build(lines, indent, folded);
    if (built && sameContent(built.text, value)) return built.segments;
  }
  return void 0;
}
function sameContent(a, b) {
  return a.replace(/\n+$/, "") === b.replace(/\n+$/, "");
}
function build(lines, indent, folded) {
  let text = "";
  const segments = [];
  let prevNormal = false;
  let pendingBreaks = 0;
  let started = false;
  for (const l of lines) {
    const blank = l.text.trim() === "";
    if (!blank && l.text.length - l.text.trimStart().length < indent) break;
    if (blank) {
      pendingBreaks += 1;
      continue;
    }
    const content = l.text.slice(indent);
    const moreIndented = content.startsWith(" ") || content.startsWith("	");
    if (started) {
      if (folded && prevNormal && !moreIndented) text += pendingBreaks === 0 ? " " : "\n".repeat(pendingBreaks);
      else text += "\n".repeat(pendingBreaks + 1);
    } else text += "\n".repeat(pendingBreaks);
    pendingBreaks = 0;
    segments.push({ valueOffset: text.length, srcOffset: l.offset + indent });
    text += content;
    started = true;
    prevNormal = !moreIndented;
  }
  return { text, segments };
}

// src/tasks/verify-config/repo/view.ts
function fileView(file, text, parsed) {
  return { text, parsed, toOuter: (p) => ({ file, line: p.line, column: p.column }) };
}
function locateInView(view, docIndex, path21) {
  const span = keySpan(view.parsed, docIndex, path21);
  if (!span) return void 0;
  const start = view.toOuter({ line: span.line, column: span.column });
  if (!start) return void 0;
  if (span.endLine !== void 0 && span.endColumn !== void 0) {
    const end = view.toOuter({ line: span.endLine, column: span.endColumn });
    if (end && end.file === start.file && end.line !== void 0) {
      return { ...start, endLine: end.line, ...end.column !== void 0 ? { endColumn: end.column } : {} };
    }
  }
  return start;
}
function locateInStringOfView(view, docIndex, path21, line, column) {
  const doc = view.parsed.docs[docIndex];
  if (!doc) return void 0;
  const node = nodeAt(doc, path21);
  if (!isScalar4(node)) return locateInView(view, docIndex, path21);
  const pair = typeof path21[path21.length - 1] === "string" ? pairAt(doc, path21) : void 0;
  const keyColumn = keyColumn0(view, pair);
  const inner = mapScalarPosition(view.text, view.parsed.lineCounter, node, { line, column }, keyColumn);
  return inner ? view.toOuter(inner) : void 0;
}
function keyColumn0(view, pair) {
  if (!isPair2(pair) || !isScalar4(pair.key) || !pair.key.range) return void 0;
  return view.parsed.lineCounter.linePos(pair.key.range[0]).col - 1;
}
function embeddedView(outer, docIndex, path21, text, parsed) {
  return { text, parsed, toOuter: (p) => locateInStringOfView(outer, docIndex, path21, p.line, p.column) };
}

// src/tasks/verify-config/repo/load.ts
function isYamlPath(rel) {
  return /\.ya?ml$/i.test(rel);
}
function chartTemplateFilter(paths) {
  const chartDirs = paths.filter((p) => /(^|\/)Chart\.ya?ml$/.test(p)).map((p) => p.replace(/Chart\.ya?ml$/, ""));
  return (rel) => chartDirs.some((d) => rel.startsWith(`${d}templates/`) || rel.startsWith(`${d}charts/`));
}
function loadText(rel, text, findings, renderedFirst = false) {
  const parsed = parseYaml(text, { merge: true });
  if (!renderedFirst) findings.push(...yamlProblemFindings(rel, parsed, text.includes("{{")));
  const values = [];
  parsed.docs.forEach((doc, i) => {
    const js = toJS(doc);
    if ("error" in js) {
      const start = unresolvedAliasPos(doc, parsed) ?? (doc.contents?.range ? parsed.lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 });
      findings.push({
        ruleId: "yaml/alias-expansion",
        severity: "error",
        message: `document ${i + 1} cannot be expanded: ${js.error}`,
        file: rel,
        line: start.line,
        column: start.col,
        hint: "Check aliases (*name) for loops or excessive expansion; Kubernetes tools refuse such documents too."
      });
      values.push(void 0);
    } else values.push(js.value);
  });
  return { rel, view: fileView(rel, text, parsed), values };
}
function unresolvedAliasPos(doc, parsed) {
  let pos;
  visit2(doc, {
    Alias(_k, node) {
      if (node.resolve(doc) === void 0 && node.range) {
        pos = parsed.lineCounter.linePos(node.range[0]);
        return visit2.BREAK;
      }
      return void 0;
    }
  });
  return pos;
}
function generatorInputs(kustomizations) {
  const out = /* @__PURE__ */ new Set();
  for (const [rel, text] of kustomizations) {
    const doc = parseYaml(text).docs[0];
    const js = doc && doc.errors.length === 0 ? toJS(doc) : void 0;
    const body = js && "value" in js ? js.value : void 0;
    if (!isRecord2(body)) continue;
    const dir = path4.dirname(rel);
    for (const field of ["configMapGenerator", "secretGenerator"]) {
      const gens = body[field];
      if (!Array.isArray(gens)) continue;
      for (const g of gens) {
        if (!isRecord2(g) || !Array.isArray(g.files)) continue;
        for (const f of g.files) {
          if (typeof f !== "string") continue;
          out.add(path4.normalize(path4.join(dir, f.includes("=") ? f.slice(f.indexOf("=") + 1) : f)));
        }
      }
    }
  }
  return out;
}
function isRenderedFirst(rel, text, inputs) {
  if (!text.includes("{{")) return false;
  if (inputs.has(rel)) return true;
  if (/(^|\/)templates\//.test(rel)) return true;
  if (/(^|\/)helmfile(\.[^/]*)?\.ya?ml(\.gotmpl)?$/.test(rel)) return true;
  return !/\{\{(?!\s*HOMEPAGE_(VAR|FILE)_[A-Z0-9_]+\s*\}\})/.test(text);
}
var isKustomizationFile = (rel) => /(^|\/)kustomization\.ya?ml$/.test(rel);
async function loadRepo(root, files, findings, maxBytes = DEFAULT_MAX_FILE_BYTES) {
  const allPaths = new Set(files.map((f) => f.rel));
  const isTemplate = chartTemplateFilter([...allPaths]);
  const loaded = [];
  const yamlFiles = files.filter((f) => isYamlPath(f.rel) && !isTemplate(f.rel));
  const texts = await Promise.all(
    yamlFiles.map(async (f) => {
      try {
        const buf = await readFile2(f.abs);
        return buf.length > maxBytes ? void 0 : buf.toString("utf8");
      } catch {
        return null;
      }
    })
  );
  const inputs = generatorInputs(
    yamlFiles.flatMap((f, i) => {
      const text = texts[i];
      return isKustomizationFile(f.rel) && typeof text === "string" ? [[f.rel, text]] : [];
    })
  );
  yamlFiles.forEach((f, i) => {
    const text = texts[i];
    if (typeof text === "string" && /(^|\/)templates\//.test(f.rel) && /\{%|^\s*\{\{/m.test(text)) return;
    if (text === void 0) {
      findings.push({
        ruleId: "yaml/file-too-large",
        severity: "warning",
        message: `file is larger than ${maxBytes} bytes and was not checked`,
        file: f.rel,
        hint: "raise --max-file-size if it must be checked"
      });
      return;
    }
    if (text === null) {
      findings.push({ ruleId: "yaml/unreadable", severity: "error", message: "file cannot be read", file: f.rel });
      return;
    }
    loaded.push(loadText(f.rel, text, findings, isRenderedFirst(f.rel, text, inputs)));
  });
  return indexRepo(root, loaded, allPaths);
}
function indexRepo(root, loaded, allPaths) {
  const manifests = [];
  for (const lf of loaded) manifests.push(...manifestsOf(lf));
  return { root, files: loaded, manifests, allPaths, patchFiles: patchFilesOf(loaded) };
}
function patchFilesOf(files) {
  const out = /* @__PURE__ */ new Set();
  for (const lf of files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    const body = lf.values[0];
    if (!isRecord2(body)) continue;
    const dir = path4.dirname(lf.rel);
    for (const field of ["patches", "patchesStrategicMerge", "patchesJson6902"]) {
      const list2 = body[field];
      if (!Array.isArray(list2)) continue;
      for (const p of list2) {
        const ref = typeof p === "string" && !p.includes("\n") ? p : isRecord2(p) && typeof p.path === "string" ? p.path : void 0;
        if (ref) out.add(path4.normalize(path4.join(dir, ref)));
      }
    }
  }
  return out;
}
function manifestsOf(lf) {
  const out = [];
  lf.values.forEach((v, docIndex) => {
    if (!isRecord2(v)) return;
    out.push(makeManifest(lf.rel, lf.view, docIndex, v));
  });
  return out;
}
function makeManifest(file, view, docIndex, body) {
  const meta = isRecord2(body.metadata) ? body.metadata : {};
  const m = {
    file,
    docIndex,
    body,
    locate: (path21) => locateInView(view, docIndex, path21),
    locateInString: (path21, line, column) => locateInStringOfView(view, docIndex, path21, line, column)
  };
  if (typeof body.apiVersion === "string") m.apiVersion = body.apiVersion;
  if (typeof body.kind === "string") m.kind = body.kind;
  if (typeof meta.name === "string") m.name = meta.name;
  if (typeof meta.namespace === "string") m.namespace = meta.namespace;
  return m;
}
function isRecord2(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// src/tasks/verify-config/ess/element-additional.ts
var keys;
function elementKeys2() {
  keys ??= new Set(loadData("element-web/config-keys.json").keys);
  return keys;
}
function checkElementAdditionalNames(ctx) {
  const ew = ctx.values.elementWeb;
  if (!isRecord2(ew) || !isRecord2(ew.additional)) return [];
  const out = [];
  for (const [name, raw] of Object.entries(ew.additional)) {
    if (!elementKeys2().has(name) || typeof raw !== "string") continue;
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch {
      continue;
    }
    if (isRecord2(parsed) && Object.keys(parsed).includes(name)) continue;
    const top = isRecord2(parsed) ? Object.keys(parsed) : [];
    out.push({
      ruleId: "ess/element-additional-name",
      severity: "warning",
      message: `${ctx.subject}: elementWeb.additional.${name} looks like it sets ${name}, but the chart merges each entry at the top level of config.json${top.length ? `, so ${top.slice(0, 3).join(", ")}${top.length > 3 ? ", \u2026" : ""} become top-level keys` : ""}`,
      ...ctx.locate(["elementWeb", "additional", name]) ?? {},
      keyPath: `elementWeb.additional.${name}`,
      hint: `Wrap the JSON in the key: elementWeb.additional.${name}: '{"${name}": { \u2026 }}' (the entry name is only a label).`
    });
  }
  return out;
}

// src/tasks/verify-config/ess/schema-data.ts
function parseVersion(v) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : void 0;
}
function cmp(a, b) {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
function enabledDefaults() {
  return loadData("ess/pool.json").enabledDefaults.sections;
}
function schemaFor(chartVersion) {
  const pool3 = loadData("ess/pool.json");
  const files = pool3.versions.map((v) => ({ v, f: loadData(`ess/${v}.json`) }));
  const newest = files[files.length - 1];
  const mk = (x, match) => ({
    version: x.v,
    match,
    nodes: pool3.nodes,
    root: x.f.root,
    source: x.f.source
  });
  const pinned = chartVersion ? parseVersion(chartVersion) : void 0;
  if (!pinned) return mk(newest, "unpinned");
  const exact = files.find((x) => x.v === pinned.join(".") || x.f.alsoFor.includes(pinned.join(".")));
  if (exact) return mk(exact, "exact");
  const notNewer = files.filter((x) => cmp(parseVersion(x.v), pinned) <= 0);
  const best = notNewer[notNewer.length - 1];
  if (!best) return mk(files[0], "older");
  if (best === newest) return mk(newest, "newer");
  return mk(best, "older-patch");
}

// src/tasks/verify-config/ess/enabled.ts
function isEnabled(values, section) {
  const s = values[section];
  if (isRecord2(s) && typeof s.enabled === "boolean") return s.enabled;
  return enabledDefaults()[section] ?? false;
}
function ingressHost(values, section) {
  const s = values[section];
  return isRecord2(s) && isRecord2(s.ingress) && typeof s.ingress.host === "string" && s.ingress.host !== "" ? s.ingress.host : void 0;
}
function valueAt(ctx, path21) {
  let cur = ctx.values;
  for (const k of path21) {
    if (!isRecord2(cur)) return void 0;
    cur = cur[k];
  }
  return cur;
}
var HOST_COMPONENTS = [
  "synapse",
  "matrixAuthenticationService",
  "matrixRTC",
  "elementWeb",
  "elementAdmin"
];

// src/tasks/verify-config/ess/pitfalls.ts
var TROUBLESHOOTING = "https://github.com/element-hq/ess-helm/blob/main/docs/troubleshooting.md";
function at2(ctx, ...paths) {
  for (const p of paths) {
    const l = ctx.locate(p);
    if (l) return l;
  }
  return {};
}
function checkRtcWithoutWellKnown(ctx) {
  if (!isEnabled(ctx.values, "matrixRTC") || isEnabled(ctx.values, "wellKnownDelegation")) return [];
  return [
    {
      ruleId: "ess/rtc-without-well-known",
      severity: "error",
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- serverName is the operator's scalar, shown as written
      message: `${ctx.subject}: matrixRTC is enabled but wellKnownDelegation.enabled is false, so the chart publishes no org.matrix.msc4143.rtc_foci in https://${String(ctx.values.serverName ?? "<serverName>")}/.well-known/matrix/client and calls fail with MISSING_MATRIX_RTC_FOCUS`,
      ...at2(ctx, ["wellKnownDelegation", "enabled"], ["matrixRTC", "enabled"]),
      keyPath: "wellKnownDelegation.enabled",
      hint: "Set wellKnownDelegation.enabled: true (the chart then serves rtc_foci, m.homeserver and m.server on serverName), or serve those well-known files yourself and include rtc_foci with livekit_service_url https://<matrixRTC.ingress.host>.",
      url: TROUBLESHOOTING
    }
  ];
}
function checkSharedHosts(ctx) {
  const claims = [];
  const serverName = typeof ctx.values.serverName === "string" ? ctx.values.serverName.toLowerCase() : void 0;
  if (serverName && isEnabled(ctx.values, "wellKnownDelegation"))
    claims.push({ host: serverName, what: "serverName (well-known delegation)", path: ["serverName"] });
  for (const c of HOST_COMPONENTS) {
    const h = ingressHost(ctx.values, c);
    if (h && isEnabled(ctx.values, c)) claims.push({ host: h.toLowerCase(), what: c, path: [c, "ingress", "host"] });
  }
  const out = [];
  const seen = /* @__PURE__ */ new Map();
  for (const c of claims) {
    const first = seen.get(c.host);
    if (!first) {
      seen.set(c.host, c);
      continue;
    }
    const apex = first.path[0] === "serverName" || c.path[0] === "serverName";
    out.push({
      ruleId: "ess/shared-host",
      severity: "warning",
      message: `${ctx.subject}: ${c.what} uses host ${c.host}, already used by ${first.what}: the chart creates two Ingresses for one host and cert-manager orders two certificates for one name${apex ? "; on the server name the component also stands in the way of the well-known delegation served there" : ""}`,
      ...at2(ctx, c.path),
      keyPath: c.path.join("."),
      hint: apex ? "Give the component its own host (e.g. chat.<serverName> for Element Web) and keep the server name for the well-known delegation." : "Give each component its own host, unless you route the shared host yourself on purpose (then disable the chart's Ingress for one of them)."
    });
  }
  return out;
}
function checkRequiredValues(ctx) {
  if (ctx.incomplete) return [];
  const out = [];
  for (const c of HOST_COMPONENTS) {
    if (!isEnabled(ctx.values, c) || ingressHost(ctx.values, c)) continue;
    out.push({
      ruleId: "ess/host-missing",
      severity: "error",
      message: `${ctx.subject}: ${c}.ingress.host is required when ${c}.enabled=true (the chart refuses to render)`,
      ...at2(ctx, [c, "ingress"], [c], []),
      keyPath: `${c}.ingress.host`,
      hint: `Set ${c}.ingress.host, or ${c}.enabled: false if you do not deploy it.`
    });
  }
  const needsServerName = ["synapse", "wellKnownDelegation", "matrixRTC"].filter((s) => isEnabled(ctx.values, s));
  const sn = ctx.values.serverName;
  if (needsServerName.length > 0 && (typeof sn !== "string" || sn === "")) {
    out.push({
      ruleId: "ess/server-name-missing",
      severity: "error",
      message: `${ctx.subject}: serverName is required when ${needsServerName.map((s) => `${s}.enabled=true`).join(", ")}`,
      ...at2(ctx, []),
      keyPath: "serverName",
      hint: "Set serverName to the domain in your Matrix IDs (e.g. example.org); it cannot be changed after the first deployment."
    });
  }
  const turn = valueAt(ctx, ["matrixRTC", "sfu", "exposedServices", "turnTLS"]);
  if (isEnabled(ctx.values, "matrixRTC") && turn && turn.enabled === true && turn.tlsTerminationOnPod === true && !turn.tlsSecret && !ctx.values.certManager) {
    out.push({
      ruleId: "ess/turn-tls-certificate-missing",
      severity: "error",
      message: `${ctx.subject}: matrixRTC.sfu.exposedServices.turnTLS with tlsTerminationOnPod needs turnTLS.tlsSecret or certManager (the chart refuses to render)`,
      ...at2(ctx, ["matrixRTC", "sfu", "exposedServices", "turnTLS", "tlsTerminationOnPod"]),
      keyPath: "matrixRTC.sfu.exposedServices.turnTLS"
    });
  }
  return out;
}
function checkHostSyntax(ctx) {
  const out = [];
  const candidates = [
    { path: ["serverName"], value: ctx.values.serverName, allowPort: true }
  ];
  for (const c of HOST_COMPONENTS)
    candidates.push({ path: [c, "ingress", "host"], value: ingressHost(ctx.values, c), allowPort: false });
  for (const c of candidates) {
    if (typeof c.value !== "string" || c.value === "" || c.value.includes("${")) continue;
    const v = c.value;
    let problem;
    if (/^[a-z]+:\/\//i.test(v)) problem = "contains a URL scheme";
    else if (v.includes("/")) problem = "contains a path";
    else if (/\s/.test(v)) problem = "contains whitespace";
    else if (!c.allowPort && /:\d+$/.test(v)) problem = "contains a port";
    else if (v.endsWith(".")) problem = "ends with a dot";
    if (!problem) continue;
    out.push({
      ruleId: "ess/invalid-host",
      severity: "error",
      message: `${ctx.subject}: ${c.path.join(".")} ${JSON.stringify(v)} ${problem}; it must be a bare host name`,
      ...at2(ctx, c.path),
      keyPath: c.path.join("."),
      hint: "Write only the host, e.g. matrix.example.org (no https://, no trailing slash)."
    });
  }
  return out;
}

// src/tasks/verify-config/ess/did-you-mean.ts
function editDistance2(a, b) {
  if (a === b) return 0;
  const prev = new Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
function didYouMean(key2, allowed) {
  const squash = (s) => s.toLowerCase().replace(/[-_.]/g, "");
  const same2 = allowed.find((k) => squash(k) === squash(key2));
  if (same2) return same2;
  const prefix = allowed.find(
    (k) => Math.min(k.length, key2.length) >= 4 && (key2.toLowerCase().startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(key2.toLowerCase()))
  );
  if (prefix) return prefix;
  let best;
  let bestD = Math.max(2, Math.floor(key2.length / 3)) + 1;
  for (const k of allowed) {
    const d = editDistance2(key2.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

// src/tasks/verify-config/ess/validate.ts
var MAX_DEPTH = 64;
function typeOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}
function typeMatches(v, t) {
  const actual = typeOf(v);
  const want = Array.isArray(t) ? t : [t];
  return want.some((w) => w === actual || w === "number" && actual === "integer");
}
var patternCache = /* @__PURE__ */ new Map();
function regex(p) {
  if (!patternCache.has(p)) {
    try {
      patternCache.set(p, new RegExp(p, "u"));
    } catch {
      patternCache.set(p, null);
    }
  }
  return patternCache.get(p) ?? null;
}
function validateValues(nodes, root, value) {
  const issues = [];
  check(nodes, root, value, [], issues, 0);
  return issues;
}
function valid(nodes, i, value, depth) {
  const scratch = [];
  check(nodes, i, value, [], scratch, depth);
  return scratch.length === 0;
}
function check(nodes, i, value, path21, out, depth) {
  const n = nodes[i];
  if (!n || depth > MAX_DEPTH || value === null || value === void 0) return;
  if (typeof value === "string" && /\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-=][^}]*)?\}/.test(value)) return;
  if (n.never) {
    out.push({ kind: "shape", path: path21, message: "no value is allowed here" });
    return;
  }
  if (n.t !== void 0 && !typeMatches(value, n.t)) {
    out.push({
      kind: "type",
      path: path21,
      message: `must be ${Array.isArray(n.t) ? n.t.join(" or ") : n.t}, not ${typeOf(value)}`
    });
    return;
  }
  if (n.e && !n.e.some((x) => x === value)) {
    out.push({
      kind: "enum",
      path: path21,
      message: `must be one of ${n.e.map((x) => JSON.stringify(x)).join(", ")}, not ${JSON.stringify(value)}`
    });
  }
  if (typeof value === "number") {
    if (n.min !== void 0 && value < n.min) out.push({ kind: "range", path: path21, message: `must be at least ${n.min}` });
    if (n.max !== void 0 && value > n.max) out.push({ kind: "range", path: path21, message: `must be at most ${n.max}` });
  }
  if (typeof value === "string") {
    if (n.pat) {
      const re = regex(n.pat);
      if (re && !re.test(value)) out.push({ kind: "pattern", path: path21, message: `does not match the pattern ${n.pat}` });
    }
    if (n.minLen !== void 0 && value.length < n.minLen)
      out.push({ kind: "range", path: path21, message: `must have at least ${n.minLen} characters` });
  }
  if (Array.isArray(value)) {
    if (n.minItems !== void 0 && value.length < n.minItems)
      out.push({ kind: "range", path: path21, message: `needs at least ${n.minItems} items` });
    if (n.i !== void 0) value.forEach((item, k) => check(nodes, n.i, item, [...path21, k], out, depth + 1));
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    const obj2 = value;
    for (const r of n.r ?? [])
      if (!hasOwn(obj2, r) || obj2[r] === null) out.push({ kind: "required", path: path21, message: `needs ${r}` });
    for (const [k, v] of Object.entries(obj2)) {
      const child = getOwn(n.p, k);
      if (child !== void 0) check(nodes, child, v, [...path21, k], out, depth + 1);
      else if (n.a === -1)
        out.push({
          kind: "unknown-key",
          path: [...path21, k],
          message: `is not a key the chart accepts here`,
          allowed: Object.keys(n.p ?? {})
        });
      else if (n.a !== void 0) check(nodes, n.a, v, [...path21, k], out, depth + 1);
    }
  }
  if (n.all) for (const b of n.all) check(nodes, b, value, path21, out, depth + 1);
  if (n.one) {
    const ok = n.one.filter((b) => valid(nodes, b, value, depth + 1)).length;
    if (ok !== 1) out.push({ kind: "shape", path: path21, message: describeAlternatives(nodes, n.one, ok) });
  }
  if (n.any && !n.any.some((b) => valid(nodes, b, value, depth + 1)))
    out.push({ kind: "shape", path: path21, message: describeAlternatives(nodes, n.any, 0) });
  if (n.not !== void 0 && valid(nodes, n.not, value, depth + 1))
    out.push({ kind: "shape", path: path21, message: "has a combination of keys the chart forbids" });
}
function describeAlternatives(nodes, branches, matched) {
  const forms = branches.map((b) => nodes[b]?.r).filter((r) => Array.isArray(r));
  const alts = forms.length === branches.length ? forms.map((r) => r.join(" + ")).join(" or ") : void 0;
  if (alts) return matched > 1 ? `must use only one of: ${alts} (not both)` : `needs exactly one of: ${alts}`;
  return matched > 1 ? "matches more than one allowed form" : "matches none of the allowed forms";
}

// src/tasks/verify-config/ess/schema-rule.ts
var CHART_DOCS = "https://github.com/element-hq/ess-helm/blob/main/charts/matrix-stack/values.yaml";
var masTopKeys;
var synapseKeys2;
function masSections() {
  if (!masTopKeys) {
    const d = loadData("mas/config-schema.json");
    masTopKeys = new Set(Object.keys(d.schema?.properties ?? {}));
  }
  return masTopKeys;
}
function synapseOptions() {
  if (!synapseKeys2) synapseKeys2 = new Set(loadData("synapse/config-keys.json").keys);
  return synapseKeys2;
}
function unknownKeyHint(issue) {
  const path21 = issue.path;
  const key2 = String(path21[path21.length - 1]);
  const parent2 = path21.slice(0, -1).map(String).join(".");
  if (parent2 === "matrixAuthenticationService" && masSections().has(key2)) {
    return `${key2} is a MAS configuration section, not a chart value: move it into a config string, e.g. matrixAuthenticationService.additional.${key2.replace(/_/g, "-")}.config: |
  ${key2}: \u2026`;
  }
  if (parent2 === "synapse" && synapseOptions().has(key2)) {
    return `${key2} is a Synapse option, not a chart value: put it in synapse.additional.<name>.config (a homeserver.yaml fragment).`;
  }
  if (parent2 === "wellKnownDelegation.ingress" && key2 === "host")
    return "The well-known Ingress always uses serverName as its host; remove this key.";
  const guess = didYouMean(key2, issue.allowed ?? []);
  if (guess) return `Did you mean ${[...path21.slice(0, -1).map(String), guess].join(".")}?`;
  if (issue.allowed && issue.allowed.length > 0 && issue.allowed.length <= 12)
    return `Allowed here: ${issue.allowed.join(", ")}.`;
  return void 0;
}
function ruleFor(kind) {
  switch (kind) {
    case "unknown-key":
      return "ess/unknown-key";
    case "type":
      return "ess/invalid-type";
    case "required":
      return "ess/missing-key";
    case "shape":
      return "ess/invalid-shape";
    default:
      return "ess/invalid-value";
  }
}
function versionNote(s, pinned) {
  if (s.match === "newer")
    return ` (chart ${pinned} is newer than the newest schema mxops knows, ${s.version}; the key may be new \u2014 check the chart's values.yaml)`;
  if (s.match === "unpinned")
    return ` (no pinned chart version: checked against the newest schema mxops knows, ${s.version})`;
  if (s.match === "older")
    return ` (chart ${pinned} is older than any schema mxops knows; checked against ${s.version})`;
  return "";
}
function checkEssSchema(ctx) {
  const schema = schemaFor(ctx.chartVersion);
  const lenient = schema.match === "newer" || schema.match === "unpinned" || schema.match === "older";
  const issues = [...validateValues(schema.nodes, schema.root, ctx.values), ...additionalEntryKeyIssues(ctx.values)];
  const out = [];
  for (const issue of issues) {
    if (issue.kind === "required" && ctx.incomplete) continue;
    const ruleId = ruleFor(issue.kind);
    const keyPath = formatPath(issue.path);
    const at4 = ctx.locate(issue.path) ?? nearest(ctx, issue.path);
    const f = {
      ruleId,
      severity: issue.kind === "unknown-key" && lenient ? "warning" : "error",
      message: `${ctx.subject}: ${keyPath || "values"} ${issue.message}${issue.kind === "unknown-key" ? versionNote(schema, ctx.chartVersion) : ""}`,
      ...at4 ?? {},
      data: { chartVersion: ctx.chartVersion ?? null, schemaVersion: schema.version }
    };
    if (keyPath) f.keyPath = keyPath;
    const hint = issue.kind === "unknown-key" ? unknownKeyHint(issue) : void 0;
    if (hint) f.hint = hint;
    f.url = CHART_DOCS;
    out.push(f);
  }
  return out;
}
var ADDITIONAL_MAPS = [
  ["synapse", "additional"],
  ["matrixAuthenticationService", "additional"],
  ["matrixRTC", "sfu", "additional"],
  ["hookshot", "additional"]
];
var ENTRY_KEYS2 = ["config", "configSecret", "configSecretKey"];
function additionalEntryKeyIssues(values) {
  const out = [];
  for (const p of ADDITIONAL_MAPS) {
    let cur = values;
    for (const k of p)
      cur = typeof cur === "object" && cur !== null && !Array.isArray(cur) ? cur[k] : void 0;
    if (typeof cur !== "object" || cur === null || Array.isArray(cur)) continue;
    for (const [name, entry] of Object.entries(cur)) {
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) continue;
      for (const k of Object.keys(entry)) {
        if (!ENTRY_KEYS2.includes(k))
          out.push({
            kind: "unknown-key",
            path: [...p, name, k],
            message: "is ignored by the chart (an additional entry has only config, or configSecret + configSecretKey)",
            allowed: ENTRY_KEYS2
          });
      }
    }
  }
  return out;
}
function nearest(ctx, path21) {
  for (let n = path21.length - 1; n >= 0; n--) {
    const at4 = ctx.locate(path21.slice(0, n));
    if (at4) return at4;
  }
  return void 0;
}

// src/tasks/verify-config/ess/index.ts
var ESS_CHECKS = [
  checkEssSchema,
  checkRtcWithoutWellKnown,
  checkSharedHosts,
  checkRequiredValues,
  checkHostSyntax,
  checkElementAdditionalNames
];

// src/tasks/verify-config/ess/hints.ts
import { parse } from "yaml";
function str(v) {
  return typeof v === "string" && v !== "" && !v.includes("${") ? v : void 0;
}
function host(values, section) {
  const s = values[section];
  if (!isRecord2(s) || s.enabled === false) return void 0;
  return isRecord2(s.ingress) ? str(s.ingress.host) : void 0;
}
function liveHints(contexts) {
  const ctx = contexts.find((c) => str(c.values.serverName)) ?? contexts[0];
  const hints = { hosts: {}, upstreamProviders: [] };
  if (!ctx) return hints;
  const v = ctx.values;
  const serverName = str(v.serverName);
  if (serverName) hints.serverName = serverName;
  const hosts = {};
  const pairs = [
    ["synapse", "synapse"],
    ["mas", "matrixAuthenticationService"],
    ["matrixRTC", "matrixRTC"],
    ["elementWeb", "elementWeb"],
    ["elementAdmin", "elementAdmin"]
  ];
  for (const [k, section] of pairs) {
    const h = host(v, section);
    if (h) hosts[k] = h;
  }
  hints.hosts = hosts;
  if (isRecord2(v.matrixRTC) && typeof v.matrixRTC.enabled === "boolean") hints.rtcEnabled = v.matrixRTC.enabled;
  hints.upstreamProviders = upstreamProviders(v);
  return hints;
}
function upstreamProviders(v) {
  const out = [];
  const mas = v.matrixAuthenticationService;
  if (!isRecord2(mas) || !isRecord2(mas.additional)) return out;
  for (const entry of Object.values(mas.additional)) {
    if (!isRecord2(entry) || typeof entry.config !== "string") continue;
    let cfg;
    try {
      cfg = parseLoose(entry.config);
    } catch {
      continue;
    }
    const up = isRecord2(cfg) && isRecord2(cfg.upstream_oauth2) ? cfg.upstream_oauth2 : void 0;
    const providers = up && Array.isArray(up.providers) ? up.providers : [];
    for (const p of providers) {
      if (!isRecord2(p) || typeof p.id !== "string") continue;
      const item = { id: p.id };
      if (typeof p.issuer === "string") item.issuer = p.issuer;
      if (typeof p.client_id === "string") item.clientId = p.client_id;
      out.push(item);
    }
  }
  return out;
}
function parseLoose(text) {
  return parse(text, { logLevel: "silent", maxAliasCount: 100 });
}

// src/tasks/verify-config/flux/kinds.ts
function isFluxKustomization(m) {
  return m.kind === "Kustomization" && (m.apiVersion ?? "").startsWith("kustomize.toolkit.fluxcd.io/");
}
function isHelmRelease(m) {
  return m.kind === "HelmRelease" && (m.apiVersion ?? "").startsWith("helm.toolkit.fluxcd.io/");
}
function isFluxSource(m, kind) {
  return m.kind === kind && (m.apiVersion ?? "").startsWith("source.toolkit.fluxcd.io/");
}

// src/tasks/verify-config/flux/namespaces.ts
import path5 from "node:path/posix";
function namespaceResolver(repo) {
  const byFile = /* @__PURE__ */ new Map();
  for (const lf of repo.files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    const body = lf.values[0];
    if (!isRecord2(body) || typeof body.namespace !== "string" || !Array.isArray(body.resources)) continue;
    const dir = path5.dirname(lf.rel);
    for (const r of body.resources) {
      if (typeof r !== "string" || r.includes("://")) continue;
      const target2 = path5.normalize(path5.join(dir, r));
      byFile.set(target2, body.namespace);
    }
    byFile.set(`${dir}/`, body.namespace);
  }
  return (m) => {
    if (m.namespace) return m.namespace;
    const direct = byFile.get(m.file);
    if (direct) return direct;
    let dir = path5.dirname(m.file);
    while (dir && dir !== ".") {
      const ns = byFile.get(dir) ?? byFile.get(`${dir}/`);
      if (ns) return ns;
      dir = path5.dirname(dir);
    }
    return byFile.get("./") ?? void 0;
  };
}
function sameNamespace(a, b) {
  return a === void 0 || b === void 0 || a === b;
}

// src/tasks/verify-config/flux/merge.ts
function mergeMaps(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = getOwn(out, k);
    setOwn(out, k, isPlainMap(v) && isPlainMap(prev) ? mergeMaps(prev, v) : v);
  }
  return out;
}
function isPlainMap(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function cloneValues(v) {
  return structuredClone(v);
}

// src/tasks/verify-config/flux/target-path.ts
function parseTargetPath(targetPath) {
  const segs = [];
  let cur = "";
  let escaped = false;
  const flush = () => {
    if (cur === "") return true;
    const m = /^([^[\]]*)((\[\d+\])+)$/.exec(cur);
    if (m) {
      if (m[1]) segs.push(m[1]);
      for (const idx of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) segs.push(Number(idx[1]));
    } else if (/[[\]]/.test(cur)) return false;
    else segs.push(cur);
    cur = "";
    return true;
  };
  for (const ch of targetPath) {
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (ch === "\\") escaped = true;
    else if (ch === ".") {
      if (!flush()) return void 0;
    } else cur += ch;
  }
  if (!flush() || segs.length === 0) return void 0;
  return segs;
}
function typed(v) {
  const lower = v.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (v === "0") return 0;
  if (v.length > 0 && v[0] !== "0" && /^[+-]?\d+$/.test(v)) {
    const n = Number(v);
    if (Number.isSafeInteger(n)) return n;
  }
  return v;
}
function splitUnescaped(s, sep) {
  const parts = [];
  let cur = "";
  let escaped = false;
  for (const ch of s) {
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (ch === "\\") escaped = true;
    else if (ch === sep) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}
function targetPathValue(data2) {
  let v = data2;
  let forceString = false;
  if (v.startsWith("'") && v.endsWith("'") || v.startsWith('"') && v.endsWith('"')) {
    v = v.replace(/^['"]+|['"]+$/g, "");
    forceString = true;
  }
  if (v.startsWith("{") && v.endsWith("}")) {
    return { value: splitUnescaped(v.slice(1, -1), ",").map((x) => forceString ? x : typed(x)) };
  }
  const parts = splitUnescaped(v, ",");
  if (parts.length > 1)
    return {
      error: "the value contains an unescaped comma, which Helm's --set parser reads as the start of another key=value pair"
    };
  const s = parts[0] ?? "";
  return { value: forceString ? s : typed(s) };
}
function setAtPath(target2, path21, value) {
  let cur = target2;
  for (let i = 0; i < path21.length; i++) {
    const seg2 = path21[i];
    const last = i === path21.length - 1;
    const nextIsIndex = typeof path21[i + 1] === "number";
    const fresh = () => nextIsIndex ? [] : {};
    if (Array.isArray(cur)) {
      if (typeof seg2 !== "number") return false;
      while (cur.length <= seg2) cur.push(null);
      if (last) cur[seg2] = value;
      else {
        const child = cur[seg2];
        if (typeof child !== "object" || child === null || Array.isArray(child) !== nextIsIndex) cur[seg2] = fresh();
        cur = cur[seg2];
      }
    } else if (typeof cur === "object" && cur !== null) {
      const obj2 = cur;
      const key2 = String(seg2);
      if (last) setOwn(obj2, key2, value);
      else {
        let child = getOwn(obj2, key2);
        if (typeof child !== "object" || child === null || Array.isArray(child) !== nextIsIndex) {
          child = fresh();
          setOwn(obj2, key2, child);
        }
        cur = child;
      }
    } else return false;
  }
  return true;
}

// src/tasks/verify-config/flux/values.ts
var ValuesResolver = class {
  constructor(providers, nsOf, findings) {
    this.nsOf = nsOf;
    this.findings = findings;
    for (const p of providers) {
      const k = `${p.kind}/${p.name}`;
      const list2 = this.byName.get(k);
      if (list2) list2.push(p);
      else this.byName.set(k, [p]);
    }
  }
  nsOf;
  findings;
  parsedEntries = /* @__PURE__ */ new Map();
  /** Providers referenced by some HelmRelease (for the unused-source rule). */
  referenced = /* @__PURE__ */ new Set();
  /** Providers by `kind/name` (valuesFrom lookups are per reference; a linear scan is quadratic on big repos). */
  byName = /* @__PURE__ */ new Map();
  /**
   * Effective values of a HelmRelease computed like helm-controller: each valuesFrom in order (a map
   * deep-merged, or one value set at targetPath), then spec.values merged on top. Unresolvable references
   * become findings (errors unless optional); unknown contributions are reported once as info.
   */
  resolve(hr) {
    const spec = isRecord2(hr.body.spec) ? hr.body.spec : {};
    const layers = [];
    let incomplete = false;
    let result = {};
    const refs = Array.isArray(spec.valuesFrom) ? spec.valuesFrom : [];
    refs.forEach((ref, i) => {
      const refAt = (k) => hr.locate(k ? ["spec", "valuesFrom", i, k] : ["spec", "valuesFrom", i]) ?? { file: hr.file };
      if (!isRecord2(ref)) return;
      const kind = ref.kind;
      const name = ref.name;
      const optional = ref.optional === true;
      const key2 = typeof ref.valuesKey === "string" && ref.valuesKey !== "" ? ref.valuesKey : "values.yaml";
      if (kind !== "ConfigMap" && kind !== "Secret") {
        this.findings.push({
          ...refAt("kind"),
          ruleId: "flux/values-from-invalid",
          severity: "error",
          message: `valuesFrom[${i}].kind must be ConfigMap or Secret, not ${JSON.stringify(kind)}`
        });
        return;
      }
      if (typeof name !== "string" || name === "") {
        this.findings.push({
          ...refAt(),
          ruleId: "flux/values-from-invalid",
          severity: "error",
          message: `valuesFrom[${i}] has no name`
        });
        return;
      }
      if (name.includes("${")) {
        incomplete = true;
        return;
      }
      const ns = this.nsOf(hr);
      const candidates = (this.byName.get(`${kind}/${name}`) ?? []).filter((p) => sameNamespace(p.namespace, ns));
      const provider = candidates.find((p) => p.namespace === ns) ?? candidates[0];
      const label = `${kind} ${ns ? `${ns}/` : ""}${name}`;
      if (!provider) {
        if (!optional) {
          incomplete = true;
          this.findings.push({
            ...refAt("name"),
            ruleId: "flux/values-from-unresolved",
            severity: "error",
            message: `${hrLabel(hr)} takes values from ${label}, which no manifest in the repository defines${ns ? ` in namespace ${ns}` : ""}`,
            hint: "Add the ConfigMap/Secret (same namespace as the HelmRelease), fix the name, or mark the reference `optional: true` if it is created elsewhere."
          });
        }
        return;
      }
      for (const c of candidates) this.referenced.add(c);
      if (!provider.entries) {
        incomplete = true;
        this.findings.push({
          ...refAt("name"),
          ruleId: "flux/values-external-unknown",
          severity: "info",
          message: `${hrLabel(hr)}: ${label} is produced outside the repository (${provider.file}); its values are not known offline`
        });
        return;
      }
      const entry = provider.entries.get(key2);
      if (!entry) {
        if (!optional) {
          incomplete = true;
          this.findings.push({
            ...refAt(typeof ref.valuesKey === "string" ? "valuesKey" : "name"),
            ruleId: "flux/values-key-missing",
            severity: "error",
            message: `${label} has no key ${JSON.stringify(key2)} (valuesFrom[${i}] of ${hrLabel(hr)})`,
            hint: `Keys present: ${[...provider.entries.keys()].join(", ") || "none"}. valuesKey defaults to values.yaml.`
          });
        }
        return;
      }
      if (entry.text === void 0) {
        incomplete = true;
        if (provider.source === "encrypted") {
          this.findings.push({
            ...refAt("name"),
            ruleId: "flux/values-encrypted-unknown",
            severity: "info",
            message: `${hrLabel(hr)}: values from ${label} are SOPS-encrypted and no age identity was given; their contribution is not checked`,
            hint: "Pass --age-key-file (or SOPS_AGE_KEY_FILE / SOPS_AGE_KEY) to check the decrypted values in memory."
          });
        }
        return;
      }
      const targetPath = typeof ref.targetPath === "string" && ref.targetPath !== "" ? ref.targetPath : void 0;
      if (targetPath) {
        const segs = parseTargetPath(targetPath);
        const v = targetPathValue(entry.text);
        if (!segs || "error" in v) {
          this.findings.push({
            ...refAt("targetPath"),
            ruleId: "flux/values-target-path-invalid",
            severity: "error",
            message: !segs ? `targetPath ${JSON.stringify(targetPath)} is not a valid Helm --set path` : `${label} key ${key2}: ${v.error}`,
            hint: "Escape commas as \\, or quote the whole value; use a.b[0].c path syntax."
          });
          return;
        }
        result = cloneValues(result);
        setAtPath(result, segs, v.value);
        layers.push({
          label: `${label} (${key2} \u2192 ${targetPath})`,
          targetPath: segs,
          at: entry.at,
          locate: () => entry.at,
          locateInString: () => entry.at
        });
        return;
      }
      const parsed = this.parseEntry(provider, entry, label, key2);
      if (!parsed.value) {
        incomplete = true;
        return;
      }
      result = mergeMaps(result, parsed.value);
      layers.push(entryLayer(`${label} (${key2})`, entry, parsed));
    });
    if (isRecord2(spec.values)) {
      result = mergeMaps(result, spec.values);
      layers.push({
        label: `${hrLabel(hr)} spec.values`,
        value: spec.values,
        at: hr.locate(["spec", "values"]) ?? { file: hr.file },
        locate: (p) => hr.locate(["spec", "values", ...p]),
        locateInString: (p, l, c) => hr.locateInString(["spec", "values", ...p], l, c)
      });
    }
    return { release: hr, values: result, layers, incomplete };
  }
  parseEntry(_provider, entry, label, key2) {
    const hit = this.parsedEntries.get(entry);
    if (hit) return hit;
    const out = {};
    this.parsedEntries.set(entry, out);
    if (entry.origin?.kind === "file") {
      const doc2 = entry.origin.view.parsed.docs[0];
      const js2 = doc2 ? toJS(doc2) : { value: {} };
      out.view = entry.origin.view;
      if ("value" in js2 && (isRecord2(js2.value) || js2.value == null)) out.value = js2.value ?? {};
      else this.notAMap(entry.at, label, key2);
      return out;
    }
    const text = entry.text ?? "";
    const parsed = parseYaml(text, { merge: true });
    const view = entry.origin?.kind === "string" ? embeddedView(entry.origin.view, entry.origin.docIndex, entry.origin.path, text, parsed) : void 0;
    if (view) out.view = view;
    const file = entry.at.file;
    for (const f of yamlProblemFindings(file, parsed, text.includes("{{"))) {
      const mapped = view && f.line !== void 0 ? view.toOuter({ line: f.line, column: f.column ?? 1 }) : entry.at;
      const { line: _l, column: _c, ...rest } = f;
      this.findings.push({ ...rest, ...mapped ?? entry.at, message: `${f.message} (in ${label} key ${key2})` });
    }
    const doc = parsed.docs[0];
    if (parsed.docs.length > 1) {
      this.findings.push({
        ...entry.at,
        ruleId: "flux/values-invalid",
        severity: "error",
        message: `${label} key ${key2} holds ${parsed.docs.length} YAML documents; Helm reads values as one document`
      });
    }
    const js = doc ? toJS(doc) : { value: {} };
    if ("value" in js && (isRecord2(js.value) || js.value == null)) out.value = js.value ?? {};
    else this.notAMap(entry.at, label, key2);
    return out;
  }
  notAMap(at4, label, key2) {
    this.findings.push({
      ...at4,
      ruleId: "flux/values-invalid",
      severity: "error",
      message: `${label} key ${key2} is not a YAML mapping, so helm-controller cannot use it as values`
    });
  }
};
function entryLayer(label, entry, parsed) {
  const view = parsed.view;
  const layer = {
    label,
    at: entry.at,
    locate: (p) => view ? locateInView(view, 0, p) ?? entry.at : entry.at,
    locateInString: (p, l, c) => view ? locateInStringOfView(view, 0, p, l, c) ?? entry.at : entry.at
  };
  if (parsed.value) layer.value = parsed.value;
  return layer;
}
function hrLabel(hr) {
  return `HelmRelease ${hr.namespace ? `${hr.namespace}/` : ""}${hr.name ?? "?"}`;
}
function hasPath(v, path21) {
  let cur = v;
  for (const seg2 of path21) {
    if (Array.isArray(cur) && typeof seg2 === "number") cur = cur[seg2];
    else if (isRecord2(cur) && Object.prototype.hasOwnProperty.call(cur, String(seg2))) cur = cur[String(seg2)];
    else return false;
    if (cur === void 0) return false;
  }
  return true;
}
function locateEffective(ev, path21) {
  let partial;
  for (let i = ev.layers.length - 1; i >= 0; i--) {
    const l = ev.layers[i];
    if (l.targetPath) {
      const t = l.targetPath;
      const n = Math.min(t.length, path21.length);
      if (t.slice(0, n).every((s, j) => String(s) === String(path21[j]))) {
        if (path21.length >= t.length) return l.at;
        partial ??= l.at;
      }
    } else if (hasPath(l.value, path21)) return l.locate(path21);
  }
  return partial;
}
function locateInStringEffective(ev, path21, line, column) {
  for (let i = ev.layers.length - 1; i >= 0; i--) {
    const l = ev.layers[i];
    if (l.targetPath) {
      if (l.targetPath.length <= path21.length && l.targetPath.every((s, j) => String(s) === String(path21[j])))
        return l.at;
    } else if (hasPath(l.value, path21)) return l.locateInString(path21, line, column);
  }
  return void 0;
}

// src/tasks/verify-config/ess/select.ts
var ESS_CHART = "matrix-stack";
function chartOf(hr, repo) {
  const spec = isRecord2(hr.body.spec) ? hr.body.spec : {};
  const chartSpec = isRecord2(spec.chart) && isRecord2(spec.chart.spec) ? spec.chart.spec : void 0;
  if (chartSpec) {
    const out2 = {};
    if (typeof chartSpec.chart === "string") out2.chart = chartSpec.chart.replace(/^.*\//, "");
    if (typeof chartSpec.version === "string") out2.version = chartSpec.version;
    return out2;
  }
  const ref = isRecord2(spec.chartRef) ? spec.chartRef : void 0;
  if (!ref || typeof ref.name !== "string") return {};
  const ns = typeof ref.namespace === "string" ? ref.namespace : hr.namespace;
  const src = repo.manifests.find(
    (m) => m.name === ref.name && isFluxSource(m, String(ref.kind)) && sameNamespace(m.namespace, ns)
  );
  if (!src) return {};
  const sspec = isRecord2(src.body.spec) ? src.body.spec : {};
  const out = {};
  if (src.kind === "OCIRepository") {
    if (typeof sspec.url === "string")
      out.chart = sspec.url.replace(/\/+$/, "").replace(/^.*\//, "").replace(/:.*$/, "");
    const r = isRecord2(sspec.ref) ? sspec.ref : {};
    if (typeof r.tag === "string") out.version = r.tag;
    else if (typeof r.semver === "string") out.version = r.semver;
  } else if (src.kind === "HelmChart") {
    if (typeof sspec.chart === "string") out.chart = sspec.chart.replace(/^.*\//, "");
    if (typeof sspec.version === "string") out.version = sspec.version;
  }
  return out;
}
function releaseContext(ev, repo, version) {
  const ctx = {
    values: ev.values,
    // The empty path (the values as a whole) falls back to the HelmRelease itself.
    locate: (p) => locateEffective(ev, p) ?? (p.length === 0 ? ev.release.locate(["metadata", "name"]) ?? { file: ev.release.file } : void 0),
    locateInString: (p, l, c) => locateInStringEffective(ev, p, l, c),
    subject: hrLabel(ev.release),
    repo
  };
  if (ev.incomplete) ctx.incomplete = true;
  if (version !== void 0) ctx.chartVersion = version.replace(/^v/, "");
  return ctx;
}
var ESS_TOP_KEYS = [
  "serverName",
  "synapse",
  "matrixAuthenticationService",
  "elementWeb",
  "elementAdmin",
  "wellKnownDelegation",
  "matrixRTC",
  "hookshot"
];
var ESS_ONLY_KEYS = ["matrixAuthenticationService", "elementWeb", "elementAdmin", "wellKnownDelegation", "matrixRTC"];
function looksLikeEssValues(lf) {
  if (lf.values.length !== 1) return false;
  const v = lf.values[0];
  if (!isRecord2(v) || "apiVersion" in v || "kind" in v) return false;
  return ESS_TOP_KEYS.filter((k) => k in v).length >= 2 && ESS_ONLY_KEYS.some((k) => k in v);
}
function valuesFileContext(files, repo, version, merged) {
  const has = (lf, p) => {
    let cur = lf.values[0];
    for (const s of p) {
      if (!isRecord2(cur) && !Array.isArray(cur)) return false;
      cur = cur[String(s)];
      if (cur === void 0) return false;
    }
    return true;
  };
  const last = (p) => [...files].reverse().find((f) => has(f, p));
  const ctx = {
    values: merged,
    locate: (p) => {
      const f = last(p);
      return f ? locateInView(f.view, 0, p) : void 0;
    },
    locateInString: (p, l, c) => {
      const f = last(p);
      return f ? locateInStringOfView(f.view, 0, p, l, c) : void 0;
    },
    subject: `values ${files.map((f) => f.rel).join(" + ")}`,
    repo
  };
  if (version !== void 0) ctx.chartVersion = version;
  return ctx;
}

// src/core/sops/age.ts
import {
  createDecipheriv as createDecipheriv2,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync as hkdfSync2
} from "node:crypto";
import { armor, Decrypter, identityToRecipient } from "age-encryption";

// src/core/sops/age-native.ts
import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
var INTRO = "age-encryption.org/v1\n";
function canonicalBase64(text) {
  if (!/^[A-Za-z0-9+/]*$/.test(text) || text.length % 4 === 1) return void 0;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64").replace(/=+$/, "") === text ? bytes : void 0;
}
function dearmor(text) {
  const lines = text.trim().split(/\r?\n/);
  if (lines.length < 3 || lines[0] !== "-----BEGIN AGE ENCRYPTED FILE-----" || lines[lines.length - 1] !== "-----END AGE ENCRYPTED FILE-----")
    return void 0;
  const body = lines.slice(1, -1);
  const last = body.length - 1;
  if (body.some((l, i) => i < last ? l.length !== 64 : l.length === 0 || l.length > 64)) return void 0;
  const joined = body.join("");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(joined) || joined.length % 4 !== 0) return void 0;
  const bytes = Buffer.from(joined, "base64");
  return bytes.toString("base64") === joined ? bytes : void 0;
}
function parseHeader(file) {
  const nl = (from) => file.indexOf(10, from);
  if (file.subarray(0, INTRO.length).toString("latin1") !== INTRO) return void 0;
  let pos = INTRO.length;
  const stanzas = [];
  for (; ; ) {
    const end = nl(pos);
    if (end === -1) return void 0;
    const line = file.subarray(pos, end).toString("latin1");
    if (line.startsWith("--- ")) {
      const mac = canonicalBase64(line.slice(4));
      if (!mac || mac.length !== 32) return void 0;
      return { stanzas, macInput: file.subarray(0, pos + 3), mac, payloadStart: end + 1 };
    }
    if (!line.startsWith("-> ")) return void 0;
    const args = line.slice(3).split(" ");
    pos = end + 1;
    const chunks = [];
    for (; ; ) {
      const e = nl(pos);
      if (e === -1) return void 0;
      const l = file.subarray(pos, e).toString("latin1");
      const bytes = l.length > 64 ? void 0 : canonicalBase64(l);
      if (!bytes) return void 0;
      chunks.push(bytes);
      pos = e + 1;
      if (l.length < 64) break;
    }
    stanzas.push({ args, body: Buffer.concat(chunks) });
  }
}
function ageDecryptNative(file, identities) {
  const h = parseHeader(file);
  if (!h) return void 0;
  if (h.stanzas.some((s) => s.args[0] !== "X25519")) return void 0;
  let fileKey = null;
  for (const id of identities) {
    try {
      fileKey = id.unwrapFileKey(h.stanzas);
    } catch {
      return null;
    }
    if (fileKey) break;
  }
  if (!fileKey) return null;
  const hmacKey = Buffer.from(hkdfSync("sha256", fileKey, Buffer.alloc(0), "header", 32));
  const mac = createHmac("sha256", hmacKey).update(h.macInput).digest();
  if (!timingSafeEqual(mac, h.mac)) return null;
  const nonce = file.subarray(h.payloadStart, h.payloadStart + 16);
  const payload = file.subarray(h.payloadStart + 16);
  if (nonce.length !== 16 || payload.length < 16 || payload.length > 64 * 1024 + 16) return void 0;
  const key2 = Buffer.from(hkdfSync("sha256", fileKey, nonce, "payload", 32));
  const chunkNonce = Buffer.alloc(12);
  chunkNonce[11] = 1;
  try {
    const d = createDecipheriv("chacha20-poly1305", key2, chunkNonce, { authTagLength: 16 });
    d.setAuthTag(payload.subarray(payload.length - 16));
    const out = Buffer.concat([d.update(payload.subarray(0, payload.length - 16)), d.final()]);
    return out;
  } catch {
    return null;
  }
}

// src/core/sops/bech32.ts
import { bech32 } from "@scure/base";
function bech32Decode(s) {
  try {
    const { prefix, words } = bech32.decode(s, false);
    return { prefix: prefix.toLowerCase(), bytes: bech32.fromWords(words) };
  } catch {
    return void 0;
  }
}
function bech32Encode(prefix, bytes) {
  return bech32.encode(prefix, bech32.toWords(bytes), false);
}

// src/core/sops/age.ts
var PKCS8_X25519 = Buffer.from("302e020100300506032b656e04220420", "hex");
var SPKI_X25519 = Buffer.from("302a300506032b656e032100", "hex");
var X25519_LABEL = Buffer.from("age-encryption.org/v1/X25519", "utf8");
var ZERO_NONCE = Buffer.alloc(12);
var NativeX25519Identity = class {
  recipient;
  priv;
  pub;
  constructor(scalar) {
    this.priv = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, scalar]), format: "der", type: "pkcs8" });
    this.pub = createPublicKey(this.priv).export({ format: "der", type: "spki" }).subarray(-32);
    this.recipient = bech32Encode("age", this.pub);
  }
  unwrapFileKey(stanzas) {
    for (const s of stanzas) {
      if (s.args[0] !== "X25519") continue;
      const shareB64 = s.args[1] ?? "";
      if (s.args.length !== 2 || !/^[A-Za-z0-9+/]{43}$/.test(shareB64)) throw new Error("invalid X25519 stanza");
      const share = canonicalBase64(shareB64);
      if (!share) throw new Error("invalid X25519 stanza");
      if (s.body.length !== 32) throw new Error("invalid X25519 stanza");
      const peer = createPublicKey({ key: Buffer.concat([SPKI_X25519, share]), format: "der", type: "spki" });
      const secret = diffieHellman({ privateKey: this.priv, publicKey: peer });
      if (secret.every((b) => b === 0)) throw new Error("invalid X25519 stanza");
      const key2 = Buffer.from(hkdfSync2("sha256", secret, Buffer.concat([share, this.pub]), X25519_LABEL, 32));
      try {
        const d = createDecipheriv2("chacha20-poly1305", key2, ZERO_NONCE, { authTagLength: 16 });
        d.setAuthTag(s.body.subarray(16));
        return Buffer.concat([d.update(s.body.subarray(0, 16)), d.final()]);
      } catch {
        continue;
      }
    }
    return null;
  }
};
async function parseIdentityLine(word, origin, lineNo) {
  if (word.startsWith("AGE-SECRET-KEY-PQ-1")) {
    const d = bech32Decode(word);
    if (!d || d.prefix !== "age-secret-key-pq-" || d.bytes.length !== 32)
      throw new MxopsError("MXOPS_INPUT", `${origin}: line ${lineNo} is not a valid age post-quantum identity`);
    return { recipient: await identityToRecipient(word), kind: "pq", identity: word };
  }
  if (word.startsWith("AGE-SECRET-KEY-1")) {
    const d = bech32Decode(word);
    if (!d || d.prefix !== "age-secret-key-" || d.bytes.length !== 32)
      throw new MxopsError("MXOPS_INPUT", `${origin}: line ${lineNo} is not a valid age identity`);
    const id = new NativeX25519Identity(d.bytes);
    return { recipient: id.recipient, kind: "x25519", identity: id };
  }
  if (word.startsWith("AGE-PLUGIN-"))
    throw new MxopsError("MXOPS_INPUT", `${origin}: line ${lineNo}: age plugin identities are not supported`);
  throw new MxopsError("MXOPS_INPUT", `${origin}: line ${lineNo} is not an age identity (unknown identity type)`);
}
async function loadAgeIdentities(sources, options2 = {}) {
  const list2 = [];
  for (const src of sources) {
    let text = src.text;
    const head = text.trimStart();
    if (head.startsWith("age-encryption.org/") || head.startsWith("-----BEGIN AGE ENCRYPTED FILE-----")) {
      if (options2.passphrase === void 0 || options2.passphrase === "") {
        throw new MxopsError(
          "MXOPS_INPUT",
          `${src.origin}: the age key file is passphrase-protected; set MXOPS_AGE_KEY_PASSPHRASE`
        );
      }
      options2.onSecret?.(options2.passphrase);
      try {
        const bytes = head.startsWith("-----BEGIN") ? armor.decode(text) : Buffer.from(text, "latin1");
        const d = new Decrypter();
        d.addPassphrase(options2.passphrase);
        text = await d.decrypt(bytes, "text");
      } catch {
        throw new MxopsError(
          "MXOPS_INPUT",
          `${src.origin}: cannot decrypt the passphrase-protected age key file (wrong passphrase or damaged file)`
        );
      }
    }
    if (/-----BEGIN (OPENSSH|RSA|EC) PRIVATE KEY-----/.test(text)) {
      throw new MxopsError(
        "MXOPS_INPUT",
        `${src.origin}: SSH private keys cannot be used as age identities by mxops (unsupported key type)`
      );
    }
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === "" || line.startsWith("#")) continue;
      const words = src.multiplePerLine ? line.split(/\s+/).filter((w) => w !== "") : [line.trim()];
      for (const w of words) {
        options2.onSecret?.(w);
        list2.push(await parseIdentityLine(w, src.origin, i + 1));
      }
    }
  }
  return { list: list2 };
}
function recipientKind(r) {
  if (r.startsWith("age1pq1")) return "pq";
  if (r.startsWith("age1") && r.split("1").length - 1 > 1) return "plugin";
  if (r.startsWith("age1")) return "x25519";
  if (r.startsWith("ssh-")) return "ssh";
  return "unknown";
}
async function ageDecrypt(enc, identities) {
  if (identities.length === 0) return void 0;
  const native = identities.filter((i) => i.identity instanceof NativeX25519Identity).map((i) => i.identity);
  if (native.length === identities.length) {
    const file = typeof enc === "string" ? dearmor(enc) : Buffer.from(enc);
    if (file) {
      const r = ageDecryptNative(file, native);
      if (r !== void 0) return r ?? void 0;
    }
  }
  try {
    const bytes = typeof enc === "string" ? armor.decode(enc) : enc;
    const d = new Decrypter();
    for (const id of identities) d.addIdentity(id.identity);
    return await d.decrypt(bytes);
  } catch {
    return void 0;
  }
}

// src/core/sops/engine.ts
import { createHash } from "node:crypto";

// src/core/sops/value.ts
import { createCipheriv, createDecipheriv as createDecipheriv3, randomBytes } from "node:crypto";
var B64 = "[A-Za-z0-9+/]*={0,2}";
var ENC_RE = new RegExp(
  `^ENC\\[AES256_GCM,data:(${B64}),iv:(${B64}),tag:(${B64}),type:(str|int|float|bytes|bool|time|comment)\\]$`
);
function looksEncrypted(s) {
  return s.startsWith("ENC[");
}
function parseEnc(s) {
  const m = ENC_RE.exec(s);
  if (!m) return void 0;
  const [, data2 = "", iv = "", tag2 = "", type = "str"] = m;
  if (data2.length === 0 || iv.length === 0 || data2.length % 4 !== 0 || iv.length % 4 !== 0 || tag2.length % 4 !== 0)
    return void 0;
  const out = {
    data: Buffer.from(data2, "base64"),
    iv: Buffer.from(iv, "base64"),
    tag: Buffer.from(tag2, "base64"),
    type
  };
  if (out.tag.length !== 16 || out.iv.length === 0) return void 0;
  return out;
}
function decryptEnc(s, key2, aad) {
  const enc = parseEnc(s);
  if (!enc) return "malformed";
  let bytes;
  try {
    const d = createDecipheriv3("aes-256-gcm", key2, enc.iv);
    d.setAAD(Buffer.from(aad, "utf8"));
    d.setAuthTag(enc.tag);
    bytes = Buffer.concat([d.update(enc.data), d.final()]);
  } catch {
    return "auth";
  }
  const text = bytes.toString("utf8");
  switch (enc.type) {
    case "str":
    case "comment":
      return { value: text, type: enc.type, macBytes: bytes };
    case "bytes":
      return { value: bytes, type: "bytes", macBytes: bytes };
    case "int": {
      if (!/^[+-]?[0-9]+$/.test(text)) return "type";
      const n = BigInt(text);
      if (n > 9223372036854775807n || n < -9223372036854775808n) return "type";
      return { value: n, type: "int", macBytes: Buffer.from(n.toString(), "utf8") };
    }
    case "float": {
      const f = parseGoFloat(text);
      if (f === void 0) return "type";
      return { value: f, type: "float", macBytes: Buffer.from(goFormatFloat(f), "utf8") };
    }
    case "bool": {
      const b = parseGoBool(text);
      if (b === void 0) return "type";
      return { value: b, type: "bool", macBytes: Buffer.from(b ? "True" : "False", "utf8") };
    }
    case "time": {
      const t = parseRfc3339(text);
      if (!t) return "type";
      return { value: new Date(t.ms), type: "time", macBytes: Buffer.from(t.nano, "utf8") };
    }
  }
}
function parseGoBool(s) {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return void 0;
}
function parseGoFloat(s) {
  const t = s.replace(/_/g, "");
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return void 0;
  return Number(t);
}
function goFormatFloat(f) {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (Object.is(f, -0)) return "-0";
  const s = String(f);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = "", int = "", frac = "", expS = "0"] = m;
  const digits = int + frac;
  const point = int.length + Number(expS);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
var RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function parseRfc3339(s) {
  const m = RFC3339.exec(s);
  if (!m) return void 0;
  const [, y, mo, d, h, mi, se, frac = "", zone = "Z"] = m;
  const Y = Number(y), M = Number(mo), D = Number(d), H = Number(h), MI = Number(mi), S = Number(se);
  const dim = new Date(Date.UTC(Y, M, 0)).getUTCDate();
  if (M < 1 || M > 12 || D < 1 || D > dim || H > 23 || MI > 59 || S > 59) return void 0;
  let off = 0;
  let zoneOut = "Z";
  if (zone !== "Z") {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return void 0;
    off = (zone.startsWith("-") ? -1 : 1) * (zh * 60 + zm);
    if (off !== 0) zoneOut = zone;
  }
  const ms = Date.UTC(Y, M - 1, D, H, MI, S) - off * 6e4 + Math.floor(Number(`0${frac || ".0"}`) * 1e3);
  const base = `${y}-${mo}-${d}T${h}:${mi}:${se}`;
  const fracOut = frac.replace(/0+$/, "");
  return { ms, seconds: `${base}${zoneOut}`, nano: `${base}${fracOut === "." ? "" : fracOut}${zoneOut}` };
}

// src/core/sops/metadata.ts
var CRYPT_RULE_KEYS = [
  "unencrypted_suffix",
  "encrypted_suffix",
  "unencrypted_regex",
  "encrypted_regex",
  "unencrypted_comment_regex",
  "encrypted_comment_regex"
];
var KEY_TYPES = ["age", "pgp", "kms", "gcp_kms", "azure_kv", "hc_vault", "hckms"];
var KNOWN = /* @__PURE__ */ new Set([
  ...KEY_TYPES,
  ...CRYPT_RULE_KEYS,
  "key_groups",
  "shamir_threshold",
  "lastmodified",
  "mac",
  "mac_only_encrypted",
  "version"
]);
var ID_FIELD = {
  kms: ["arn"],
  gcp_kms: ["resource_id"],
  azure_kv: ["vault_url", "name", "version"],
  hc_vault: ["vault_address", "engine_path", "key_name"],
  hckms: ["key_id"]
};
function isMap3(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
function weakString(v) {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (v === null || v === void 0) return "";
  return void 0;
}
function weakBool(v) {
  if (v === void 0 || v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number" || typeof v === "bigint") return Number(v) !== 0;
  if (typeof v === "string") {
    if (v === "") return false;
    if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
    if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  }
  return void 0;
}
function parseGroup(src, where, problems) {
  const group = [];
  for (const type of KEY_TYPES) {
    const list2 = src[type];
    if (list2 === void 0 || list2 === null) continue;
    if (!Array.isArray(list2)) {
      problems.push({ rule: "metadata-invalid", message: `${where}${type} must be a list`, key: type });
      continue;
    }
    list2.forEach((entry, i) => {
      const at4 = `${where}${type}[${i}]`;
      if (!isMap3(entry)) {
        problems.push({ rule: "metadata-invalid", message: `${at4} must be a mapping`, key: type });
        return;
      }
      const enc = weakString(entry.enc);
      if (enc === void 0)
        problems.push({ rule: "metadata-invalid", message: `${at4}.enc must be a string`, key: type });
      if (type !== "age") {
        const created = weakString(entry.created_at) ?? "";
        if (!parseRfc3339(created))
          problems.push({ rule: "metadata-invalid", message: `${at4}.created_at is not an RFC 3339 time`, key: type });
      }
      if (type === "age") {
        const recipient = weakString(entry.recipient);
        if (recipient === void 0)
          problems.push({ rule: "metadata-invalid", message: `${at4}.recipient must be a string`, key: type });
        group.push({ type, recipient: (recipient ?? "").trim(), enc: enc ?? "" });
      } else if (type === "pgp") {
        group.push({ type, fp: (weakString(entry.fp) ?? "").replace(/\s+/g, "").toUpperCase(), enc: enc ?? "" });
      } else {
        const id = (ID_FIELD[type] ?? []).map((f) => weakString(entry[f]) ?? "").join("/");
        group.push({ type, id });
      }
    });
  }
  return group;
}
function parseMetadata(raw) {
  const problems = [];
  const m = isMap3(raw) ? raw : {};
  if (!isMap3(raw)) problems.push({ rule: "metadata-invalid", message: "the sops metadata is not a mapping" });
  for (const k of Object.keys(m)) {
    if (!KNOWN.has(k))
      problems.push({ rule: "metadata-invalid", message: `unknown sops metadata key ${JSON.stringify(k)}`, key: k });
  }
  const meta = {
    crypt: { key: "unencrypted_suffix", value: "_unencrypted", isDefault: true },
    cryptRules: [],
    macOnlyEncrypted: false,
    groups: [],
    shamirThreshold: 0
  };
  const lm = weakString(m.lastmodified);
  if (lm === void 0 || lm === "") {
    problems.push({ rule: "lastmodified-invalid", message: "sops.lastmodified is missing", key: "lastmodified" });
  } else {
    meta.lastModified = lm;
    const t = parseRfc3339(lm);
    if (!t)
      problems.push({
        rule: "lastmodified-invalid",
        message: "sops.lastmodified is not an RFC 3339 time, so sops refuses the file",
        key: "lastmodified"
      });
    else meta.macAad = t.seconds;
  }
  const mac = weakString(m.mac);
  if (mac === void 0 || mac === "")
    problems.push({
      rule: "metadata-missing-mac",
      message: "sops.mac is missing: the file has no integrity protection",
      key: "mac"
    });
  else meta.mac = mac;
  for (const key2 of CRYPT_RULE_KEYS) {
    const v = weakString(m[key2]);
    if (v === void 0) problems.push({ rule: "metadata-invalid", message: `sops.${key2} must be a string`, key: key2 });
    else if (v !== "") {
      meta.cryptRules.push({ key: key2, value: v, isDefault: false });
      if (key2.endsWith("regex") && !re2(v))
        problems.push({ rule: "metadata-invalid", message: `sops.${key2} is not a valid RE2 regular expression`, key: key2 });
    }
  }
  if (meta.cryptRules.length > 1) {
    problems.push({
      rule: "multiple-crypt-rules",
      message: `more than one crypt rule (${meta.cryptRules.map((r) => r.key).join(", ")}); sops refuses such a file`,
      key: meta.cryptRules[1].key
    });
  }
  if (meta.cryptRules.length >= 1) meta.crypt = meta.cryptRules[0];
  const mo = weakBool(m.mac_only_encrypted);
  if (mo === void 0)
    problems.push({
      rule: "metadata-invalid",
      message: "sops.mac_only_encrypted must be a boolean",
      key: "mac_only_encrypted"
    });
  else meta.macOnlyEncrypted = mo;
  const st = m.shamir_threshold;
  if (st !== void 0 && st !== null) {
    const n = Number(st);
    if (!Number.isInteger(n) || n < 0)
      problems.push({
        rule: "metadata-invalid",
        message: "sops.shamir_threshold must be a non-negative integer",
        key: "shamir_threshold"
      });
    else meta.shamirThreshold = n;
  }
  const version = weakString(m.version);
  if (version) meta.version = version;
  const top = parseGroup(m, "sops.", problems);
  if (top.length > 0) meta.groups = [top];
  else if (m.key_groups !== void 0 && m.key_groups !== null) {
    if (!Array.isArray(m.key_groups))
      problems.push({ rule: "metadata-invalid", message: "sops.key_groups must be a list", key: "key_groups" });
    else {
      m.key_groups.forEach((g, i) => {
        if (!isMap3(g))
          problems.push({
            rule: "metadata-invalid",
            message: `sops.key_groups[${i}] must be a mapping`,
            key: "key_groups"
          });
        else meta.groups.push(parseGroup(g, `sops.key_groups[${i}].`, problems));
      });
    }
  }
  if (meta.groups.length === 0 || meta.groups.every((g) => g.length === 0)) {
    problems.push({ rule: "no-key-groups", message: "the sops metadata has no keys: nobody can decrypt this file" });
  }
  return { metadata: meta, problems };
}
function keySourceId(k) {
  switch (k.type) {
    case "age":
      return `age:${k.recipient}`;
    case "pgp":
      return `pgp:${k.fp}`;
    default:
      return `${k.type}:${k.id}`;
  }
}

// src/core/sops/tree.ts
function formatForPath(file) {
  const lower = file.toLowerCase();
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".env")) return "dotenv";
  if (lower.endsWith(".ini")) return "ini";
  return "binary";
}
function positionIndex(text) {
  let starts;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

// src/core/sops/stores/dotenv.ts
function tokenize(key2) {
  const out = [];
  const re = /__(map|list)_/g;
  let last = 0;
  let kind = "first";
  let m;
  const push = (s) => {
    if (kind === "list") out.push({ list: Number.parseInt(s, 10) });
    else out.push({ map: s });
  };
  while ((m = re.exec(key2)) !== null) {
    push(key2.slice(last, m.index));
    kind = m[1] === "map" ? "map" : "list";
    last = m.index + m[0].length;
  }
  push(key2.slice(last));
  return out;
}
function unflatten(entries) {
  const root = {};
  for (const [key2, value] of entries) {
    const toks = tokenize(key2);
    let cur = root;
    toks.forEach((t, i) => {
      if (typeof cur !== "object" || cur === null) return;
      const last = i === toks.length - 1;
      const k = "map" in t ? t.map : t.list;
      const next = toks[i + 1];
      const slot = getOwn(cur, k);
      const put = (v) => Array.isArray(cur) && typeof k === "number" ? cur[k] = v : setOwn(cur, String(k), v);
      if (last) put(value);
      else {
        const child = slot ?? (next && "list" in next ? [] : {});
        put(child);
        cur = child;
      }
    });
  }
  return root;
}
function dotenvEnvelope(text) {
  const leaves = [];
  const errors = [];
  const meta = [];
  const env = { format: "dotenv", leaves, pos: positionIndex(text), errors };
  let offset = 0;
  let pending = [];
  for (const line of text.split("\n")) {
    const at4 = offset;
    offset += line.length + 1;
    if (line.length === 0) continue;
    if (line.startsWith("#")) {
      pending.push(line.slice(1));
      leaves.push({
        doc: 0,
        path: [],
        keyPath: [],
        kind: "comment",
        value: line.slice(1),
        offset: at4,
        comments: [[...pending]]
      });
      continue;
    }
    const eq = line.indexOf("=");
    if (eq === -1) {
      errors.push({ message: "invalid dotenv line (no '=')", offset: at4 });
      continue;
    }
    const key2 = line.slice(0, eq);
    const value = line.slice(eq + 1).split("\\n").join("\n");
    if (key2.startsWith("sops_")) {
      meta.push([key2.slice(5), value]);
      if (env.metadataOffset === void 0) env.metadataOffset = at4;
      continue;
    }
    leaves.push({
      doc: 0,
      path: [key2],
      keyPath: [key2],
      kind: "str",
      value,
      offset: at4 + eq + 1,
      comments: [[...pending]]
    });
    pending = [];
  }
  if (meta.length > 0) env.metadata = unflatten(meta);
  return env;
}

// src/core/sops/stores/yaml.ts
import {
  Document,
  isAlias as isAlias2,
  isMap as isMap4,
  isPair as isPair3,
  isScalar as isScalar5,
  isSeq as isSeq2,
  parseAllDocuments as parseAllDocuments2,
  YAMLParseError as YAMLParseError2
} from "yaml";
var MAX_NODES = 1e6;
var SOPS_YAML_OPTIONS = {
  intAsBigInt: true,
  // Duplicate keys are marked by markDuplicateKeys (linear); the parser's own check is quadratic.
  uniqueKeys: false,
  strict: true,
  logLevel: "silent",
  prettyErrors: false
};
function parseSopsYamlDocs(text) {
  const deep = nestingTooDeepAt(text);
  if (deep >= 0) {
    const doc = new Document();
    const code = "NESTING_TOO_DEEP";
    doc.errors.push(new YAMLParseError2([deep, deep + 1], code, `nesting deeper than ${MAX_NESTING} levels`));
    return [doc];
  }
  const d = parseAllDocuments2(text, SOPS_YAML_OPTIONS);
  const docs = Array.isArray(d) ? d : [d];
  for (const doc of docs) {
    markDuplicateKeys(doc);
    if (text.includes("*") && doc.errors.length === 0 && aliasBomb(doc)) {
      const at4 = doc.contents?.range?.[0] ?? 0;
      doc.errors.push(new YAMLParseError2([at4, at4 + 1], "RESOURCE_EXHAUSTION", "alias expansion over the limit"));
    }
  }
  return docs;
}
function commentLines(c) {
  if (!c) return [];
  return c.split("\n").filter((l) => l !== "");
}
function scalarKind(v) {
  if (v === null || v === void 0) return "null";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "boolean") return "bool";
  return "str";
}
function pushComments(w, lines, path21, keyPath, stack, offset) {
  for (const l of lines)
    w.out.push({ doc: w.docIndex, path: path21, keyPath, kind: "comment", value: l, offset, comments: stack });
}
function walk3(w, node, path21, keyPath, stack, top = false, seed = []) {
  if (++w.nodes > MAX_NODES) throw new Error("too many nodes (alias expansion)");
  if (isAlias2(node)) {
    walk3(w, node.resolve(w.doc), path21, keyPath, stack);
    return;
  }
  if (isMap4(node) || isSeq2(node)) {
    const level = [];
    for (const c of seed) {
      level.push(c);
      pushComments(w, [c], path21, keyPath, [...stack, [...level]], node.range?.[0] ?? 0);
    }
    const isM = isMap4(node);
    node.items.forEach((item, i) => {
      let key2 = i;
      let value = item;
      let keyNode = null;
      if (isM) {
        if (!isPair3(item)) return;
        keyNode = item.key;
        key2 = isScalar5(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : "";
        if (top && key2 === "sops") return;
        value = item.value;
      }
      const at4 = (isScalar5(value) || isAlias2(value) ? value.range?.[0] : void 0) ?? keyNode?.range?.[0] ?? value?.range?.[0] ?? 0;
      const pending = commentLines(keyNode?.commentBefore);
      if (isScalar5(value) || isAlias2(value) || value === null) {
        pending.push(
          ...commentLines(value?.commentBefore),
          ...commentLines(value?.comment)
        );
      }
      for (const c of pending) {
        level.push(c);
        pushComments(w, [c], path21, keyPath, [...stack, [...level]], keyNode?.range?.[0] ?? at4);
      }
      const childPath = isM ? [...path21, key2] : path21;
      const childKeyPath = [...keyPath, key2];
      const snapshot = [...stack, [...level]];
      if (value === null || value === void 0) {
      } else if (isScalar5(value)) {
        const v = value.value;
        w.out.push({
          doc: w.docIndex,
          path: childPath,
          keyPath: childKeyPath,
          kind: scalarKind(v),
          value: v,
          offset: at4,
          comments: snapshot
        });
      } else {
        walk3(w, value, childPath, childKeyPath, snapshot, false, commentLines(value.commentBefore));
        pushComments(w, commentLines(value.comment), path21, keyPath, snapshot, at4);
      }
      level.length = 0;
    });
    return;
  }
  if (isScalar5(node)) {
    const v = node.value;
    w.out.push({
      doc: w.docIndex,
      path: path21,
      keyPath,
      kind: scalarKind(v),
      value: v,
      offset: node.range?.[0] ?? 0,
      comments: stack
    });
  }
}
function yamlEnvelope(text, docs) {
  const out = [];
  const errors = [];
  const env = { format: "yaml", leaves: out, pos: positionIndex(text), errors };
  docs.forEach((doc, docIndex) => {
    for (const e of doc.errors) errors.push({ message: yamlErrorMessage(e.code), offset: e.pos[0] });
    if (doc.errors.length > 0) return;
    const w = { doc, docIndex, out, nodes: 0 };
    const contents = doc.contents;
    const top = [commentLines(doc.commentBefore)];
    if (contents === null || isScalar5(contents) && contents.value === null) return;
    if (!isMap4(contents)) {
      errors.push({
        message: "a YAML document that is not a mapping cannot be a sops file",
        offset: contents.range?.[0] ?? 0
      });
      return;
    }
    if (docIndex === 0) {
      const p = contents.items.find((it) => isPair3(it) && isScalar5(it.key) && it.key.value === "sops");
      if (p) {
        env.metadata = p.value === null ? null : isAlias2(p.value) ? p.value.resolve(doc)?.toJSON() : p.value.toJSON();
        env.metadataOffset = p.key.range?.[0] ?? 0;
      }
    }
    try {
      walk3(w, contents, [], [], [], true, [...top[0], ...commentLines(contents.commentBefore)]);
    } catch (e) {
      errors.push({ message: e instanceof Error ? e.message : String(e), offset: 0 });
    }
    pushComments(w, commentLines(contents.comment), [], [], top, contents.range?.[1] ?? 0);
    pushComments(w, commentLines(doc.comment), [], [], top, contents.range?.[1] ?? 0);
  });
  return env;
}

// src/core/sops/engine.ts
var MAC_ONLY_ENCRYPTED_INIT = Buffer.from(
  "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69",
  "hex"
);
function loadEnvelope(text, format, docs) {
  if (format === "dotenv") return dotenvEnvelope(text);
  if (format === "ini") {
    const env2 = yamlEnvelope("", []);
    env2.format = "ini";
    env2.errors.push({ message: "the INI store is not supported by mxops", offset: 0 });
    return env2;
  }
  const env = yamlEnvelope(text, docs ?? parseSopsYamlDocs(text));
  env.format = format;
  return env;
}
function checkLeaves(env, meta) {
  const out = { plaintext: [], malformed: [], plaintextComments: [] };
  for (const leaf of env.leaves) {
    if (leaf.kind === "null") continue;
    const isComment = leaf.kind === "comment";
    if (!shouldBeEncrypted(meta, leaf.path, leaf.comments, isComment)) continue;
    if (leaf.kind === "str" || isComment) {
      const s = leaf.value;
      if (s === "") continue;
      if (parseEnc(s) && (isComment || !s.endsWith("type:comment]"))) continue;
      if (looksEncrypted(s)) out.malformed.push(leaf);
      else if (isComment) out.plaintextComments.push(leaf);
      else out.plaintext.push(leaf);
    } else {
      out.plaintext.push(leaf);
    }
  }
  return out;
}
function rawBytes(leaf) {
  const v = leaf.value;
  if (typeof v === "string") return Buffer.from(v, "utf8");
  if (typeof v === "bigint") return Buffer.from(v.toString(), "utf8");
  if (typeof v === "number") return Buffer.from(goFormatFloat(v), "utf8");
  if (typeof v === "boolean") return Buffer.from(v ? "True" : "False", "utf8");
  return Buffer.alloc(0);
}
function verifyWithKey(env, meta, key2) {
  const result = { status: "ok", corrupt: [], plain: /* @__PURE__ */ new Map() };
  const hash = createHash("sha512");
  if (meta.macOnlyEncrypted) hash.update(MAC_ONLY_ENCRYPTED_INIT);
  let complete = true;
  for (const leaf of env.leaves) {
    if (leaf.kind === "null") continue;
    const isComment = leaf.kind === "comment";
    const encrypted = shouldBeEncrypted(meta, leaf.path, leaf.comments, isComment);
    let bytes;
    if (encrypted) {
      const s = leaf.value;
      if (typeof s !== "string") {
        complete = false;
        continue;
      }
      if (s === "") bytes = Buffer.alloc(0);
      else {
        const p = decryptEnc(s, key2, `${leaf.path.join(":")}:`);
        if (typeof p === "string") {
          if (isComment) continue;
          if (looksEncrypted(s)) result.corrupt.push(leaf);
          complete = false;
          continue;
        }
        result.plain.set(leaf, p);
        bytes = p.macBytes;
      }
    } else bytes = rawBytes(leaf);
    if (isComment) continue;
    if (!meta.macOnlyEncrypted || encrypted) hash.update(bytes);
  }
  if (!complete) {
    result.status = "incomplete";
    return result;
  }
  if (!meta.mac) {
    result.status = "no-mac";
    result.computed = hash.digest("hex").toUpperCase();
    return result;
  }
  const computed = hash.digest("hex").toUpperCase();
  result.computed = computed;
  const stored = meta.macAad === void 0 ? "auth" : decryptEnc(meta.mac, key2, meta.macAad);
  if (typeof stored === "string") result.status = "mac-undecryptable";
  else if (typeof stored.value !== "string" || stored.value !== computed) result.status = "mismatch";
  return result;
}
function envelopeMetadata(env) {
  if (env.metadata === void 0) return { problems: [] };
  return parseMetadata(env.metadata);
}

// src/core/sops/shamir.ts
import { combine } from "shamir-secret-sharing";
async function shamirCombine(parts) {
  try {
    return await combine(parts.map((p) => Uint8Array.from(p)));
  } catch {
    return void 0;
  }
}

// src/core/sops/keys.ts
function classify(group) {
  const age = group.filter((k) => k.type === "age");
  if (age.length === 0) return "no-usable-key";
  if (age.every((k) => ["ssh", "plugin", "unknown"].includes(recipientKind(k.recipient))))
    return "unsupported-recipient";
  return "no-matching-identity";
}
async function unwrapGroup(group, ids) {
  const age = group.filter((k) => k.type === "age");
  for (const k of age) {
    const match = ids.list.filter((i) => i.recipient === k.recipient);
    if (match.length === 0) continue;
    const part = await ageDecrypt(k.enc, match);
    if (part) return part;
  }
  const others = ids.list;
  for (const k of age) {
    if (ids.list.some((i) => i.recipient === k.recipient)) continue;
    const part = await ageDecrypt(k.enc, others);
    if (part) return part;
  }
  return void 0;
}
async function unwrapDataKey(meta, ids) {
  const parts = [];
  const failures = [];
  for (const g of meta.groups) {
    const part = await unwrapGroup(g, ids);
    if (part) parts.push(part);
    else failures.push(classify(g));
  }
  const worst2 = () => failures.includes("no-matching-identity") ? "no-matching-identity" : failures.includes("unsupported-recipient") ? "unsupported-recipient" : "no-usable-key";
  if (meta.groups.length <= 1) {
    const p = parts[0];
    if (p && p.length === 32) return { ok: true, key: Buffer.from(p) };
    const reason = failures.length > 0 ? worst2() : "no-usable-key";
    return { ok: false, reason, message: messageFor(reason) };
  }
  const threshold = meta.shamirThreshold > 0 ? meta.shamirThreshold : meta.groups.length;
  if (parts.length < threshold) {
    const reason = parts.length === 0 ? worst2() : "shamir-failed";
    return {
      ok: false,
      reason,
      message: `${parts.length} of ${meta.groups.length} key groups opened, ${threshold} needed (Shamir threshold); ${messageFor(worst2())}`
    };
  }
  const key2 = await shamirCombine(parts.slice(0, Math.max(threshold, 2)));
  if (!key2 || key2.length !== 32)
    return {
      ok: false,
      reason: "shamir-failed",
      message: "the Shamir parts of the key groups do not combine into a data key"
    };
  return { ok: true, key: Buffer.from(key2) };
}
function messageFor(reason) {
  switch (reason) {
    case "no-usable-key":
      return "the file has no age recipient (only PGP/KMS/Vault keys), so mxops has no usable key for it";
    case "unsupported-recipient":
      return "the file's age recipients are of a type mxops cannot decrypt (ssh-ed25519/ssh-rsa or an age plugin)";
    case "no-matching-identity":
      return "none of the given age identities matches a recipient of the file";
    case "shamir-failed":
      return "the Shamir key groups could not be combined";
  }
}

// src/core/sops/decrypt.ts
function plainValue(p) {
  const v = p.value;
  if (typeof v === "bigint")
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Buffer.isBuffer(v)) return v.toString("utf8");
  if (v instanceof Date) return p.macBytes.toString("utf8");
  return v;
}
function normalise(v) {
  if (typeof v === "bigint")
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === "object" && !(v instanceof Date)) {
    const o = {};
    for (const [k, x] of Object.entries(v)) setOwn(o, k, normalise(x));
    return o;
  }
  return v;
}
function setAt(root, path21, value) {
  let cur = root;
  for (let i = 0; i < path21.length - 1; i++) cur = getOwn(cur, path21[i]);
  if (cur && typeof cur === "object" && path21.length > 0) setOwn(cur, String(path21[path21.length - 1]), value);
}
function buildDocs(env, docs, plain) {
  if (env.format === "dotenv") {
    const o = {};
    for (const l of env.leaves)
      if (l.kind !== "comment") setOwn(o, String(l.path[0]), plain.has(l) ? plainValue(plain.get(l)) : l.value);
    return [o];
  }
  const out = (docs ?? []).map((d) => {
    const js = normalise(d.toJS({ maxAliasCount: 1e3 }));
    if (js && typeof js === "object") delete js.sops;
    return js;
  });
  for (const [leaf, p] of plain) {
    const l = leaf;
    if (l.kind === "comment") continue;
    setAt(out[l.doc], l.keyPath, plainValue(p));
  }
  return out;
}
async function decryptSopsFile(text, format, identities, options2 = {}) {
  let docs = options2.docs;
  if (!docs && (format === "yaml" || format === "json" || format === "binary")) docs = parseSopsYamlDocs(text);
  const env = loadEnvelope(text, format, docs);
  if (env.errors.length > 0)
    return { ok: false, reason: "parse-error", message: `cannot parse the file: ${env.errors[0].message}` };
  const { metadata, problems } = envelopeMetadata(env);
  if (!metadata) return { ok: false, reason: "not-encrypted", message: "the file has no sops metadata" };
  const fatal = problems.find((p) => p.rule !== "metadata-invalid" || !p.message.startsWith("unknown"));
  if (fatal) return { ok: false, reason: "metadata-invalid", message: fatal.message };
  let key2 = options2.dataKey;
  if (!key2) {
    const r = await unwrapDataKey(metadata, identities ?? { list: [] });
    if (!r.ok) return { ok: false, reason: r.reason, message: r.message };
    key2 = r.key;
  }
  const v = verifyWithKey(env, metadata, key2);
  if (v.corrupt.length > 0)
    return {
      ok: false,
      reason: "value-corrupt",
      message: `${v.corrupt.length} value(s) do not decrypt with the file's data key`
    };
  if (v.status === "incomplete")
    return { ok: false, reason: "plaintext-value", message: "a value that must be encrypted is in plaintext" };
  if (v.status !== "ok")
    return {
      ok: false,
      reason: "mac-mismatch",
      message: v.status === "no-mac" ? "the file has no MAC" : "the MAC does not match the file's content"
    };
  return { ok: true, docs: buildDocs(env, docs, v.plain) };
}
function decryptSopsYaml(text, identities, options2 = {}) {
  return decryptSopsFile(text, "yaml", identities, options2);
}

// src/core/secret-values.ts
var SECRET_KEY = /(secret|passw|token|private|credential|passphrase|macaroon|signing|api[_-]?key|(^|[_.-])key$|[a-z]Key$|^key$|dsn$|webhook)/i;
var REFERENCE_KEY2 = /(^existing|secret_?name$|secret_?key$|secret_?ref$|^secret$|[a-z]Secret$|config_?secret)/i;
var RESOURCE_NAME = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?|[A-Za-z_][A-Za-z0-9_.-]{0,252})$/;
var STRUCTURAL = /* @__PURE__ */ new Set(["metadata", "apiVersion", "kind", "type", "sops"]);
var MIN_KEYED = 6;
function looksGenerated(v) {
  const t = v.trim();
  if (t.length < 20 || /\s/.test(t) || /^https?:\/\//i.test(t)) return false;
  if (/^[0-9A-HJKMNP-TV-Z]{26}$/.test(t)) return false;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(t)) return false;
  return /[A-Za-z]/.test(t) && /\d/.test(t);
}
function isRecord3(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function keyed(v) {
  const t = v.trim();
  return t.length >= MIN_KEYED && !/^(true|false|null|yes|no|on|off)$/i.test(t);
}
function registerUnparsed(text, w) {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:-\s+)?["']?([^:"'#]+?)["']?\s*:\s*(.*)$/.exec(line);
    if (m && SECRET_KEY.test(m[1])) {
      const value = m[2].replace(/^[|>][-+0-9]*\s*/, "").replace(/^(["'])(.*)\1$/, "$2");
      if (keyed(value)) w.add(value.trim());
    }
    for (const token of line.split(/[\s"'`,{}[\]]+/)) if (looksGenerated(token)) w.add(token);
  }
}
function walk4(v, w, path21, secretKey, secretData) {
  if (w.depth > 64) return;
  const key2 = path21[path21.length - 1];
  if (typeof v === "string") {
    if (v.includes("\n")) {
      const parsed = parseYaml(v);
      const doc = parsed.docs.length === 1 && parsed.problems.length === 0 ? parsed.docs[0] : void 0;
      const js = doc ? toJS(doc) : void 0;
      if (js && "value" in js && typeof js.value === "object" && js.value !== null) {
        w.depth++;
        walk4(js.value, w, [], false, false);
        w.depth--;
        return;
      }
      if (secretKey || secretData && !/^\s*[\w.-]+:(\s|$)/m.test(v)) w.add(v);
      else registerUnparsed(v, w);
      return;
    }
    const reference = typeof key2 === "string" && REFERENCE_KEY2.test(key2) && RESOURCE_NAME.test(v.trim());
    if ((secretKey || secretData) && keyed(v) && !reference || looksGenerated(v)) w.add(v.trim());
    return;
  }
  if (typeof v === "number" || typeof v === "bigint") {
    if ((secretKey || secretData) && String(v).length >= MIN_KEYED) w.add(String(v));
    return;
  }
  w.depth++;
  if (Array.isArray(v)) v.forEach((x, i) => walk4(x, w, [...path21, i], secretKey, secretData));
  else if (isRecord3(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (path21.length === 0 && STRUCTURAL.has(k)) continue;
      walk4(x, w, [...path21, k], secretKey || SECRET_KEY.test(k), false);
    }
  }
  w.depth--;
}
function registerDecrypted(body, add, options2 = {}) {
  const w = { add, depth: 0 };
  if (!isRecord3(body)) return walk4(body, w, [], false, false);
  for (const [k, x] of Object.entries(body)) {
    if (STRUCTURAL.has(k)) continue;
    const dataMap = options2.secretData === true && (k === "data" || k === "stringData") && isRecord3(x);
    if (dataMap) {
      w.depth++;
      for (const [dk, dv] of Object.entries(x)) walk4(dv, w, [k, dk], SECRET_KEY.test(dk), true);
      w.depth--;
    } else walk4(x, w, [k], SECRET_KEY.test(k), false);
  }
}

// src/tasks/verify-config/flux/decrypt.ts
async function decryptSecrets(repo, options2, addSecret, findings) {
  const out = /* @__PURE__ */ new Map();
  const targets = repo.manifests.filter((m) => m.kind === "Secret" && "sops" in m.body);
  if (!options2.ageKeys || options2.ageKeys.length === 0 || targets.length === 0) return out;
  const loadOpts = { onSecret: addSecret };
  if (options2.agePassphrase !== void 0) loadOpts.passphrase = options2.agePassphrase;
  const identities = await loadAgeIdentities(options2.ageKeys, loadOpts);
  const byFile = /* @__PURE__ */ new Map();
  for (const m of targets) byFile.set(m.file, [...byFile.get(m.file) ?? [], m]);
  for (const [file, ms] of byFile) {
    const lf = repo.files.find((f) => f.rel === file);
    if (!lf) continue;
    try {
      const r = await decryptSopsYaml(lf.view.text, identities);
      if (!r.ok) {
        findings.push({
          ruleId: "flux/values-decrypt-failed",
          severity: "warning",
          message: `cannot decrypt with the given age identities (${r.reason}): ${r.message}; its values are not checked`,
          file,
          hint: "Run `mxops sops-check` on this file for details."
        });
        continue;
      }
      for (const m of ms) {
        const body = r.docs[m.docIndex];
        if (!isRecord2(body)) continue;
        registerDecrypted(body, addSecret, { secretData: true });
        out.set(m, body);
      }
    } catch (e) {
      findings.push({
        ruleId: "flux/values-decrypt-failed",
        severity: "warning",
        message: `cannot decrypt: ${describeError(e)}`,
        file
      });
    }
  }
  return out;
}

// src/tasks/verify-config/flux/providers.ts
import path6 from "node:path/posix";
var EXTERNAL_SECRET_KINDS = /* @__PURE__ */ new Set([
  "ExternalSecret",
  "SealedSecret",
  "OnePasswordItem",
  "InfisicalSecret",
  "BitwardenSecret",
  "VaultStaticSecret"
]);
function externalTargetName(m) {
  const spec = isRecord2(m.body.spec) ? m.body.spec : {};
  if (m.kind === "ExternalSecret" && isRecord2(spec.target) && typeof spec.target.name === "string")
    return spec.target.name;
  if (m.kind === "VaultStaticSecret" && isRecord2(spec.destination) && typeof spec.destination.name === "string")
    return spec.destination.name;
  if (m.kind === "SealedSecret" && isRecord2(spec.template) && isRecord2(spec.template.metadata) && typeof spec.template.metadata.name === "string")
    return spec.template.metadata.name;
  return m.name;
}
function fromBase64(v) {
  const clean = v.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return void 0;
  return Buffer.from(clean, "base64").toString("utf8");
}
function lazyAt(compute) {
  let cached;
  const entry = {};
  Object.defineProperty(entry, "at", {
    enumerable: true,
    configurable: true,
    get: () => cached ??= compute(),
    set: (v) => cached = v
  });
  return entry;
}
function manifestEntries(m, view, body = m.body) {
  const entries = /* @__PURE__ */ new Map();
  const add = (field, base64) => {
    const d = body[field];
    if (!isRecord2(d)) return;
    for (const [k, v] of Object.entries(d)) {
      const entry = lazyAt(() => m.locate([field, k]) ?? { file: m.file });
      const text = (
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a non-string YAML scalar (number, boolean) counts as written
        typeof v === "string" ? base64 ? fromBase64(v) : v : v === null || v === void 0 ? "" : String(v)
      );
      if (text !== void 0) entry.text = text;
      if (!base64 && view && typeof v === "string")
        entry.origin = { kind: "string", view, docIndex: m.docIndex, path: [field, k] };
      entries.set(k, entry);
    }
  };
  add("data", m.kind === "Secret");
  add("stringData", false);
  return entries;
}
function collectProviders(repo, decrypted) {
  const nsOf = namespaceResolver(repo);
  const viewByFile = new Map(repo.files.map((f) => [f.rel, f]));
  const out = [];
  for (const m of repo.manifests) {
    if (!m.kind || !m.name) continue;
    const ns = nsOf(m);
    let atCache;
    const atOf = () => atCache ??= m.locate(["metadata", "name"]) ?? { file: m.file };
    if ((m.kind === "ConfigMap" || m.kind === "Secret") && typeof m.apiVersion === "string" && m.apiVersion === "v1") {
      const p = withLazyAt({ kind: m.kind, name: m.name, file: m.file, source: "manifest", manifest: m }, atOf);
      if (ns !== void 0) p.namespace = ns;
      if ("sops" in m.body) {
        const plain = decrypted.get(m);
        p.source = "encrypted";
        const keysOnly = manifestEntries(m, void 0);
        if (plain) {
          const dec = manifestEntries(m, void 0, plain);
          for (const [k, e] of dec) keysOnly.set(k, { ...e, at: keysOnly.get(k)?.at ?? e.at });
          p.source = "manifest";
        } else for (const e of keysOnly.values()) delete e.text;
        p.entries = keysOnly;
      } else p.entries = manifestEntries(m, viewByFile.get(m.file)?.view);
      out.push(p);
    } else if (m.kind === "ObjectBucketClaim") {
      for (const kind of ["ConfigMap", "Secret"])
        out.push(
          withLazyAt(
            { kind, name: m.name, file: m.file, source: "external", ...ns !== void 0 ? { namespace: ns } : {} },
            atOf
          )
        );
    } else if (m.kind === "Certificate" && (m.apiVersion ?? "").startsWith("cert-manager.io/") && isRecord2(m.body.spec) && typeof m.body.spec.secretName === "string") {
      out.push(
        withLazyAt(
          {
            kind: "Secret",
            name: m.body.spec.secretName,
            file: m.file,
            source: "external",
            ...ns !== void 0 ? { namespace: ns } : {}
          },
          atOf
        )
      );
    } else if (EXTERNAL_SECRET_KINDS.has(m.kind)) {
      const name = externalTargetName(m);
      if (!name) continue;
      const p = withLazyAt({ kind: "Secret", name, file: m.file, source: "external" }, atOf);
      if (ns !== void 0) p.namespace = ns;
      out.push(p);
    }
  }
  for (const lf of repo.files)
    if (/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) out.push(...generatorProviders(lf, viewByFile));
  return out;
}
function withLazyAt(p, atOf) {
  Object.defineProperty(p, "at", { enumerable: true, get: atOf });
  return p;
}
function generatorProviders(lf, files) {
  const out = [];
  const body = lf.values[0];
  if (!isRecord2(body)) return out;
  const dir = path6.dirname(lf.rel);
  for (const [field, kind] of [
    ["configMapGenerator", "ConfigMap"],
    ["secretGenerator", "Secret"]
  ]) {
    const gens = body[field];
    if (!Array.isArray(gens)) continue;
    gens.forEach((g, i) => {
      if (!isRecord2(g) || typeof g.name !== "string") return;
      const at4 = { file: lf.rel, ...keyAt(lf, [field, i, "name"]) ?? {} };
      const p = { kind, name: g.name, file: lf.rel, at: at4, source: "generator", entries: /* @__PURE__ */ new Map() };
      const ns = typeof g.namespace === "string" ? g.namespace : typeof body.namespace === "string" ? body.namespace : void 0;
      if (ns !== void 0) p.namespace = ns;
      const entries = p.entries;
      const fileList = Array.isArray(g.files) ? g.files : [];
      fileList.forEach((spec, j) => {
        if (typeof spec !== "string") return;
        const eq = spec.indexOf("=");
        const key2 = eq >= 0 ? spec.slice(0, eq) : path6.basename(spec);
        const rel = path6.normalize(path6.join(dir, eq >= 0 ? spec.slice(eq + 1) : spec));
        const entryAt = { file: lf.rel, ...keyAt(lf, [field, i, "files", j]) ?? {} };
        const target2 = files.get(rel);
        if (target2) {
          const encrypted = isRecord2(target2.values[0]) && "sops" in target2.values[0];
          const entry = { at: { file: rel, line: 1, column: 1 } };
          if (!encrypted) {
            entry.text = target2.view.text;
            entry.origin = { kind: "file", view: target2.view };
          } else p.source = "encrypted";
          entries.set(key2, entry);
        } else entries.set(key2, { at: entryAt });
      });
      const literals = Array.isArray(g.literals) ? g.literals : [];
      literals.forEach((lit, j) => {
        if (typeof lit !== "string") return;
        const eq = lit.indexOf("=");
        if (eq < 0) return;
        entries.set(lit.slice(0, eq), {
          text: lit.slice(eq + 1),
          at: { file: lf.rel, ...keyAt(lf, [field, i, "literals", j]) ?? {} }
        });
      });
      if (Array.isArray(g.envs) && g.envs.length > 0) p.entries = void 0;
      out.push(p);
    });
  }
  return out;
}
function keyAt(lf, p) {
  const doc = lf.view.parsed.docs[0];
  if (!doc) return void 0;
  const node = doc.getIn(p, true);
  if (!node?.range) return void 0;
  const pos = lf.view.parsed.lineCounter.linePos(node.range[0]);
  return { line: pos.line, column: pos.col };
}

// src/tasks/verify-config/flux/rules.ts
import path7 from "node:path/posix";
function kustomizationPathFindings(repo, exists) {
  const out = [];
  const self = selfSources(repo);
  for (const m of repo.manifests) {
    if (!isFluxKustomization(m)) continue;
    const spec = isRecord2(m.body.spec) ? m.body.spec : {};
    const src = isRecord2(spec.sourceRef) ? spec.sourceRef : {};
    if (src.kind !== void 0 && src.kind !== "GitRepository") continue;
    if (typeof src.name === "string" && !self.has(src.name)) continue;
    const p = spec.path;
    if (p === void 0) continue;
    if (typeof p !== "string" || p.includes("${")) continue;
    const rel = path7.normalize(p.replace(/^\.?\/+/, "") || ".");
    if (rel.startsWith("..")) continue;
    if (!exists(rel)) {
      out.push({
        ...m.locate(["spec", "path"]) ?? { file: m.file },
        ruleId: "flux/kustomization-path-missing",
        severity: "error",
        message: `Kustomization ${m.name ?? "?"}: spec.path ${JSON.stringify(p)} does not exist in the repository`,
        hint: "spec.path is relative to the root of the Git source; fix the path or add the folder."
      });
    }
  }
  return out;
}
function selfSources(repo) {
  const uses = /* @__PURE__ */ new Map();
  for (const m of repo.manifests) {
    if (!isFluxKustomization(m)) continue;
    const spec = isRecord2(m.body.spec) ? m.body.spec : {};
    const src = isRecord2(spec.sourceRef) ? spec.sourceRef : {};
    if ((src.kind === void 0 || src.kind === "GitRepository") && typeof src.name === "string")
      uses.set(src.name, (uses.get(src.name) ?? 0) + 1);
  }
  const top = [...uses].sort((a, b) => b[1] - a[1])[0];
  return /* @__PURE__ */ new Set(["flux-system", ...top ? [top[0]] : []]);
}
function helmReleaseChartFindings(repo) {
  const out = [];
  const patched = new Set(
    repo.manifests.filter((m) => isHelmRelease(m) && repo.patchFiles.has(m.file)).map((m) => m.name)
  );
  for (const m of repo.manifests) {
    if (!isHelmRelease(m) || repo.patchFiles.has(m.file) || patched.has(m.name)) continue;
    const spec = isRecord2(m.body.spec) ? m.body.spec : {};
    if (isRecord2(spec.chartRef)) continue;
    const chart = isRecord2(spec.chart) && isRecord2(spec.chart.spec) ? spec.chart.spec : void 0;
    if (!chart || typeof chart.chart !== "string" || chart.chart === "") {
      out.push({
        ...m.locate(chart ? ["spec", "chart", "spec"] : ["spec"]) ?? { file: m.file },
        ruleId: "flux/helmrelease-chart-missing",
        severity: "error",
        message: `${hrLabel(m)} names no chart (spec.chart.spec.chart or spec.chartRef)`,
        hint: "Set spec.chart.spec.chart with a sourceRef, or spec.chartRef to an OCIRepository/HelmChart."
      });
      continue;
    }
    const srcKind = isRecord2(chart.sourceRef) ? chart.sourceRef.kind : void 0;
    if ((srcKind === void 0 || srcKind === "HelmRepository") && (typeof chart.version !== "string" || chart.version.trim() === "" || chart.version.trim() === "*")) {
      out.push({
        ...m.locate(["spec", "chart", "spec", "chart"]) ?? { file: m.file },
        ruleId: "flux/helmrelease-version-missing",
        severity: "warning",
        message: `${hrLabel(m)}: chart ${chart.chart} has no pinned version, so every reconcile may upgrade to the newest release`,
        hint: "Pin spec.chart.spec.version (e.g. 26.4.0) and upgrade deliberately."
      });
    }
  }
  return out;
}
function looksLikeValuesKey(key2) {
  return /^(values|[\w.-]+[-_.]values|values[-_.][\w.-]+)\.ya?ml$/i.test(key2);
}
function unusedValuesSourceFindings(providers, referenced) {
  const out = [];
  for (const p of providers) {
    if (referenced.has(p) || !p.entries) continue;
    const key2 = [...p.entries.keys()].find(looksLikeValuesKey);
    if (!key2) continue;
    out.push({
      ...p.at,
      ruleId: "flux/values-source-unused",
      severity: "warning",
      message: `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name} holds ${key2} but no HelmRelease takes values from it`,
      hint: "Reference it from the HelmRelease's spec.valuesFrom (same namespace), or remove it; edits to it change nothing."
    });
  }
  return out;
}
function markNestedReferences(repo, providers, referenced) {
  const names = /* @__PURE__ */ new Set();
  const scan = (v, depth) => {
    if (depth > 40) return;
    if (Array.isArray(v)) v.forEach((x) => scan(x, depth + 1));
    else if (isRecord2(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k === "valuesFrom" && Array.isArray(x)) {
          for (const r of x) if (isRecord2(r) && typeof r.name === "string") names.add(`${String(r.kind)}/${r.name}`);
        }
        scan(x, depth + 1);
      }
    }
  };
  for (const lf of repo.files) if (lf.view.text.includes("valuesFrom")) lf.values.forEach((v) => scan(v, 0));
  for (const p of providers) if (names.has(`${p.kind}/${p.name}`)) referenced.add(p);
}

// src/tasks/verify-config/k8s/kustomize.ts
import path8 from "node:path/posix";
function kustomizeReferenceFindings(repo, exists) {
  const out = [];
  const deployed = deployedKustomizations(repo);
  for (const lf of repo.files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    const body = lf.values[0];
    if (!isRecord2(body)) continue;
    const dir = path8.dirname(lf.rel);
    const reached = !deployed || deployed.has(dir);
    const check2 = (ref, keyPath) => {
      if (typeof ref !== "string" || ref === "" || /:\/\/|^github\.com\/|^git@|\?ref=|\$\{/.test(ref)) return;
      const rel = path8.normalize(path8.join(dir, ref));
      if (rel.startsWith("..") || exists(rel)) return;
      const node = lf.view.parsed.docs[0]?.getIn(keyPath, true);
      const pos = node?.range ? lf.view.parsed.lineCounter.linePos(node.range[0]) : void 0;
      out.push({
        ruleId: "k8s/kustomize-missing-file",
        // A kustomization no Flux Kustomization reaches is not deployed: still broken, but not failing anything.
        severity: reached ? "error" : "warning",
        message: `${keyPath[0]} entry ${JSON.stringify(ref)} does not exist (${rel})${reached ? "" : "; this kustomization is not reached from any Flux Kustomization"}`,
        file: lf.rel,
        ...pos ? { line: pos.line, column: pos.col } : {},
        hint: "kustomize build stops at a missing file; fix the path or add the file."
      });
    };
    for (const field of ["resources", "components", "crds"]) {
      const list2 = body[field];
      if (Array.isArray(list2)) list2.forEach((r, i) => check2(r, [field, i]));
    }
    for (const field of ["patches", "patchesStrategicMerge"]) {
      const list2 = body[field];
      if (!Array.isArray(list2)) continue;
      list2.forEach((p, i) => {
        if (typeof p === "string" && !p.includes("\n")) check2(p, [field, i]);
        else if (isRecord2(p) && typeof p.path === "string") check2(p.path, [field, i, "path"]);
      });
    }
    for (const field of ["configMapGenerator", "secretGenerator"]) {
      const list2 = body[field];
      if (!Array.isArray(list2)) continue;
      list2.forEach((g, i) => {
        if (!isRecord2(g)) return;
        if (Array.isArray(g.files))
          g.files.forEach(
            (f, j) => typeof f === "string" && check2(f.includes("=") ? f.slice(f.indexOf("=") + 1) : f, [field, i, "files", j])
          );
        if (Array.isArray(g.envs)) g.envs.forEach((f, j) => check2(f, [field, i, "envs", j]));
      });
    }
  }
  return out;
}
function deployedKustomizations(repo) {
  const kdirs = /* @__PURE__ */ new Map();
  for (const lf of repo.files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    const body = lf.values[0];
    kdirs.set(path8.dirname(lf.rel), isRecord2(body) ? body : {});
  }
  const roots = [];
  for (const m of repo.manifests) {
    if (!isFluxKustomization(m)) continue;
    const spec = isRecord2(m.body.spec) ? m.body.spec : {};
    const p = typeof spec.path === "string" ? spec.path : "./";
    if (p.includes("${")) return void 0;
    roots.push(path8.normalize(p.replace(/^\.?\/+/, "") || "."));
  }
  if (roots.length === 0) return void 0;
  const reached = /* @__PURE__ */ new Set();
  const queue = [...roots];
  while (queue.length > 0) {
    const dir = queue.pop();
    if (reached.has(dir)) continue;
    reached.add(dir);
    const body = kdirs.get(dir);
    if (!body) {
      const below = [...kdirs.keys()].filter((d) => dir === "." || d.startsWith(`${dir}/`));
      for (const d of below) if (!below.some((o) => o !== d && d.startsWith(`${o}/`))) queue.push(d);
      continue;
    }
    for (const field of ["resources", "components"]) {
      const list2 = body[field];
      if (!Array.isArray(list2)) continue;
      for (const r of list2)
        if (typeof r === "string" && !r.includes("://")) queue.push(path8.normalize(path8.join(dir, r)));
    }
  }
  return reached;
}

// src/tasks/verify-config/k8s/classify.ts
var NON_MANIFEST_PATHS = [
  /(^|\/)\.(gitea|github|forgejo|gitlab|circleci|buildkite|woodpecker|taskfiles|devcontainer|vscode|renovate)\//,
  /(^|\/)\.(sops|pre-commit-config|pre-commit-hooks|yamllint|gitlab-ci|markdownlint|prettierrc|lefthook|goreleaser|ansible-lint|mise|editorconfig)(\.ya?ml)?$/,
  /(^|\/)\.yamllint(\.ya?ml)?$/,
  /(^|\/)(Chart|Taskfile|taskfile|mkdocs|docker-compose|compose|renovate|talconfig|talenv|requirements|galaxy|ct|lintconf|codecov|dependabot|makejinja|config\.sample)\.ya?ml$/,
  /(^|\/)(values[^/]*|[^/]*\.values)\.ya?ml$/,
  /(^|\/)ansible\//,
  /(^|\/)(playbooks?|roles|group_vars|host_vars|inventory)\//
];
function isNonManifestPath(rel) {
  return NON_MANIFEST_PATHS.some((r) => r.test(rel)) || /(^|\/)\.[^/]+\.ya?ml$/.test(rel);
}
var TOOL_CONFIG_API = /^(kustomize\.config\.k8s\.io|[a-z0-9.-]*\.config\.k8s\.io|kubeadm\.k8s\.io|kind\.x-k8s\.io|k3d\.io|ctlptl\.dev|skaffold\/|talos\.dev|config\.kubernetes\.io|kpt\.dev|clusterctl\.cluster\.x-k8s\.io)/;
function isToolConfig(apiVersion, kind) {
  if (TOOL_CONFIG_API.test(apiVersion)) return true;
  if (!apiVersion.includes("/") && apiVersion !== "v1") return true;
  if (apiVersion === "v1" && (kind === "Config" || kind === "List")) return true;
  return kind.endsWith("List") && apiVersion === "v1";
}

// src/tasks/verify-config/k8s/shape.ts
var HINT2 = "Every Kubernetes object needs apiVersion, kind and metadata.name; kubectl and Flux reject the document otherwise.";
function k8sShapeFindings(repo) {
  const out = [];
  for (const m of repo.manifests) {
    if (isNonManifestPath(m.file) || repo.patchFiles.has(m.file)) continue;
    const b = m.body;
    const hasApi = "apiVersion" in b;
    const hasKind = "kind" in b;
    if (!hasApi && !hasKind) continue;
    const at4 = m.locate([]) ?? { file: m.file };
    if (typeof b.apiVersion !== "string" || b.apiVersion === "") {
      out.push({
        ...at4,
        ruleId: "k8s/missing-api-version",
        severity: "error",
        message: `document ${m.docIndex + 1} has kind but no apiVersion`,
        hint: HINT2
      });
      continue;
    }
    if (typeof b.kind !== "string" || b.kind === "") {
      out.push({
        ...m.locate(["apiVersion"]) ?? at4,
        ruleId: "k8s/missing-kind",
        severity: "error",
        message: `document ${m.docIndex + 1} has apiVersion but no kind`,
        hint: HINT2
      });
      continue;
    }
    if (isToolConfig(b.apiVersion, b.kind)) continue;
    const meta = b.metadata;
    const named = isRecord2(meta) && (typeof meta.name === "string" && meta.name !== "" || typeof meta.generateName === "string" && meta.generateName !== "");
    if (!named) {
      out.push({
        ...m.locate(isRecord2(meta) ? ["metadata"] : ["kind"]) ?? at4,
        ruleId: "k8s/missing-name",
        severity: "error",
        message: `${b.kind} has no metadata.name`,
        hint: HINT2
      });
    }
  }
  return out;
}

// src/tasks/verify-config/live/authentik.ts
import { RE2JS as RE2JS2 } from "re2js";

// src/tasks/verify-config/live/context.ts
import { randomBytes as randomBytes2 } from "node:crypto";
var ProbeContext = class {
  constructor(http2, redactor, verbose, timeoutMs) {
    this.http = http2;
    this.redactor = redactor;
    this.verbose = verbose;
    this.timeoutMs = timeoutMs;
  }
  http;
  redactor;
  verbose;
  timeoutMs;
  findings = [];
  /** Record a failed check. Messages pass through the redactor before they are stored. */
  fail(ruleId, severity, message, extras = {}) {
    this.push(ruleId, severity, message, extras);
  }
  /** Record a healthy check; kept only with --verbose. */
  ok(ruleId, message, extras = {}) {
    if (this.verbose) this.push(ruleId, "info", message, extras);
  }
  push(ruleId, severity, message, extras) {
    const f = { ruleId, severity, message: this.redactor.redact(message) };
    if (extras.url !== void 0) f.url = this.redactor.redact(extras.url);
    if (extras.hint !== void 0) f.hint = this.redactor.redact(extras.hint);
    if (extras.data !== void 0)
      f.data = JSON.parse(this.redactor.redact(JSON.stringify(extras.data)));
    this.findings.push(f);
  }
  /**
   * Send a request; a network failure (refused, DNS, TLS, timeout) becomes a finding under `ruleId` (an error
   * unless `severity` says otherwise) and the result is undefined. Bugs (non-MxopsError) propagate.
   */
  async request(ruleId, req, what, severity = "error") {
    try {
      return await this.http.request(req);
    } catch (e) {
      if (!isMxopsError(e)) throw e;
      this.fail(ruleId, severity, `${what}: ${req.url} is unreachable (${e.message})`, {
        url: req.url,
        hint: "Check DNS, the Ingress/HTTPRoute and the certificate for this host; --resolve and --ca-file probe through a port-forward or an internal CA."
      });
      return void 0;
    }
  }
};
async function getFollowing(ctx, ruleId, url, what, max = 3) {
  let current = url;
  const seen = /* @__PURE__ */ new Set([url]);
  for (let hop = 0; ; hop++) {
    const res = await ctx.request(ruleId, { url: current }, what);
    if (!res || ![301, 302, 303, 307, 308].includes(res.status) || hop >= max) return res;
    let next;
    try {
      next = new URL(res.headers.location ?? "", current);
    } catch {
      return res;
    }
    if (!res.headers.location || next.protocol !== "https:" || seen.has(next.href)) return res;
    seen.add(next.href);
    current = next.href;
  }
}
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function joinUrl(base, path21) {
  return base.replace(/\/+$/, "") + path21;
}
function randomToken() {
  return `mxops_probe_${randomBytes2(16).toString("hex")}`;
}

// src/tasks/verify-config/live/rules.ts
var PROBE = {
  wellKnownClient: "probe/well-known-client",
  wellKnownCors: "probe/well-known-cors",
  wellKnownServer: "probe/well-known-server",
  homeserver: "probe/homeserver-versions",
  federationVersion: "probe/federation-version",
  federationKeys: "probe/federation-keys",
  masDiscovery: "probe/mas-discovery",
  masIssuerMismatch: "probe/mas-issuer-mismatch",
  masIssuerHttps: "probe/mas-issuer-https",
  masWhoami: "probe/mas-whoami",
  masLegacyLogin: "probe/mas-legacy-login",
  rtcFocus: "probe/rtc-focus-missing",
  rtcJwtHealth: "probe/rtc-jwt-health",
  rtcJwtSfuGet: "probe/rtc-jwt-sfu-get",
  rtcSfuWebsocket: "probe/rtc-sfu-websocket",
  upstreamDiscovery: "probe/upstream-discovery",
  upstreamIssuerMismatch: "probe/upstream-issuer-mismatch",
  authentikApi: "probe/authentik-api",
  authentikRedirectUri: "probe/authentik-redirect-uri",
  authentikEnrollmentFlow: "probe/authentik-enrollment-flow"
};

// src/tasks/verify-config/live/authentik.ts
function isAuthentikIssuer(issuer) {
  try {
    return /^\/application\/o\/[^/]+\/?$/.test(new URL(issuer).pathname);
  } catch {
    return false;
  }
}
function redirectRules(value) {
  if (typeof value === "string") {
    return value.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "").map((url) => ({ mode: "regex", url }));
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r) => isObject(r) && typeof r.url === "string" && r.redirect_uri_type !== "logout"
  ).map((r) => ({ mode: r.matching_mode === "regex" ? "regex" : "strict", url: String(r.url) }));
}
function redirectAllowed(rules, uri) {
  return rules.some((r) => {
    if (r.mode === "strict") return r.url === uri;
    if (r.url === "*") return true;
    return fullMatch(r.url, uri);
  });
}
function fullMatch(pattern, input) {
  try {
    return RE2JS2.compile(pattern).matcher(input).matches();
  } catch {
    try {
      return new RegExp(`^(?:${pattern})$`).test(input);
    } catch {
      return false;
    }
  }
}
var STAGES = [
  { kind: "invitation", model: "invitationstage", component: "ak-stage-invitation-form", severity: "error" },
  // Invite-only enrollment flows often start without one; it matters when users should also reach login from there.
  {
    kind: "identification",
    model: "identificationstage",
    component: "ak-stage-identification-form",
    severity: "warning"
  },
  { kind: "prompt", model: "promptstage", component: "ak-stage-prompt-form", severity: "error" },
  { kind: "user_write", model: "userwritestage", component: "ak-stage-user-write-form", severity: "error" },
  { kind: "user_login", model: "userloginstage", component: "ak-stage-user-login-form", severity: "error" }
];
function stageKind(stage) {
  if (!isObject(stage)) return void 0;
  const model = typeof stage.meta_model_name === "string" ? stage.meta_model_name.split(".").pop() ?? "" : "";
  const component = typeof stage.component === "string" ? stage.component : "";
  return STAGES.find((s) => s.model === model || s.component === component)?.kind;
}
var AuthentikApi = class {
  constructor(ctx, origin, token) {
    this.ctx = ctx;
    this.origin = origin;
    this.token = token;
  }
  ctx;
  origin;
  token;
  /** Set once the API is unreachable or refuses the token: one finding for that, no repeats. */
  down = false;
  /** GET a JSON document; undefined (after one finding) when unreachable, rejected or not JSON. */
  async get(path21, query) {
    if (this.down) return void 0;
    const url = `${this.origin}/api/v3${path21}?${new URLSearchParams(query).toString()}`;
    const res = await this.ctx.request(
      PROBE.authentikApi,
      { url, headers: { authorization: `Bearer ${this.token}`, accept: "application/json" } },
      "Authentik API"
    );
    if (!res) {
      this.down = true;
      return void 0;
    }
    const body = parseJson(res.body);
    if (res.status === 401 || res.status === 403) {
      this.down = true;
      this.ctx.fail(
        PROBE.authentikApi,
        "error",
        `Authentik API refused AUTHENTIK_TOKEN (HTTP ${res.status}) on ${path21}`,
        {
          url: `${this.origin}/api/v3${path21}`,
          hint: "Use an API token (intent API) of a user or service account allowed to view providers, flows and stages."
        }
      );
      return void 0;
    }
    if (res.status !== 200 || !isObject(body)) {
      this.down = true;
      this.ctx.fail(PROBE.authentikApi, "error", `Authentik API answered HTTP ${res.status} on ${path21}`, {
        url: `${this.origin}/api/v3${path21}`
      });
      return void 0;
    }
    return body;
  }
  /** All results of a paginated list (bounded to 20 pages). */
  async list(path21, query) {
    const out = [];
    let page = 1;
    for (let i = 0; i < 20; i++) {
      const body = await this.get(path21, { ...query, page: String(page), page_size: "100" });
      if (!body) return void 0;
      if (Array.isArray(body.results)) out.push(...body.results);
      const next = isObject(body.pagination) ? Number(body.pagination.next) : 0;
      if (!next || next <= page) break;
      page = next;
    }
    return out;
  }
};
async function probeAuthentik(ctx, targets, token, masHost) {
  const origins = /* @__PURE__ */ new Map();
  for (const t of targets) {
    if (!isAuthentikIssuer(t.issuer)) continue;
    const origin = new URL(t.issuer).origin;
    let api = origins.get(origin);
    if (!api) origins.set(origin, api = new AuthentikApi(ctx, origin, token));
    await checkRedirect(ctx, api, t, masHost);
  }
  for (const api of origins.values()) await checkEnrollment(ctx, api);
}
async function checkRedirect(ctx, api, t, masHost) {
  if (!t.clientId || !masHost) return;
  const expected = `https://${masHost}/upstream/callback/${t.providerId}`;
  const providers = await api.list("/providers/oauth2/", { client_id: t.clientId });
  if (!providers) return;
  const provider = providers.find((p) => isObject(p) && p.client_id === t.clientId);
  if (!isObject(provider)) {
    ctx.fail(
      PROBE.authentikRedirectUri,
      "error",
      `upstream provider ${t.providerId}: Authentik has no OAuth2 provider with client id ${t.clientId}`,
      {
        url: `${api.origin}/api/v3/providers/oauth2/`,
        hint: "MAS upstream_oauth2.providers[].client_id must be the Client ID shown on the Authentik OAuth2 provider."
      }
    );
    return;
  }
  const rules = redirectRules(provider.redirect_uris);
  if (!redirectAllowed(rules, expected)) {
    ctx.fail(
      PROBE.authentikRedirectUri,
      "error",
      `upstream provider ${t.providerId}: Authentik provider ${String(provider.name ?? provider.pk)} does not allow the redirect URI ${expected}`,
      {
        url: `${api.origin}/api/v3/providers/oauth2/${String(provider.pk)}/`,
        hint: `Add ${expected} (strict) to the provider's redirect URIs; sign-in through MAS fails with a redirect_uri error until then.`,
        data: { expected, configured: rules.map((r) => `${r.mode}:${r.url}`) }
      }
    );
  } else ctx.ok(PROBE.authentikRedirectUri, `upstream provider ${t.providerId}: Authentik allows ${expected}`);
}
async function checkEnrollment(ctx, api) {
  const stages = await api.list("/stages/invitation/stages/", {});
  if (!stages) return;
  const flows = /* @__PURE__ */ new Map();
  for (const s of stages) {
    if (!isObject(s) || !Array.isArray(s.flow_set)) continue;
    for (const f of s.flow_set)
      if (isObject(f) && f.designation === "enrollment" && typeof f.pk === "string") flows.set(f.pk, String(f.slug));
  }
  const url = `${api.origin}/api/v3/flows/bindings/`;
  if (flows.size === 0) {
    ctx.fail(
      PROBE.authentikEnrollmentFlow,
      "error",
      "Authentik has no enrollment flow with an invitation stage bound",
      {
        url: `${api.origin}/api/v3/stages/invitation/stages/`,
        hint: "Invitation links need an enrollment flow: invitation \u2192 prompt (username, email, name) \u2192 user write \u2192 user login."
      }
    );
    return;
  }
  const reports = [];
  for (const [pk, slug] of flows) {
    const bindings = await api.list("/flows/bindings/", { target: pk, ordering: "order" });
    if (!bindings) return;
    const order = /* @__PURE__ */ new Map();
    for (const b of bindings) {
      if (!isObject(b)) continue;
      const kind = stageKind(b.stage_obj);
      if (kind && !order.has(kind)) order.set(kind, Number(b.order));
    }
    const problems = [];
    for (const s of STAGES)
      if (!order.has(s.kind)) problems.push({ severity: s.severity, text: `no ${s.kind.replace("_", " ")} stage` });
    const before = (a, b) => {
      const x = order.get(a);
      const y = order.get(b);
      if (x !== void 0 && y !== void 0 && !(x < y))
        problems.push({ severity: "error", text: `${a.replace("_", " ")} stage is not before ${b.replace("_", " ")}` });
    };
    before("invitation", "user_write");
    before("prompt", "user_write");
    before("user_write", "user_login");
    reports.push({ slug, problems });
  }
  const good = reports.find((r) => !r.problems.some((p) => p.severity === "error"));
  if (good) {
    for (const p of good.problems)
      ctx.fail(PROBE.authentikEnrollmentFlow, "warning", `Authentik enrollment flow ${good.slug}: ${p.text}`, { url });
    ctx.ok(PROBE.authentikEnrollmentFlow, `Authentik enrollment flow ${good.slug} binds the invitation stages`, {
      url
    });
    return;
  }
  for (const r of reports) {
    const errors = r.problems.filter((p) => p.severity === "error").map((p) => p.text);
    ctx.fail(PROBE.authentikEnrollmentFlow, "error", `Authentik enrollment flow ${r.slug}: ${errors.join("; ")}`, {
      url,
      hint: "Bind, in order: invitation, (identification,) prompt with username/email/name fields, user write (create users), user login."
    });
  }
}

// src/tasks/verify-config/live/federation.ts
var DEFAULT_FEDERATION_PORT = 8448;
var ROUTE_HINT = `Other homeservers reach Synapse's federation API at the host and port that /.well-known/matrix/server delegates to (8448 when it names no port). Route /_matrix/federation and /_matrix/key there to Synapse (ESS: the Synapse Ingress host on 443, with wellKnownDelegation publishing "<synapse host>:443"). A server that does not federate on purpose can ignore this.`;
function federationBase(mServer) {
  const bracket = mServer.startsWith("[") ? mServer.indexOf("]") : -1;
  const portSep = mServer.lastIndexOf(":");
  const hasPort = bracket >= 0 ? portSep > bracket : portSep >= 0;
  return hasPort ? `https://${mServer}` : `https://${mServer}:${DEFAULT_FEDERATION_PORT}`;
}
async function probeFederation(ctx, serverName, mServer, now = Date.now) {
  const base = federationBase(mServer);
  const versionUrl = joinUrl(base, "/_matrix/federation/v1/version");
  const keysUrl = joinUrl(base, "/_matrix/key/v2/server");
  const [version, keys2] = await Promise.all([
    ctx.request(PROBE.federationVersion, { url: versionUrl }, "federation API", "warning"),
    ctx.request(PROBE.federationKeys, { url: keysUrl }, "federation signing keys", "warning")
  ]);
  if (version) {
    const body = parseJson(version.body);
    const server = isObject(body) && isObject(body.server) ? body.server : void 0;
    if (version.status !== 200 || !server) {
      ctx.fail(
        PROBE.federationVersion,
        "warning",
        `${base} does not answer /_matrix/federation/v1/version (HTTP ${version.status}${version.status === 200 ? ", no server object" : ""})`,
        { url: versionUrl, hint: ROUTE_HINT }
      );
    } else {
      const what = [server.name, server.version].filter((x) => typeof x === "string").join(" ");
      ctx.ok(PROBE.federationVersion, `federation API answers at ${base}${what ? ` (${what})` : ""}`, {
        url: versionUrl
      });
    }
  }
  if (!keys2) return;
  const doc = parseJson(keys2.body);
  if (keys2.status !== 200 || !isObject(doc)) {
    ctx.fail(PROBE.federationKeys, "warning", `${base} does not publish /_matrix/key/v2/server (HTTP ${keys2.status})`, {
      url: keysUrl,
      hint: ROUTE_HINT
    });
    return;
  }
  const verifyKeys = isObject(doc.verify_keys) ? Object.keys(doc.verify_keys) : [];
  if (doc.server_name !== serverName) {
    ctx.fail(
      PROBE.federationKeys,
      "error",
      `the signing keys at ${base} are published for ${JSON.stringify(doc.server_name)}, not for the server name ${JSON.stringify(serverName)}`,
      {
        url: keysUrl,
        hint: "m.server delegates to a homeserver configured with another server_name (ESS: serverName); other servers reject its events. Point the delegation at this server's Synapse or fix server_name, which cannot change after the first start."
      }
    );
    return;
  }
  if (verifyKeys.length === 0) {
    ctx.fail(PROBE.federationKeys, "error", `the key document at ${base} has no verify_keys`, {
      url: keysUrl,
      hint: "Synapse publishes its signing key here; check the signing_key_path and that the server started cleanly."
    });
    return;
  }
  const validUntil = typeof doc.valid_until_ts === "number" ? doc.valid_until_ts : void 0;
  if (validUntil === void 0 || validUntil <= now()) {
    ctx.fail(
      PROBE.federationKeys,
      "error",
      `the signing keys at ${base} ${validUntil === void 0 ? "carry no valid_until_ts" : "have expired (valid_until_ts is in the past)"}`,
      {
        url: keysUrl,
        hint: "Other servers stop trusting keys past valid_until_ts; a cached or frozen key response (a proxy cache) is the usual cause."
      }
    );
    return;
  }
  ctx.ok(PROBE.federationKeys, `${serverName} publishes ${verifyKeys.length} signing key(s) at ${base}`, {
    url: keysUrl
  });
}

// src/tasks/verify-config/live/mas.ts
var UNSTABLE_AUTH = "org.matrix.msc2965.authentication";
async function probeMasDiscovery(ctx, wk, expected) {
  const issuers = [];
  if (wk.baseUrl && wk.homeserverOk) {
    for (const path21 of [
      "/_matrix/client/v1/auth_metadata",
      "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata"
    ]) {
      const res2 = await ctx.request(
        PROBE.masDiscovery,
        { url: joinUrl(wk.baseUrl, path21), retries: 0 },
        "MAS discovery"
      );
      if (!res2) break;
      const body = res2.status === 200 ? parseJson(res2.body) : void 0;
      if (isObject(body) && typeof body.issuer === "string") {
        issuers.push({ from: path21, issuer: body.issuer });
        break;
      }
    }
  }
  const unstable = wk.doc[UNSTABLE_AUTH];
  if (isObject(unstable) && typeof unstable.issuer === "string")
    issuers.push({ from: `well-known ${UNSTABLE_AUTH}`, issuer: unstable.issuer });
  if (issuers.length === 0) {
    if (expected && wk.homeserverOk) {
      ctx.fail(
        PROBE.masDiscovery,
        "error",
        "the repo deploys MAS but clients cannot discover it (no /_matrix/client/v1/auth_metadata, no org.matrix.msc2965.authentication)",
        {
          url: wk.url,
          hint: "Synapse must delegate auth to MAS (ESS does so when matrixAuthenticationService.enabled); check that the homeserver's base_url reaches that Synapse."
        }
      );
    }
    return void 0;
  }
  const first = issuers[0];
  for (const other of issuers.slice(1)) {
    if (other.issuer !== first.issuer) {
      ctx.fail(
        PROBE.masIssuerMismatch,
        "error",
        `MAS issuer differs between ${first.from} (${first.issuer}) and ${other.from} (${other.issuer})`,
        {
          url: wk.url,
          hint: "Clients compare issuers byte for byte (a trailing slash counts); publish exactly MAS's issuer."
        }
      );
    }
  }
  const issuer = first.issuer;
  let issuerUrl;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    ctx.fail(PROBE.masDiscovery, "error", `MAS issuer ${JSON.stringify(issuer)} from ${first.from} is not a URL`, {
      url: wk.url
    });
    return void 0;
  }
  if (issuerUrl.protocol !== "https:") {
    ctx.fail(PROBE.masIssuerHttps, "error", `MAS issuer ${issuer} is not https`, {
      url: wk.url,
      hint: "Clients refuse non-https issuers; set MAS http.public_base (or http.issuer) to the https URL of the MAS Ingress."
    });
  } else ctx.ok(PROBE.masIssuerHttps, `MAS issuer ${issuer} is https`);
  const confUrl = `${issuer.endsWith("/") ? issuer : `${issuer}/`}.well-known/openid-configuration`;
  const res = await ctx.request(PROBE.masDiscovery, { url: confUrl }, "MAS OpenID configuration");
  if (!res) return { issuer, host: issuerUrl.host };
  const conf = res.status === 200 ? parseJson(res.body) : void 0;
  if (!isObject(conf) || typeof conf.issuer !== "string") {
    ctx.fail(PROBE.masDiscovery, "error", `MAS OpenID configuration answered HTTP ${res.status} without an issuer`, {
      url: confUrl,
      hint: "The issuer advertised to clients must serve /.well-known/openid-configuration (MAS's discovery resource)."
    });
    return { issuer, host: issuerUrl.host };
  }
  if (conf.issuer !== issuer) {
    ctx.fail(
      PROBE.masIssuerMismatch,
      "error",
      `MAS says its issuer is ${JSON.stringify(conf.issuer)} but ${first.from} advertises ${JSON.stringify(issuer)}`,
      {
        url: confUrl,
        hint: "Clients compare the issuer byte for byte, trailing slash included; make Synapse's MAS endpoint and MAS http.public_base/http.issuer agree.",
        data: { advertised: issuer, actual: conf.issuer }
      }
    );
  } else ctx.ok(PROBE.masIssuerMismatch, `MAS issuer ${issuer} is consistent`, { url: confUrl });
  let host2 = issuerUrl.host;
  if (typeof conf.authorization_endpoint === "string") {
    try {
      host2 = new URL(conf.authorization_endpoint).host;
    } catch {
    }
  }
  return { issuer, host: host2 };
}
async function probeMasDoctor(ctx, baseUrl) {
  const whoami = joinUrl(baseUrl, "/_matrix/client/v3/account/whoami");
  const res = await ctx.request(
    PROBE.masWhoami,
    // The bearer is a random string no server knows, so it is no credential (and may go to any base URL).
    { url: whoami, headers: { authorization: `Bearer ${randomToken()}` }, retries: 0, credentials: false },
    "whoami"
  );
  if (res) {
    if (res.status === 401) ctx.ok(PROBE.masWhoami, "whoami refuses an unknown token with 401", { url: whoami });
    else if (res.status === 503) {
      ctx.fail(
        PROBE.masWhoami,
        "error",
        "whoami answered 503 for an unknown token: Synapse probably cannot reach MAS to introspect tokens",
        {
          url: whoami,
          hint: "Check Synapse's matrix_authentication_service.endpoint and the shared secret, and that MAS's internal listener is reachable from Synapse."
        }
      );
    } else if (res.status < 400) {
      ctx.fail(PROBE.masWhoami, "error", `whoami accepted a random token (HTTP ${res.status})`, {
        url: whoami,
        hint: "Token introspection is broken or bypassed; check the MAS integration in Synapse before anything else."
      });
    } else {
      ctx.fail(PROBE.masWhoami, "warning", `whoami answered HTTP ${res.status} for an unknown token, expected 401`, {
        url: whoami
      });
    }
  }
  const loginUrl = joinUrl(baseUrl, "/_matrix/client/v3/login");
  const login = await ctx.request(PROBE.masLegacyLogin, { url: loginUrl }, "legacy login");
  if (!login) return;
  const hint = "Route /_matrix/client/*/login, /logout and /refresh to MAS (ESS does this on the Synapse host when MAS is enabled); otherwise older clients log in against Synapse.";
  if (login.status < 200 || login.status > 299) {
    ctx.fail(PROBE.masLegacyLogin, "error", `legacy login API answered HTTP ${login.status}`, { url: loginUrl, hint });
    return;
  }
  const body = parseJson(login.body);
  const flows = isObject(body) && Array.isArray(body.flows) ? body.flows : [];
  const served = flows.some(
    (f) => isObject(f) && f.type === "m.login.sso" && (f.oauth_aware_preferred === true || f["org.matrix.msc3824.delegated_oidc_compatibility"] === true)
  );
  if (!served) {
    ctx.fail(
      PROBE.masLegacyLogin,
      "error",
      "legacy login API is not served by MAS (no m.login.sso flow with oauth_aware_preferred)",
      { url: loginUrl, hint }
    );
  } else ctx.ok(PROBE.masLegacyLogin, "legacy login API is served by MAS", { url: loginUrl });
}

// src/core/fsx.ts
import { close, constants, fsync, open, rename, unlink, write } from "node:fs";
import { open as openFile } from "node:fs/promises";
import { promisify } from "node:util";
var openP = promisify(open);
var writeP = promisify(write);
var fsyncP = promisify(fsync);
var closeP = promisify(close);
var renameP = promisify(rename);
var unlinkP = promisify(unlink);
var NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
async function appendLineDurable(target2, line, mode = 384) {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NO_FOLLOW;
  const fd = await openP(target2, flags, mode);
  try {
    const buf = Buffer.from(line.endsWith("\n") ? line : `${line}
`, "utf8");
    let off = 0;
    while (off < buf.length) off += (await writeP(fd, buf, off, buf.length - off)).bytesWritten;
    await fsyncP(fd);
  } finally {
    await closeP(fd);
  }
}
var MAX_SMALL_FILE_BYTES = 1024 * 1024;
async function readSmallFile(file, maxBytes = MAX_SMALL_FILE_BYTES) {
  const fh = await openFile(file, "r");
  try {
    const buf = Buffer.alloc(maxBytes + 1);
    let off = 0;
    while (off < buf.length) {
      const { bytesRead } = await fh.read(buf, off, buf.length - off, null);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    if (off > maxBytes) {
      throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: "EFBIG" });
    }
    return buf.subarray(0, off).toString("utf8");
  } finally {
    await fh.close();
  }
}

// src/tasks/verify-config/live/options.ts
var DEFAULT_TIMEOUT_MS = 1e4;
var LIVE_OPTION_SPECS = {
  live: {
    type: "boolean",
    help: "also probe the running stack over HTTPS (well-knowns, MAS, MatrixRTC, upstream OIDC)"
  },
  "server-name": {
    type: "string",
    help: "Matrix server name to probe (default: serverName from the repo's values)",
    arg: "NAME"
  },
  resolve: {
    type: "string",
    multiple: true,
    help: "connect HOST:PORT to ADDR instead of DNS, like curl (ADDR may carry a port, e.g. 127.0.0.1:8443); repeatable",
    arg: "HOST:PORT:ADDR"
  },
  "ca-file": {
    type: "string",
    help: "PEM file of an extra CA to trust (TLS verification is never switched off)",
    arg: "FILE"
  },
  timeout: {
    type: "string",
    help: `deadline of each probe request in ms, connect to last byte (default ${DEFAULT_TIMEOUT_MS})`,
    arg: "MS"
  }
};

// src/tasks/verify-config/live/rtc.ts
async function probeRtc(ctx, serviceUrl, sfuHost) {
  const health = joinUrl(serviceUrl, "/healthz");
  const h = await ctx.request(PROBE.rtcJwtHealth, { url: health }, "MatrixRTC authorisation service");
  const serviceDown = h === void 0;
  if (serviceDown && sfuHost === new URL(serviceUrl).host) return;
  if (h) {
    if (h.status === 200) ctx.ok(PROBE.rtcJwtHealth, "MatrixRTC authorisation service is healthy", { url: health });
    else {
      ctx.fail(
        PROBE.rtcJwtHealth,
        "error",
        `MatrixRTC authorisation service /healthz answered HTTP ${h.status}, expected 200`,
        {
          url: health,
          hint: "Check the matrix-rtc authorisation and SFU pods and the matrixRTC Ingress."
        }
      );
    }
  }
  const sfuGet = joinUrl(serviceUrl, "/sfu/get");
  const g = serviceDown ? void 0 : await ctx.request(PROBE.rtcJwtSfuGet, { url: sfuGet, retries: 0 }, "MatrixRTC /sfu/get");
  if (g) {
    if (g.status === 405) ctx.ok(PROBE.rtcJwtSfuGet, "/sfu/get reaches the authorisation service", { url: sfuGet });
    else {
      ctx.fail(
        PROBE.rtcJwtSfuGet,
        "error",
        `GET /sfu/get answered HTTP ${g.status}, expected 405 from the authorisation service`,
        {
          url: sfuGet,
          hint: "The Ingress must route /sfu/get (and /get_token) on the livekit_service_url host to the MatrixRTC authorisation service."
        }
      );
    }
  }
  const ws = `https://${sfuHost}/rtc`;
  const u = await ctx.request(PROBE.rtcSfuWebsocket, { url: ws, upgrade: true, retries: 0 }, "LiveKit SFU");
  if (!u) return;
  if (u.status === 101 || u.status === 401)
    ctx.ok(PROBE.rtcSfuWebsocket, `SFU accepts WebSocket upgrades (HTTP ${u.status})`, { url: ws });
  else {
    ctx.fail(PROBE.rtcSfuWebsocket, "error", `SFU answered a WebSocket upgrade with HTTP ${u.status}, expected 101`, {
      url: ws,
      hint: "The proxy in front of the SFU must pass Upgrade/Connection headers and route / on the MatrixRTC host to the LiveKit SFU."
    });
  }
}

// src/tasks/verify-config/live/upstream.ts
import * as oidc from "openid-client";
function codeOf(e) {
  const c = e?.code;
  return typeof c === "string" ? c : void 0;
}
function mapDiscoveryError(e) {
  const code = codeOf(e);
  const cause = e?.cause;
  switch (code) {
    case "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED":
      return { rule: PROBE.upstreamIssuerMismatch, reason: "the discovery document names a different issuer" };
    case "OAUTH_RESPONSE_IS_NOT_CONFORM": {
      const status = cause instanceof Response ? ` (HTTP ${cause.status})` : "";
      return { rule: PROBE.upstreamDiscovery, reason: `the discovery endpoint did not answer 200${status}` };
    }
    case "OAUTH_RESPONSE_IS_NOT_JSON":
    case "OAUTH_PARSE_ERROR":
      return { rule: PROBE.upstreamDiscovery, reason: "the discovery document is not JSON" };
    case "OAUTH_INVALID_RESPONSE":
      return { rule: PROBE.upstreamDiscovery, reason: "the discovery document is invalid (no issuer string)" };
    case "OAUTH_HTTP_REQUEST_FORBIDDEN":
    case "OAUTH_REQUEST_PROTOCOL_FORBIDDEN":
      return { rule: PROBE.upstreamDiscovery, reason: "the issuer is not an https URL" };
    case "OAUTH_TIMEOUT":
    case "OAUTH_ABORT":
      return { rule: PROBE.upstreamDiscovery, reason: "discovery timed out" };
    default:
      if (isMxopsError(cause)) return { rule: PROBE.upstreamDiscovery, reason: `unreachable (${cause.message})` };
      if (e instanceof TypeError) return { rule: PROBE.upstreamDiscovery, reason: "the issuer is not a valid URL" };
      return { rule: PROBE.upstreamDiscovery, reason: `discovery failed${code ? ` (${code})` : ""}` };
  }
}
async function discoverIssuer(ctx, issuer, clientId) {
  let server;
  try {
    server = new URL(issuer);
  } catch {
    return { ok: false, rule: PROBE.upstreamDiscovery, reason: "the issuer is not a valid URL" };
  }
  try {
    const config = await oidc.discovery(server, clientId, void 0, void 0, {
      [oidc.customFetch]: ctx.http.fetch,
      timeout: Math.max(1, Math.ceil(ctx.timeoutMs / 1e3))
    });
    return { ok: true, issuer: config.serverMetadata().issuer };
  } catch (e) {
    return { ok: false, ...mapDiscoveryError(e) };
  }
}
async function probeUpstreams(ctx, providers) {
  const passed = [];
  for (const p of providers) {
    if (!p.issuer) continue;
    if (/\$\{|\{\{/.test(p.issuer)) {
      ctx.ok(
        PROBE.upstreamDiscovery,
        `upstream provider ${p.id}: issuer ${p.issuer} is substituted at deploy time; not probed`
      );
      continue;
    }
    const url = `${p.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
    const out = await discoverIssuer(ctx, p.issuer, p.clientId ?? "mxops-probe");
    const hint = "MAS compares the discovered issuer with upstream_oauth2.providers[].issuer byte for byte (a trailing slash counts). Authentik's issuer is https://<host>/application/o/<app slug>/ with the trailing slash.";
    if (!out.ok) {
      ctx.fail(out.rule, "error", `upstream provider ${p.id}: OIDC discovery of ${p.issuer} failed: ${out.reason}`, {
        url,
        hint,
        data: { provider: p.id }
      });
      continue;
    }
    if (out.issuer !== p.issuer) {
      ctx.fail(
        PROBE.upstreamIssuerMismatch,
        "error",
        `upstream provider ${p.id}: configured issuer ${JSON.stringify(p.issuer)} but the provider says ${JSON.stringify(out.issuer)}`,
        {
          url,
          hint,
          data: { provider: p.id, configured: p.issuer, actual: out.issuer }
        }
      );
      continue;
    }
    ctx.ok(PROBE.upstreamDiscovery, `upstream provider ${p.id}: ${p.issuer} discovered`, { url });
    passed.push({ ...p, issuer: p.issuer });
  }
  return passed;
}

// src/tasks/verify-config/live/well-known.ts
var RTC_HINT = 'Without org.matrix.msc4143.rtc_foci clients fail to start calls with MISSING_MATRIX_RTC_FOCUS. The ESS chart publishes [{"type":"livekit","livekit_service_url":"https://<matrixRTC.ingress.host>"}] only when wellKnownDelegation.enabled is true; if something else serves https://<serverName>/.well-known/matrix/client, add the entry there.';
function httpUrl(v) {
  if (typeof v !== "string") return void 0;
  try {
    const u = new URL(v);
    return u.protocol === "https:" || u.protocol === "http:" ? v : void 0;
  } catch {
    return void 0;
  }
}
async function probeClientWellKnown(ctx, serverName, rtcEnabled) {
  const url = `https://${serverName}/.well-known/matrix/client`;
  const res = await getFollowing(ctx, PROBE.wellKnownClient, url, "client well-known");
  if (!res) return void 0;
  if (res.status !== 200) {
    ctx.fail(
      PROBE.wellKnownClient,
      "error",
      `client well-known answered HTTP ${res.status}${res.url !== url ? ` (after redirects, at ${res.url})` : ""}, expected 200`,
      {
        url,
        hint: "Clients find the homeserver, MAS and the call focus through this file. With ESS, wellKnownDelegation.enabled: true makes the chart serve it on serverName."
      }
    );
    return void 0;
  }
  const doc = parseJson(res.body);
  if (!isObject(doc)) {
    ctx.fail(PROBE.wellKnownClient, "error", "client well-known is not a JSON object", {
      url,
      hint: "Serve a JSON object (application/json)."
    });
    return void 0;
  }
  const acao = res.headers["access-control-allow-origin"];
  if (acao?.trim() !== "*") {
    ctx.fail(
      PROBE.wellKnownCors,
      "error",
      `client well-known lacks Access-Control-Allow-Origin: * (got ${acao === void 0 ? "none" : JSON.stringify(acao)})`,
      {
        url,
        hint: "Browser clients (Element Web, Element Call) cannot read the file without it; add the header where the file is served."
      }
    );
  } else ctx.ok(PROBE.wellKnownCors, "client well-known allows any origin", { url });
  const out = { url, doc, homeserverOk: false };
  const hs = doc["m.homeserver"];
  const baseUrl = isObject(hs) ? httpUrl(hs.base_url) : void 0;
  if (!baseUrl) {
    ctx.fail(PROBE.wellKnownClient, "error", "client well-known has no valid m.homeserver.base_url", {
      url,
      hint: 'Publish {"m.homeserver": {"base_url": "https://<synapse host>"}}.'
    });
  } else {
    out.baseUrl = baseUrl;
    ctx.ok(PROBE.wellKnownClient, `client well-known points at ${baseUrl}`, { url });
    out.homeserverOk = await probeVersions(ctx, baseUrl);
  }
  const foci = doc["org.matrix.msc4143.rtc_foci"];
  const livekit = Array.isArray(foci) ? foci.find((f) => isObject(f) && f.type === "livekit" && httpUrl(f.livekit_service_url)) : void 0;
  if (isObject(livekit)) out.livekitServiceUrl = String(livekit.livekit_service_url);
  if (rtcEnabled) {
    if (!out.livekitServiceUrl) {
      const what = foci === void 0 ? "has no org.matrix.msc4143.rtc_foci" : "has org.matrix.msc4143.rtc_foci without a livekit entry with a livekit_service_url";
      ctx.fail(PROBE.rtcFocus, "error", `MatrixRTC is enabled but the client well-known ${what}`, {
        url,
        hint: RTC_HINT
      });
    } else ctx.ok(PROBE.rtcFocus, `client well-known publishes the call focus ${out.livekitServiceUrl}`, { url });
  }
  return out;
}
async function probeVersions(ctx, baseUrl) {
  const url = joinUrl(baseUrl, "/_matrix/client/versions");
  const res = await ctx.request(PROBE.homeserver, { url }, "homeserver");
  if (!res) return false;
  const body = parseJson(res.body);
  if (res.status !== 200 || !isObject(body) || !Array.isArray(body.versions)) {
    ctx.fail(
      PROBE.homeserver,
      "error",
      `m.homeserver.base_url does not answer /_matrix/client/versions (HTTP ${res.status}${res.status === 200 ? ", no versions list" : ""})`,
      {
        url,
        hint: "base_url must be the public URL of Synapse's client API (the synapse Ingress host)."
      }
    );
    return false;
  }
  ctx.ok(PROBE.homeserver, `homeserver answers /_matrix/client/versions`, { url });
  return true;
}
var HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::(\d{1,5}))?$/;
async function probeServerWellKnown(ctx, serverName) {
  const url = `https://${serverName}/.well-known/matrix/server`;
  const hint = 'Serve {"m.server": "<synapse host>:443"}; federation and the MatrixRTC authorisation service look it up. ESS serves it with wellKnownDelegation.enabled: true.';
  const res = await getFollowing(ctx, PROBE.wellKnownServer, url, "server well-known");
  if (!res) return void 0;
  if (res.status !== 200) {
    ctx.fail(PROBE.wellKnownServer, "error", `server well-known answered HTTP ${res.status}, expected 200`, {
      url,
      hint
    });
    return void 0;
  }
  const doc = parseJson(res.body);
  const server = isObject(doc) ? doc["m.server"] : void 0;
  const m = typeof server === "string" ? HOST_PORT.exec(server) : null;
  if (!m || m[2] !== void 0 && (Number(m[2]) < 1 || Number(m[2]) > 65535)) {
    const got = !isObject(doc) ? "is not a JSON object" : server === void 0 ? "has no m.server" : `has an invalid m.server ${JSON.stringify(server)}`;
    ctx.fail(PROBE.wellKnownServer, "error", `server well-known ${got}`, { url, hint });
    return void 0;
  }
  ctx.ok(PROBE.wellKnownServer, `server well-known delegates to ${String(server)}`, { url });
  return String(server);
}

// src/tasks/verify-config/live/index.ts
var LIVE_MAX_BODY_BYTES = 2 * 1024 * 1024;
async function runLiveProbes(options2, hints, deps, extra = {}) {
  const serverName = options2.serverName ?? hints.serverName;
  if (!serverName) {
    throw new MxopsError(
      "MXOPS_CONFIG",
      "verify-config --live needs --server-name or a serverName in the repo's matrix-stack values"
    );
  }
  deps.redactor.add(options2.authentikToken);
  const http2 = createHttpClient({
    ...options2.ca !== void 0 ? { ca: options2.ca } : {},
    resolve: options2.resolve,
    timeoutMs: options2.timeoutMs,
    retries: options2.retries ?? 1,
    backoffMs: 200,
    maxRetryAfterMs: 5e3,
    // Discovery documents, JWKS and API pages are small; a larger answer is a misconfigured or hostile host.
    maxBodyBytes: LIVE_MAX_BODY_BYTES,
    ...extra.sleep ? { sleep: extra.sleep } : {}
  });
  const ctx = new ProbeContext(http2, deps.redactor, options2.verbose, options2.timeoutMs);
  deps.log.debug(`live probes for ${serverName}`);
  const upstream = probeUpstreams(ctx, hints.upstreamProviders);
  const [wk, mServer] = await Promise.all([
    probeClientWellKnown(ctx, serverName, hints.rtcEnabled),
    probeServerWellKnown(ctx, serverName)
  ]);
  const masExpected = hints.hosts.mas !== void 0 || hints.upstreamProviders.length > 0;
  const followUps = [];
  if (mServer) followUps.push(probeFederation(ctx, serverName, mServer));
  let masHost = hints.hosts.mas;
  if (wk) {
    followUps.push(
      probeMasDiscovery(ctx, wk, masExpected).then(async (mas) => {
        masHost ??= mas?.host;
        if (mas && wk.baseUrl && wk.homeserverOk) await probeMasDoctor(ctx, wk.baseUrl);
      })
    );
  }
  const rtcService = wk?.livekitServiceUrl ?? (hints.rtcEnabled && hints.hosts.matrixRTC ? `https://${hints.hosts.matrixRTC}` : void 0);
  if (rtcService) followUps.push(probeRtc(ctx, rtcService, hints.hosts.matrixRTC ?? new URL(rtcService).host));
  const [passed] = await Promise.all([upstream, ...followUps]);
  if (options2.authentikToken && passed.length > 0) {
    await probeAuthentik(
      ctx,
      passed.map((p) => ({ providerId: p.id, issuer: p.issuer, ...p.clientId ? { clientId: p.clientId } : {} })),
      options2.authentikToken,
      masHost
    );
  }
  return ctx.findings.sort(
    (a, b) => a.ruleId === b.ruleId ? a.message < b.message ? -1 : a.message > b.message ? 1 : 0 : a.ruleId < b.ruleId ? -1 : 1
  );
}

// src/tasks/verify-config/repo/reach.ts
import path9 from "node:path/posix";
function deployedFiles(repo) {
  const roots = entryPaths(repo);
  if (roots.length === 0) return void 0;
  const all = [...repo.allPaths];
  const kdirs = /* @__PURE__ */ new Map();
  for (const lf of repo.files) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) continue;
    kdirs.set(path9.dirname(lf.rel), isRecord2(lf.values[0]) ? lf.values[0] : {});
  }
  const ksByFile = /* @__PURE__ */ new Map();
  for (const m of repo.manifests) {
    if (!isFluxKustomization(m)) continue;
    const spec = isRecord2(m.body.spec) ? m.body.spec : {};
    const src = isRecord2(spec.sourceRef) ? spec.sourceRef : {};
    if (src.kind !== void 0 && src.kind !== "GitRepository") continue;
    const p = typeof spec.path === "string" ? spec.path : "./";
    ksByFile.set(m.file, [...ksByFile.get(m.file) ?? [], p]);
  }
  const files = /* @__PURE__ */ new Set();
  const dirs = /* @__PURE__ */ new Set();
  const norm2 = (p) => path9.normalize(p.replace(/^\.?\/+/, "") || ".");
  let allDirs;
  const reachPath = (p) => {
    if (!p.includes("${")) return reachDir(norm2(p));
    allDirs ??= [
      ...new Set(
        all.flatMap(
          (f) => f.split("/").slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join("/"))
        )
      )
    ];
    const re = new RegExp(
      `^${norm2(p).split(/\$\{[^}]*\}/).map((x) => x.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")).join("[^/]+")}$`
    );
    for (const d of allDirs) if (re.test(d)) reachDir(d);
  };
  const reachFile = (f) => {
    if (files.has(f)) return;
    files.add(f);
    for (const p of ksByFile.get(f) ?? []) reachPath(p);
  };
  const reachDir = (dir) => {
    if (dirs.has(dir)) return;
    dirs.add(dir);
    const body = kdirs.get(dir);
    if (body) {
      for (const k of ["kustomization.yaml", "kustomization.yml"])
        if (repo.allPaths.has(path9.join(dir, k))) files.add(path9.join(dir, k));
      for (const field of ["resources", "components", "crds"]) {
        const list2 = body[field];
        if (!Array.isArray(list2)) continue;
        for (const r of list2) {
          if (typeof r !== "string" || r.includes("://")) continue;
          const target2 = path9.normalize(path9.join(dir, r));
          if (repo.allPaths.has(target2)) reachFile(target2);
          else reachDir(target2);
        }
      }
      return;
    }
    const prefix = dir === "." ? "" : `${dir}/`;
    const nested = [...kdirs.keys()].filter((d) => d !== dir && (dir === "." || d.startsWith(prefix)));
    const top = nested.filter((d) => !nested.some((o) => o !== d && d.startsWith(`${o}/`)));
    for (const d of top) reachDir(d);
    for (const f of all) if (f.startsWith(prefix) && !top.some((d) => f.startsWith(`${d}/`))) reachFile(f);
  };
  for (const r of roots) reachPath(r);
  return files;
}
function entryPaths(repo) {
  const out = [];
  for (const m of repo.manifests) {
    const spec = isRecord2(m.body.spec) ? m.body.spec : void 0;
    if (isFluxKustomization(m) && spec && typeof spec.path === "string") {
      const own = path9.normalize(spec.path.replace(/^\.?\/+/, "") || ".");
      const src = isRecord2(spec.sourceRef) ? spec.sourceRef : {};
      const fromGit = src.kind === void 0 || src.kind === "GitRepository";
      const selfApplying = fromGit && !spec.path.includes("${") && (own === "." || m.file.startsWith(`${own}/`));
      if (m.name === "flux-system" || selfApplying) out.push(spec.path);
    }
    if (m.kind === "FluxInstance" && spec && isRecord2(spec.sync) && typeof spec.sync.path === "string")
      out.push(spec.sync.path);
  }
  for (const lf of repo.files) {
    if (!lf.view.text.includes("sync:")) continue;
    for (const v of lf.values) {
      const holders = isRecord2(v) ? [v, isRecord2(v.spec) && isRecord2(v.spec.values) ? v.spec.values : void 0] : [];
      for (const h of holders) {
        const inst = h && isRecord2(h.instance) ? h.instance : void 0;
        if (inst && isRecord2(inst.sync) && typeof inst.sync.path === "string") out.push(inst.sync.path);
      }
    }
  }
  return out;
}

// src/tasks/verify-config/index.ts
function guarded(name, findings, fn) {
  try {
    findings.push(...fn());
  } catch (e) {
    findings.push({
      ruleId: "verify-config/rule-failed",
      severity: "error",
      message: `internal error in ${name}: ${describeError(e)} (please report this)`
    });
  }
}
async function verifyOffline(options2, deps) {
  return withYamlParseCache(() => offlinePass(options2, deps));
}
async function offlinePass(options2, deps) {
  const root = path10.resolve(deps.cwd, options2.root ?? ".");
  const findings = [];
  const { files, unreadable } = await selectFilesWithProblems(deps.exec, { root });
  for (const u of unreadable) {
    const dir = u.rel.endsWith("/");
    findings.push({
      ruleId: "yaml/unreadable",
      severity: "error",
      message: `${dir ? "directory cannot be listed" : "file cannot be read"} (${u.code}); ${dir ? "its files were" : "it was"} not checked`,
      file: u.rel
    });
  }
  const repo = await loadRepo(root, files, findings, options2.maxFileSize);
  const exists = (rel) => existsSync2(path10.join(root, rel));
  return analyzeRepo(repo, exists, options2, deps, findings);
}
async function analyzeRepo(repo, exists, options2, deps, findings = []) {
  guarded("k8s shape", findings, () => k8sShapeFindings(repo));
  guarded("kustomize references", findings, () => kustomizeReferenceFindings(repo, exists));
  guarded("flux kustomization", findings, () => kustomizationPathFindings(repo, exists));
  guarded("flux helmrelease", findings, () => helmReleaseChartFindings(repo));
  const decrypted = await decryptSecrets(repo, options2, (s) => deps.redactor.add(s), findings);
  const providers = collectProviders(repo, decrypted);
  const resolver = new ValuesResolver(providers, namespaceResolver(repo), findings);
  const essContexts = [];
  const patchedReleases = new Set(
    repo.manifests.filter((m) => isHelmRelease(m) && repo.patchFiles.has(m.file)).map((m) => `${m.namespace ?? ""}/${m.name ?? ""}`)
  );
  for (const hr of repo.manifests.filter((m) => isHelmRelease(m) && !repo.patchFiles.has(m.file))) {
    try {
      const ev = resolver.resolve(hr);
      if (patchedReleases.has(`${hr.namespace ?? ""}/${hr.name ?? ""}`)) ev.incomplete = true;
      const chart = chartOf(hr, repo);
      if (chart.chart === ESS_CHART) essContexts.push(releaseContext(ev, repo, chart.version));
    } catch (e) {
      findings.push({
        ruleId: "verify-config/rule-failed",
        severity: "error",
        message: `internal error resolving values: ${describeError(e)}`,
        file: hr.file
      });
    }
  }
  markNestedReferences(repo, providers, resolver.referenced);
  guarded("unused values sources", findings, () => unusedValuesSourceFindings(providers, resolver.referenced));
  essContexts.push(...await plainValuesContexts(repo, options2, findings));
  for (const ctx of essContexts) {
    for (const check2 of [...ESS_CHECKS, ...VALUES_CHECKS])
      guarded(`${check2.name || "values check"} (${ctx.subject})`, findings, () => check2(ctx));
  }
  const index = repo;
  for (const check2 of REPO_CHECKS) guarded(check2.name || "repo check", findings, () => check2(index));
  return { findings: downgradeUndeployed(findings, deployedFiles(repo)), repo, essContexts };
}
var DEPLOY_RULES = /^(k8s|flux|ess)\//;
function downgradeUndeployed(findings, deployed) {
  if (!deployed) return findings;
  return findings.map(
    (f) => f.severity === "error" && f.file !== void 0 && !deployed.has(f.file) && DEPLOY_RULES.test(f.ruleId) ? { ...f, severity: "warning", message: `${f.message} (not deployed: no Flux Kustomization reaches this file)` } : f
  );
}
async function plainValuesContexts(repo, options2, findings) {
  const out = [];
  const explicit = (options2.values ?? []).map(
    (v) => path10.relative(repo.root, path10.resolve(repo.root, v)).split(path10.sep).join("/")
  );
  const chosen = [];
  for (const rel of explicit) {
    const known2 = repo.files.find((f) => f.rel === rel);
    if (known2) {
      chosen.push(known2);
      continue;
    }
    const text = await readFile3(path10.resolve(repo.root, rel), "utf8").catch((e) => {
      throw inputError(rel, "cannot read the values file", e);
    });
    chosen.push(loadText(rel, text, findings));
  }
  if (chosen.length > 0) {
    let merged = {};
    for (const f of chosen) {
      const v = f.values[0];
      if (typeof v === "object" && v !== null && !Array.isArray(v))
        merged = mergeMaps(merged, v);
    }
    out.push(valuesFileContext(chosen, repo, options2.chartVersion, merged));
  }
  for (const f of repo.files) {
    if (explicit.includes(f.rel) || !looksLikeEssValues(f)) continue;
    out.push(valuesFileContext([f], repo, options2.chartVersion, f.values[0]));
  }
  return out;
}
async function scopeFilter(options2, deps, root) {
  if (!options2.changed && !(options2.paths && options2.paths.length > 0)) return () => true;
  const sel = { root };
  if (options2.paths) sel.paths = options2.paths;
  if (options2.changed !== void 0) sel.changed = options2.changed;
  const keep = new Set((await selectFiles(deps.exec, sel)).map((f) => f.rel));
  return (f) => f.file === void 0 || keep.has(f.file);
}
async function runVerifyConfig(options2, deps) {
  const root = path10.resolve(deps.cwd, options2.root ?? ".");
  const inScope = await scopeFilter(options2, deps, root);
  const offline = await verifyOffline(options2, deps);
  const findings = offline.findings.filter(inScope);
  if (options2.live) findings.push(...await runLiveProbes(options2.live, liveHints(offline.essContexts), deps));
  return makeReport("verify-config", findings, { root });
}
async function verifyConfig(options2, deps = defaultDeps()) {
  for (const k of options2.ageKeys ?? []) for (const line of k.text.split(/\r?\n/)) deps.redactor.add(line.trim());
  deps.redactor.add(options2.agePassphrase);
  return runVerifyConfig(options2, deps);
}

// src/tasks/sops-check/index.ts
import { readFile as readFile5, stat as stat3 } from "node:fs/promises";
import path14 from "node:path";

// src/tasks/sops-check/kube.ts
import { isMap as isMap5, isPair as isPair4, isScalar as isScalar6 } from "yaml";
function str2(doc, path21) {
  const v = doc.getIn(path21);
  return typeof v === "string" ? v : void 0;
}
function findSecrets(docs) {
  const out = [];
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0 || !isMap5(doc.contents)) return;
    if (str2(doc, ["kind"]) !== "Secret") return;
    const apiVersion = str2(doc, ["apiVersion"]);
    if (apiVersion !== void 0 && apiVersion !== "v1") return;
    const fields = [];
    for (const p of doc.contents.items) {
      if (!isPair4(p) || !isScalar6(p.key)) continue;
      const k = p.key.value;
      const empty = p.value === null || isScalar6(p.value) && (p.value.value === null || p.value.value === "") || isMap5(p.value) && p.value.items.length === 0;
      if ((k === "data" || k === "stringData") && !empty) {
        fields.push({ key: k, offset: p.key.range?.[0] ?? 0 });
      }
    }
    if (fields.length > 0) {
      const s = { doc: i, fields };
      const name = str2(doc, ["metadata", "name"]);
      if (name !== void 0) s.name = name;
      out.push(s);
    }
  });
  return out;
}
function findKustomizations(file, docs) {
  const out = [];
  for (const doc of docs) {
    if (doc.errors.length > 0 || !isMap5(doc.contents)) continue;
    if (str2(doc, ["kind"]) !== "Kustomization" || !(str2(doc, ["apiVersion"]) ?? "").startsWith("kustomize.toolkit.fluxcd.io/"))
      continue;
    const raw = str2(doc, ["spec", "path"]) ?? "./";
    const norm2 = raw.replace(/^\.?\/+/, "").replace(/^\.$/, "").replace(/\/+$/, "");
    out.push({
      file,
      name: str2(doc, ["metadata", "name"]) ?? "(unnamed)",
      path: norm2,
      decryptsSops: str2(doc, ["spec", "decryption", "provider"]) === "sops",
      offset: doc.contents.range?.[0] ?? 0
    });
  }
  return out;
}

// src/tasks/sops-check/rules.ts
var SOPS_RULES = {
  "sops/not-encrypted": "error",
  "sops/plaintext-secret": "error",
  "sops/plaintext-value": "error",
  "sops/plaintext-comment": "warning",
  "sops/value-corrupt": "error",
  "sops/metadata-invalid": "error",
  "sops/metadata-missing-mac": "error",
  "sops/lastmodified-invalid": "error",
  "sops/multiple-crypt-rules": "error",
  "sops/no-key-groups": "error",
  "sops/rule-mismatch": "error",
  "sops/recipient-drift": "error",
  "sops/mac-mismatch": "error",
  "sops/no-matching-identity": "warning",
  "sops/unsupported-recipient": "warning",
  "sops/no-usable-key": "warning",
  "sops/flux-no-decryption": "error",
  "sops/file-too-large": "warning",
  "sops/unreadable": "error",
  "sops/yaml-invalid": "error",
  "sops/unsupported-format": "warning",
  "sops/config-invalid": "error",
  "sops/config-unknown-key": "warning",
  "sops/config-wrong-name": "warning"
};
function sopsRule(name) {
  const id = `sops/${name}`;
  if (!(id in SOPS_RULES)) throw new Error(`unknown sops rule ${id}`);
  return id;
}

// src/tasks/sops-check/check-file.ts
var INTERESTING = /sops|Secret|Kustomization|\\/;
var LOOKS_SECRET = /^kind:[ \t]*["']?Secret["']?[ \t]*(#.*)?$|^sops:|^\s*"sops"\s*:|"kind"\s*:\s*"Secret"/m;
function mayMatter(text) {
  return INTERESTING.test(text);
}
function at3(env, offset) {
  return env.pos(offset);
}
function leafFinding(ctx, env, leaf, ruleId, severity, message, hint) {
  const doc = leaf.doc > 0 ? ` (YAML document ${leaf.doc + 1})` : "";
  const f = { ruleId, severity, message: `${message}${doc}`, file: ctx.rel, ...at3(env, leaf.offset) };
  const kp = formatPath(leaf.keyPath);
  if (kp) f.keyPath = kp;
  if (hint) f.hint = hint;
  return f;
}
function metaOffset(env) {
  return env.metadataOffset ?? 0;
}
function compareRule(ctx, env, meta, rule, out) {
  const where = { file: ctx.rel, ...at3(env, metaOffset(env)) };
  const label = ctx.ruleLabel ?? `.sops.yaml rule #${rule.index + 1}`;
  const fileRule = `${meta.crypt.key}: ${meta.crypt.value}`;
  const want = `${rule.crypt.key}: ${rule.crypt.value}`;
  if (fileRule !== want || meta.macOnlyEncrypted !== rule.macOnlyEncrypted) {
    const exposed = fileRule === want ? [] : exposedLeaves(env, rule.crypt, checkLeaves(env, { crypt: rule.crypt }).plaintext);
    const first = exposed[0];
    const f = {
      ruleId: "sops/rule-mismatch",
      severity: first ? "error" : "warning",
      message: `the file was encrypted with ${fileRule}${meta.macOnlyEncrypted ? " (mac_only_encrypted)" : ""}, but ${label} says ${want}${rule.macOnlyEncrypted ? " (mac_only_encrypted)" : ""}` + (first ? `; ${exposed.length} value(s) that rule would encrypt are in clear, first ${formatPath(first.keyPath) || "(root)"}` : "; every value that rule would encrypt is encrypted"),
      hint: "re-encrypt the file with the current rule: sops decrypt -i FILE && sops encrypt -i FILE",
      data: { config: label, exposed: exposed.length },
      ...where
    };
    if (first) {
      Object.assign(f, at3(env, first.offset));
      const kp = formatPath(first.keyPath);
      if (kp) f.keyPath = kp;
    }
    out.push(f);
  }
  if (rule.uncomparable) return;
  const have = new Set(meta.groups.flat().map(keySourceId));
  const missing = [...rule.keys].filter((k) => !have.has(k));
  const extra = [...have].filter((k) => !rule.keys.has(k));
  if (missing.length > 0) {
    out.push({
      ruleId: "sops/recipient-drift",
      severity: "error",
      message: `missing recipient(s) from ${label}: ${missing.join(", ")} \u2014 holders of these keys cannot decrypt the file`,
      hint: "run sops updatekeys FILE",
      data: { missing, config: label },
      ...where
    });
  }
  if (extra.length > 0) {
    out.push({
      ruleId: "sops/recipient-drift",
      severity: "error",
      message: `recipient(s) not in ${label}: ${extra.join(", ")} \u2014 a removed or stale key can still decrypt the file`,
      hint: "run sops updatekeys FILE, then rotate the data key (sops rotate -i FILE)",
      data: { extra, config: label },
      ...where
    });
  }
}
function fileAt(env, leaf) {
  if (!leaf) return { line: 1, column: 1 };
  const kp = formatPath(leaf.keyPath);
  return { ...at3(env, leaf.offset), ...kp ? { keyPath: kp } : {} };
}
function plaintextFile(ctx, format, env, secrets, out) {
  const label = ctx.ruleLabel ?? `.sops.yaml rule #${(ctx.rule?.index ?? 0) + 1}`;
  if (env.errors.length > 0) {
    const e = env.errors[0];
    const parseable = format === "yaml" || format === "json";
    const secretLike = LOOKS_SECRET.test(ctx.text) && !looksTemplated(ctx.text);
    const marked = ctx.rule !== void 0 && isSopsMarkedName(ctx.rel);
    if (!secretLike && !marked) return;
    out.push({
      ruleId: parseable ? "sops/yaml-invalid" : "sops/not-encrypted",
      severity: "error",
      message: parseable ? `cannot parse the file: ${e.message}` : `the file must be encrypted (${label} covers this sops-named file) but is not a sops file`,
      file: ctx.rel,
      ...at3(env, e.offset)
    });
    return;
  }
  for (const s of secrets) {
    const leaf = secretLiteral(env, s);
    if (!leaf) continue;
    const field = s.fields.find((f) => f.key === leaf.path[0]) ?? s.fields[0];
    out.push({
      ruleId: "sops/plaintext-secret",
      severity: "error",
      message: `Kubernetes Secret${s.name ? ` ${JSON.stringify(s.name)}` : ""} has ${field.key} in plaintext and no sops metadata`,
      file: ctx.rel,
      keyPath: field.key,
      hint: "encrypt it: sops encrypt -i FILE (with a creation rule using encrypted_regex: ^(data|stringData)$)",
      ...at3(env, field.offset)
    });
    return;
  }
  if (!ctx.rule) return;
  const ev = ruleEvidence(ctx.rel, ctx.text, env, ctx.rule.crypt);
  if (!ev.must) return;
  const why = ev.why === "marked-name" ? `its name marks it as a sops file and ${label} covers it` : `${label} would encrypt ${formatPath(ev.leaf.keyPath) || "its content"} (${ctx.rule.crypt.key}: ${ctx.rule.crypt.value}), which holds a value`;
  out.push({
    ruleId: "sops/not-encrypted",
    severity: "error",
    message: `the file has no sops metadata (not encrypted), but ${why}`,
    file: ctx.rel,
    ...fileAt(env, ev.leaf),
    hint: "encrypt it: sops encrypt -i FILE; if it holds no secret, rename it or narrow the rule's path_regex",
    data: { config: label }
  });
}
function registerPlaintext(env, plain, secrets, redactor) {
  const docs = /* @__PURE__ */ new Map();
  for (const leaf of env.leaves) {
    if (leaf.kind === "comment" || leaf.keyPath.length === 0) continue;
    const value = plain.get(leaf)?.value ?? leaf.value;
    let node = docs.get(leaf.doc) ?? /* @__PURE__ */ Object.create(null);
    docs.set(leaf.doc, node);
    leaf.keyPath.forEach((seg2, i) => {
      if (i === leaf.keyPath.length - 1) {
        node[seg2] = value;
        return;
      }
      const next = node[seg2];
      const child = typeof next === "object" && next !== null ? next : typeof leaf.keyPath[i + 1] === "number" ? [] : /* @__PURE__ */ Object.create(null);
      node[seg2] = child;
      node = child;
    });
  }
  for (const [i, body] of docs) {
    registerDecrypted(body, (s) => redactor.add(s), { secretData: secrets.some((s) => s.doc === i) });
  }
}
async function checkFile(ctx) {
  const out = { findings: [], encrypted: false, kustomizations: [] };
  const format = formatForPath(ctx.rel);
  if (!ctx.rule && !mayMatter(ctx.text)) return out;
  if (format === "ini") {
    if (ctx.rule || /^\[sops\]/m.test(ctx.text)) {
      out.findings.push({
        ruleId: "sops/unsupported-format",
        severity: "warning",
        message: "sops INI files are not checked by mxops (YAML, JSON, dotenv and binary are)",
        file: ctx.rel,
        line: 1
      });
    }
    return out;
  }
  if (!ctx.rule && format !== "yaml" && format !== "json" && !ctx.text.includes("sops")) return out;
  let docs;
  if (format === "yaml" || format === "json" || format === "binary") {
    if (format === "binary" && !ctx.rule && !ctx.text.trimStart().startsWith("{")) return out;
    docs = parseSopsYamlDocs(ctx.text);
  }
  const env = loadEnvelope(ctx.text, format, docs);
  const secrets = docs ? findSecrets(docs) : [];
  if (docs) out.kustomizations = findKustomizations(ctx.rel, docs);
  const hasMeta = env.metadata !== void 0;
  out.encrypted = hasMeta;
  if (!hasMeta) {
    plaintextFile(ctx, format, env, secrets, out.findings);
    return out;
  }
  for (const e of env.errors)
    out.findings.push({
      ruleId: "sops/yaml-invalid",
      severity: "error",
      message: `cannot parse the file: ${e.message}`,
      file: ctx.rel,
      ...at3(env, e.offset)
    });
  if (env.errors.length > 0) return out;
  const { metadata, problems } = envelopeMetadata(env);
  for (const p of problems) {
    out.findings.push({
      ruleId: sopsRule(p.rule),
      severity: SOPS_RULES[sopsRule(p.rule)],
      message: p.message,
      file: ctx.rel,
      ...at3(env, metaOffset(env)),
      ...p.key ? { keyPath: `sops.${p.key}` } : {}
    });
  }
  if (!metadata) return out;
  const leaves = checkLeaves(env, metadata);
  for (const l of leaves.plaintext) {
    out.findings.push(
      leafFinding(
        ctx,
        env,
        l,
        "sops/plaintext-value",
        "error",
        `value must be encrypted under the file's ${metadata.crypt.key} rule but is in plaintext`,
        "encrypt the file again with sops (sops encrypt -i FILE after decrypting), never edit ciphertext files by hand"
      )
    );
  }
  for (const l of leaves.malformed) {
    out.findings.push(
      leafFinding(
        ctx,
        env,
        l,
        "sops/value-corrupt",
        "error",
        "value looks encrypted but is not a well-formed sops ENC[AES256_GCM,\u2026] value"
      )
    );
  }
  for (const l of leaves.plaintextComments) {
    out.findings.push(
      leafFinding(
        ctx,
        env,
        l,
        "sops/plaintext-comment",
        "warning",
        "comment is in plaintext where sops would have encrypted it (comments are not covered by the MAC)"
      )
    );
  }
  const reported = new Set(leaves.plaintext);
  for (const s of secrets) {
    for (const l of env.leaves) {
      if (l.doc !== s.doc || reported.has(l) || l.kind === "null" || l.kind === "comment") continue;
      if (l.path[0] !== "data" && l.path[0] !== "stringData") continue;
      if (typeof l.value === "string" && isPlaceholder(l.value)) continue;
      out.findings.push(
        leafFinding(
          ctx,
          env,
          l,
          "sops/plaintext-value",
          "error",
          `Secret ${l.path[0]} value is in plaintext: the file's crypt rule (${metadata.crypt.key}: ${metadata.crypt.value}) leaves it unencrypted`,
          "use encrypted_regex: ^(data|stringData)$ for Kubernetes Secrets"
        )
      );
    }
  }
  if (ctx.expected) compareRule(ctx, env, metadata, ctx.expected, out.findings);
  const fatal = problems.some((p) => p.rule !== "metadata-invalid" && p.rule !== "metadata-missing-mac");
  if (!ctx.identities || ctx.identities.list.length === 0 || fatal || metadata.groups.length === 0) return out;
  const unwrapped = await unwrapDataKey(metadata, ctx.identities);
  const metaAt = { file: ctx.rel, ...at3(env, metaOffset(env)) };
  if (!unwrapped.ok) {
    const rule = unwrapped.reason === "shamir-failed" ? "no-matching-identity" : unwrapped.reason;
    out.findings.push({ ruleId: sopsRule(rule), severity: "warning", message: unwrapped.message, ...metaAt });
    return out;
  }
  const v = verifyWithKey(env, metadata, unwrapped.key);
  registerPlaintext(env, v.plain, secrets, ctx.redactor);
  for (const l of v.corrupt) {
    out.findings.push(
      leafFinding(
        ctx,
        env,
        l,
        "sops/value-corrupt",
        "error",
        "value does not decrypt with the file's data key (edited ciphertext, or moved to another key path)"
      )
    );
  }
  if (v.status === "mismatch" || v.status === "mac-undecryptable") {
    out.findings.push({
      ruleId: "sops/mac-mismatch",
      severity: "error",
      message: v.status === "mismatch" ? "MAC mismatch: the file's values were changed after encryption" : "the stored MAC does not decrypt with the data key and lastmodified (metadata edited)",
      keyPath: "sops.mac",
      hint: "sops decrypt refuses this file; restore it from a trusted version or re-encrypt from a trusted plaintext",
      ...metaAt
    });
  }
  v.plain.clear();
  return out;
}

// src/tasks/sops-check/config.ts
import { readFile as readFile4, stat as stat2 } from "node:fs/promises";
import path11 from "node:path";
import { isAlias as isAlias3, isMap as isMap6, isPair as isPair5, isScalar as isScalar7, isSeq as isSeq3, parseDocument } from "yaml";
var MAX_ALIAS_COUNT2 = 1e4;
var RULE_KEYS = /* @__PURE__ */ new Set([
  "path_regex",
  "kms",
  "aws_profile",
  "age",
  "pgp",
  "gcp_kms",
  "hckms",
  "azure_keyvault",
  "hc_vault_transit_uri",
  "key_groups",
  "shamir_threshold",
  ...CRYPT_RULE_KEYS,
  "mac_only_encrypted"
]);
function keyList(v, splitItems = false) {
  const split = (s) => s.split(",").map((x) => x.trim()).filter((x) => x !== "");
  if (typeof v === "string") return split(v);
  if (Array.isArray(v))
    return v.filter((x) => typeof x === "string").flatMap((s) => splitItems ? split(s) : [s.trim()]);
  return [];
}
function addKeys(keys2, src) {
  for (const r of keyList(src.age, true)) keys2.add(`age:${r}`);
  for (const f of keyList(src.pgp)) keys2.add(`pgp:${f.replace(/\s+/g, "").toUpperCase()}`);
  const kms = src.kms;
  if (Array.isArray(kms) && kms.some((k) => typeof k === "object")) {
    for (const k of kms)
      if (k && typeof k === "object" && typeof k.arn === "string")
        keys2.add(`kms:${k.arn}`);
  } else for (const a of keyList(kms)) keys2.add(`kms:${a}`);
  const gcp = src.gcp_kms;
  if (Array.isArray(gcp) && gcp.some((k) => typeof k === "object")) {
    for (const k of gcp)
      if (k && typeof k === "object" && typeof k.resource_id === "string")
        keys2.add(`gcp_kms:${k.resource_id}`);
  } else for (const a of keyList(gcp)) keys2.add(`gcp_kms:${a}`);
  let uncomparable = ["azure_keyvault", "hc_vault_transit_uri", "hc_vault", "hckms"].some(
    (k) => src[k] !== void 0 && src[k] !== null && src[k] !== ""
  );
  if (Array.isArray(src.merge)) {
    for (const m of src.merge)
      if (m && typeof m === "object") uncomparable = addKeys(keys2, m) || uncomparable;
  }
  return uncomparable;
}
function parseSopsConfig(file, text) {
  const dir = path11.dirname(file);
  const cfg = { file, dir, rules: [], problems: [] };
  const pos = positionIndex(text);
  const doc = parseDocument(text, { uniqueKeys: true, merge: true, logLevel: "silent", prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    cfg.problems.push({
      ruleId: "sops/config-invalid",
      severity: "error",
      message: `.sops.yaml is not valid YAML: ${yamlErrorMessage(e.code)}`,
      ...pos(e.pos[0])
    });
    return cfg;
  }
  const rules = doc.get("creation_rules", true);
  if (!rules) return cfg;
  let resolved;
  try {
    resolved = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT2 });
  } catch {
    cfg.problems.push({
      ruleId: "sops/config-invalid",
      severity: "error",
      message: `.sops.yaml expands YAML aliases beyond ${MAX_ALIAS_COUNT2} nodes; not evaluated`,
      line: 1,
      column: 1
    });
    return cfg;
  }
  const resolvedRules = resolved?.creation_rules;
  if (!isSeq3(rules) || !Array.isArray(resolvedRules)) {
    cfg.problems.push({
      ruleId: "sops/config-invalid",
      severity: "error",
      message: "creation_rules must be a list",
      ...pos(rules.range?.[0] ?? 0)
    });
    return cfg;
  }
  rules.items.forEach((raw, index) => {
    const item = isAlias3(raw) ? raw.resolve(doc) : raw;
    const at4 = pos(item?.range?.[0] ?? 0);
    if (!isMap6(item)) {
      cfg.problems.push({
        ruleId: "sops/config-invalid",
        severity: "error",
        message: `creation_rules[${index}] (rule #${index + 1}) must be a mapping`,
        ...at4
      });
      return;
    }
    for (const p of item.items) {
      if (isPair5(p) && isScalar7(p.key) && typeof p.key.value !== "symbol" && p.key.value !== "<<" && !RULE_KEYS.has(String(p.key.value))) {
        const k = String(p.key.value);
        const hint = k === "path_regexp" ? " (did you mean path_regex? sops ignores this field, so the rule matches every file)" : " (sops ignores it)";
        cfg.problems.push({
          ruleId: "sops/config-unknown-key",
          severity: "warning",
          message: `creation_rules[${index}]: unknown field ${JSON.stringify(k)}${hint}`,
          ...pos(p.key.range?.[0] ?? 0)
        });
      }
    }
    const js = resolvedRules[index] ?? {};
    const rule = {
      index,
      config: file,
      keys: /* @__PURE__ */ new Set(),
      uncomparable: false,
      crypt: { key: "unencrypted_suffix", value: "_unencrypted", isDefault: true },
      macOnlyEncrypted: js.mac_only_encrypted === true,
      line: at4.line
    };
    if (typeof js.path_regex === "string" && js.path_regex !== "") {
      rule.pathRegex = js.path_regex;
      if (!re2(js.path_regex)) {
        cfg.problems.push({
          ruleId: "sops/config-invalid",
          severity: "error",
          message: `creation_rules[${index}].path_regex does not compile as an RE2 regular expression`,
          ...at4
        });
      }
    }
    rule.uncomparable = addKeys(rule.keys, js);
    if (Array.isArray(js.key_groups)) {
      for (const g of js.key_groups)
        if (g && typeof g === "object")
          rule.uncomparable = addKeys(rule.keys, g) || rule.uncomparable;
    }
    const crypts = CRYPT_RULE_KEYS.filter((k) => typeof js[k] === "string" && js[k] !== "");
    if (crypts.length > 1) {
      cfg.problems.push({
        ruleId: "sops/config-invalid",
        severity: "error",
        message: `creation_rules[${index}] sets more than one crypt rule (${crypts.join(", ")}); sops refuses it`,
        ...at4
      });
    }
    if (crypts.length >= 1) rule.crypt = { key: crypts[0], value: js[crypts[0]], isDefault: false };
    cfg.rules.push(rule);
  });
  return cfg;
}
function matchRule(cfg, absFile) {
  const prefix = cfg.dir.endsWith(path11.sep) ? cfg.dir : cfg.dir + path11.sep;
  const rel = absFile.startsWith(prefix) ? absFile.slice(prefix.length) : absFile;
  const relSlash = rel.split(path11.sep).join("/");
  for (const r of cfg.rules) {
    if (r.pathRegex === void 0) return r;
    const re = re2(r.pathRegex);
    if (re?.matcher(relSlash).find()) return r;
  }
  return void 0;
}
var ConfigLookup = class {
  constructor(override) {
    this.override = override;
  }
  override;
  byDir = /* @__PURE__ */ new Map();
  loaded = /* @__PURE__ */ new Map();
  ignoredNames = /* @__PURE__ */ new Set();
  async forFile(absFile) {
    if (this.override) return this.load(this.override);
    return this.forDir(path11.dirname(absFile), 0);
  }
  forDir(dir, depth) {
    let p = this.byDir.get(dir);
    if (!p) {
      p = (async () => {
        const candidate = path11.join(dir, ".sops.yaml");
        if ((await stat2(candidate).catch(() => void 0))?.isFile()) return this.load(candidate);
        const alt = path11.join(dir, ".sops.yml");
        if ((await stat2(alt).catch(() => void 0))?.isFile()) this.ignoredNames.add(alt);
        const parent2 = path11.dirname(dir);
        if (parent2 === dir || depth >= 100) return void 0;
        return this.forDir(parent2, depth + 1);
      })();
      this.byDir.set(dir, p);
    }
    return p;
  }
  async load(file) {
    const hit = this.loaded.get(file);
    if (hit) return hit;
    const cfg = parseSopsConfig(file, await readFile4(file, "utf8"));
    this.loaded.set(file, cfg);
    return cfg;
  }
};
function configFindings(lookup, root) {
  const out = [];
  const rel = (f) => path11.relative(root, f).split(path11.sep).join("/");
  for (const cfg of lookup.loaded.values()) {
    for (const p of cfg.problems)
      out.push({
        ruleId: p.ruleId,
        severity: p.severity,
        message: p.message,
        file: rel(cfg.file),
        line: p.line,
        column: p.column
      });
  }
  for (const f of lookup.ignoredNames) {
    out.push({
      ruleId: "sops/config-wrong-name",
      severity: "warning",
      message: "sops only reads .sops.yaml; this .sops.yml is ignored",
      file: rel(f),
      hint: "rename it to .sops.yaml"
    });
  }
  return out;
}

// src/core/kustomize/build.ts
import path12 from "node:path/posix";

// src/core/kustomize/select.ts
function isRecord4(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function stringMap(v) {
  const out = /* @__PURE__ */ Object.create(null);
  if (!isRecord4(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === "string") out[k] = x;
  return out;
}
function objectId(obj2) {
  const meta = isRecord4(obj2.metadata) ? obj2.metadata : {};
  const id = { labels: stringMap(meta.labels), annotations: stringMap(meta.annotations) };
  if (typeof obj2.apiVersion === "string") id.apiVersion = obj2.apiVersion;
  if (typeof obj2.kind === "string") id.kind = obj2.kind;
  if (typeof meta.name === "string") id.name = meta.name;
  if (typeof meta.namespace === "string") id.namespace = meta.namespace;
  return id;
}
function toSelector(v) {
  if (!isRecord4(v)) return void 0;
  const s = {};
  for (const k of ["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"]) {
    const x = v[k];
    if (typeof x === "string" && x !== "") s[k] = x;
  }
  return s;
}
function fieldMatches(pattern, value) {
  if (pattern === void 0) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}
function selectorMatches(sel, id) {
  const apiVersion = id.apiVersion ?? "";
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return fieldMatches(sel.group, group) && fieldMatches(sel.version, version) && fieldMatches(sel.kind, id.kind ?? "") && fieldMatches(sel.name, id.name ?? "") && // An object without a namespace gets one only when applied; such a selector field cannot exclude it here.
  (id.namespace === void 0 || fieldMatches(sel.namespace, id.namespace)) && (sel.labelSelector === void 0 || labelSelectorMatches(sel.labelSelector, id.labels)) && (sel.annotationSelector === void 0 || labelSelectorMatches(sel.annotationSelector, id.annotations));
}
function labelSelectorMatches(expr, labels) {
  const reqs = splitRequirements(expr);
  if (!reqs) return false;
  const has = (k) => Object.prototype.hasOwnProperty.call(labels, k);
  for (const r of reqs) {
    const set = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(r);
    const eq = /^([^\s!=(),]+)\s*(!=|==|=)\s*([^\s!=(),]*)$/.exec(r);
    const exists = /^(!?)([^\s!=(),]+)$/.exec(r);
    if (set) {
      const v = has(set[1]) ? labels[set[1]] : void 0;
      const inSet = v !== void 0 && set[3].split(",").some((x) => x.trim() === v);
      if (set[2] === "in" ? !inSet : inSet) return false;
    } else if (eq) {
      const v = has(eq[1]) ? labels[eq[1]] : void 0;
      if (eq[2] === "!=" ? v === eq[3] : v !== eq[3]) return false;
    } else if (exists) {
      if (has(exists[2]) === (exists[1] === "!")) return false;
    } else return false;
  }
  return true;
}
function splitRequirements(expr) {
  const out = [];
  let depth = 0;
  let cur = "";
  for (const c of expr) {
    if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return void 0;
    if (c === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  if (depth !== 0) return void 0;
  out.push(cur.trim());
  return out.filter((r) => r !== "");
}

// src/core/kustomize/build.ts
var KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
var MAX_DEPTH2 = 64;
var MAX_DOCS = 2e5;
function isRecord5(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function list(v) {
  return Array.isArray(v) ? v : [];
}
function isRemote(ref) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || /^(git@|github\.com\/|gitlab\.com\/)/.test(ref) || ref.includes("?ref=");
}
function isFluxKustomization2(id) {
  return id.kind === "Kustomization" && (id.apiVersion ?? "").startsWith("kustomize.toolkit.fluxcd.io/");
}
function normaliseSourcePath(p) {
  const out = [];
  for (const seg2 of p.split("/")) {
    if (seg2 === "" || seg2 === ".") continue;
    if (seg2 === "..") out.pop();
    else out.push(seg2);
  }
  return out.join("/");
}
var KustomizeTree = class {
  /**
   * @param files every file of the tree, root-relative with `/` separators
   * @param readText the text of a file, or undefined when it cannot or must not be read (size cap)
   */
  constructor(files, readText) {
    this.readText = readText;
    this.fileSet = new Set(files);
    this.dirs.set("", { files: [], dirs: [] });
    for (const f of [...files].sort()) {
      let dir = path12.dirname(f);
      if (dir === ".") dir = "";
      this.entry(dir).files.push(f);
    }
  }
  readText;
  dirs = /* @__PURE__ */ new Map();
  fileSet;
  parsed = /* @__PURE__ */ new Map();
  memo = /* @__PURE__ */ new Map();
  docsRead = 0;
  entry(dir) {
    let e = this.dirs.get(dir);
    if (!e) {
      e = { files: [], dirs: [] };
      this.dirs.set(dir, e);
      const parent2 = path12.dirname(dir);
      this.entry(parent2 === "." ? "" : parent2).dirs.push(dir);
    }
    return e;
  }
  /** True when `rel` is a directory holding files. */
  isDir(rel) {
    return this.dirs.has(rel);
  }
  /** Plain documents of a YAML/JSON file with their start lines; undefined when unreadable. */
  docs(rel) {
    let p = this.parsed.get(rel);
    if (!p) {
      p = this.readText(rel).then((text) => {
        if (text === void 0) return void 0;
        const parsed = parseYaml(text);
        return parsed.docs.map((d) => {
          const js = d.errors.length > 0 ? void 0 : toJS(d);
          const start = d.contents?.range?.[0] ?? d.range[0];
          return { value: js && "value" in js ? js.value : void 0, line: parsed.lineCounter.linePos(start).line };
        });
      });
      this.parsed.set(rel, p);
    }
    return p;
  }
  /**
   * Objects a Flux Kustomization with `spec.path` = `dir` applies: the directory's kustomization file, or the
   * one Flux generates (every `.yaml`/`.yml` below it; a subdirectory with its own kustomization file is built
   * as a whole). `fluxPatches` are the Kustomization's `spec.patches`. Undefined when the directory does not exist.
   */
  async buildFlux(dir, fluxPatches) {
    if (!this.isDir(dir)) return void 0;
    const res = await this.build(dir, true, []);
    const patches = [];
    for (const p of list(fluxPatches)) {
      if (isRecord5(p) && typeof p.patch === "string") patches.push(...this.patchesOf(p.patch, p.target));
    }
    applyPatches(patches, res);
    return res;
  }
  /** What `kustomize build dir` emits (the directory must hold a kustomization file). */
  async buildKustomize(dir) {
    return this.build(dir, false, []);
  }
  async build(dir, generate, stack) {
    if (stack.includes(dir) || stack.length > MAX_DEPTH2) return [];
    const key2 = `${generate ? "g" : "k"}:${dir}`;
    let p = this.memo.get(key2);
    if (!p) {
      p = this.buildUncached(dir, generate, [...stack, dir]);
      this.memo.set(key2, p);
    }
    return (await p).map((r) => ({ ...r }));
  }
  kustomizationFile(dir) {
    return KUSTOMIZATION_FILES.map((n) => dir ? `${dir}/${n}` : n).find((f) => this.fileSet.has(f));
  }
  async buildUncached(dir, generate, stack) {
    const kfile = this.kustomizationFile(dir);
    const res = [];
    if (!kfile) {
      if (generate) await this.scan(dir, res, stack);
      return res;
    }
    const body = (await this.docs(kfile))?.[0]?.value;
    if (isRecord5(body)) await this.apply(dir, body, res, stack);
    return res;
  }
  /** Flux's generated kustomization: manifests below `dir`, whole kustomize directories where they start. */
  async scan(dir, res, stack) {
    const e = this.dirs.get(dir);
    if (!e) return;
    for (const f of e.files) if (/\.ya?ml$/.test(f)) await this.addFile(f, res);
    for (const sub of [...e.dirs].sort()) {
      if (this.kustomizationFile(sub)) res.push(...await this.build(sub, false, stack));
      else await this.scan(sub, res, stack);
    }
  }
  async addFile(rel, res) {
    const docs = await this.docs(rel);
    if (!docs || (this.docsRead += docs.length) > MAX_DOCS) return;
    docs.forEach((d, i) => {
      if (!isRecord5(d.value)) return;
      const id = objectId(d.value);
      if (id.kind === void 0) return;
      res.push({ file: rel, doc: i, line: d.line, id, object: d.value, patchedSops: false });
    });
  }
  /** Resources, then components, then patches of one kustomization (or component) body. */
  async apply(dir, body, res, stack) {
    for (const ref of [...list(body.resources), ...list(body.bases)]) {
      if (typeof ref !== "string" || isRemote(ref)) continue;
      const rel = normaliseSourcePath(path12.join(dir, ref));
      if (path12.join(dir, ref).startsWith("..")) continue;
      if (this.isDir(rel)) res.push(...await this.build(rel, false, stack));
      else if (this.fileSet.has(rel)) await this.addFile(rel, res);
    }
    for (const ref of list(body.components)) {
      if (typeof ref !== "string" || isRemote(ref)) continue;
      const rel = normaliseSourcePath(path12.join(dir, ref));
      const kfile = this.kustomizationFile(rel);
      if (!kfile || stack.includes(rel) || stack.length > MAX_DEPTH2) continue;
      const cbody = (await this.docs(kfile))?.[0]?.value;
      if (isRecord5(cbody)) await this.apply(rel, cbody, res, [...stack, rel]);
    }
    applyPatches(await this.kustomizationPatches(dir, body), res);
  }
  async kustomizationPatches(dir, body) {
    const out = [];
    const text = async (p) => {
      if (typeof p.patch === "string") return p.patch;
      if (typeof p.path === "string") return this.readText(normaliseSourcePath(path12.join(dir, p.path)));
      return void 0;
    };
    for (const p of [...list(body.patches), ...list(body.patchesJson6902)]) {
      if (!isRecord5(p)) continue;
      const t = await text(p);
      if (t !== void 0) out.push(...this.patchesOf(t, p.target));
    }
    for (const p of list(body.patchesStrategicMerge)) {
      if (typeof p !== "string") continue;
      const t = p.includes("\n") ? p : await this.readText(normaliseSourcePath(path12.join(dir, p)));
      if (t !== void 0) out.push(...this.patchesOf(t, void 0));
    }
    return out;
  }
  /** The decryption-adding patches in one patch text (strategic merge documents or a JSON 6902 list). */
  patchesOf(text, rawTarget) {
    const target2 = toSelector(rawTarget);
    const out = [];
    for (const doc of parseYaml(text).docs) {
      if (doc.errors.length > 0) continue;
      const js = toJS(doc);
      if (!("value" in js)) continue;
      const v = js.value;
      if (Array.isArray(v)) {
        if (target2 && v.some(jsonOpAddsSops)) out.push({ target: target2 });
      } else if (isRecord5(v) && addsSops(v)) {
        out.push(target2 ? { target: target2 } : { self: objectId(v) });
      }
    }
    return out;
  }
};
function addsSops(obj2) {
  const spec = obj2.spec;
  return isRecord5(spec) && isRecord5(spec.decryption) && spec.decryption.provider === "sops";
}
function jsonOpAddsSops(op) {
  if (!isRecord5(op) || op.op !== "add" && op.op !== "replace") return false;
  if (op.path === "/spec/decryption") return isRecord5(op.value) && op.value.provider === "sops";
  if (op.path === "/spec/decryption/provider") return op.value === "sops";
  if (op.path === "/spec") return isRecord5(op.value) && addsSops({ spec: op.value });
  return false;
}
function applyPatches(patches, res) {
  for (const p of patches) {
    for (const r of res) {
      if (!isFluxKustomization2(r.id)) continue;
      if (p.target ? selectorMatches(p.target, r.id) : p.self && sameObject(p.self, r.id)) r.patchedSops = true;
    }
  }
}
function sameObject(patch, id) {
  return patch.kind === id.kind && patch.name === id.name && (patch.namespace === void 0 || id.namespace === void 0 || patch.namespace === id.namespace);
}

// src/tasks/sops-check/flux.ts
function isRecord6(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
async function writtenKustomizations(tree, files) {
  const out = [];
  for (const file of files) {
    const docs = await tree.docs(file) ?? [];
    docs.forEach((d, doc) => {
      if (!isRecord6(d.value)) return;
      const id = objectId(d.value);
      if (!isFluxKustomization2(id)) return;
      const spec = isRecord6(d.value.spec) ? d.value.spec : {};
      out.push({ file, doc, line: d.line, name: id.name ?? "(unnamed)", spec });
    });
  }
  return out;
}
function selfSources2(ks) {
  const uses = /* @__PURE__ */ new Map();
  for (const k of ks) {
    const src = isRecord6(k.spec.sourceRef) ? k.spec.sourceRef : {};
    if ((src.kind === void 0 || src.kind === "GitRepository") && typeof src.name === "string")
      uses.set(src.name, (uses.get(src.name) ?? 0) + 1);
  }
  const top = [...uses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return /* @__PURE__ */ new Set(["flux-system", ...top ? [top[0]] : []]);
}
function builtDir(k, self) {
  const src = isRecord6(k.spec.sourceRef) ? k.spec.sourceRef : {};
  if (src.kind !== void 0 && src.kind !== "GitRepository") return void 0;
  if (typeof src.name === "string" && !self.has(src.name)) return void 0;
  const raw = k.spec.path ?? "./";
  if (typeof raw !== "string" || raw.includes("${")) return void 0;
  return normaliseSourcePath(raw);
}
var key = (file, doc) => `${file}#${doc}`;
async function syncPaths(tree, files) {
  const out = [];
  for (const file of files) {
    for (const d of await tree.docs(file) ?? []) {
      const v = d.value;
      if (!isRecord6(v)) continue;
      const spec = isRecord6(v.spec) ? v.spec : {};
      const holders = [
        v.kind === "FluxInstance" ? { sync: spec.sync } : void 0,
        v.instance,
        isRecord6(spec.values) ? spec.values.instance : void 0
      ];
      for (const h of holders) {
        if (isRecord6(h) && isRecord6(h.sync) && typeof h.sync.path === "string" && !h.sync.path.includes("${"))
          out.push(normaliseSourcePath(h.sync.path));
      }
    }
  }
  return [...new Set(out)];
}
function liveKustomizations(ks, builds, entries) {
  if (entries.size === 0) return void 0;
  const byKey = new Map(ks.map((k) => [key(k.file, k.doc), k]));
  const live = /* @__PURE__ */ new Set();
  const queue = [...entries];
  while (queue.length > 0) {
    const k = byKey.get(queue.pop());
    if (!k || live.has(key(k.file, k.doc))) continue;
    live.add(key(k.file, k.doc));
    for (const r of builds.get(k) ?? []) if (isFluxKustomization2(r.id)) queue.push(key(r.file, r.doc));
  }
  return live;
}
async function fluxDecryptionFindings(tree, kustomizationFiles, encrypted) {
  const files = [...new Set(kustomizationFiles)].sort();
  const ks = await writtenKustomizations(tree, files);
  const self = selfSources2(ks);
  const patched = /* @__PURE__ */ new Set();
  const reached = /* @__PURE__ */ new Set();
  const builds = /* @__PURE__ */ new Map();
  const entries = /* @__PURE__ */ new Set();
  for (const k of ks) {
    const dir = builtDir(k, self);
    if (dir === void 0) continue;
    const built = await tree.buildFlux(dir, k.spec.patches);
    if (!built) continue;
    builds.set(k, built);
    for (const r of built) {
      if (!isFluxKustomization2(r.id)) continue;
      reached.add(key(r.file, r.doc));
      if (r.patchedSops) patched.add(key(r.file, r.doc));
      if (r.file === k.file && r.doc === k.doc) entries.add(key(k.file, k.doc));
    }
    if (k.name === "flux-system") entries.add(key(k.file, k.doc));
  }
  for (const dir of await syncPaths(tree, files)) {
    for (const r of await tree.buildFlux(dir, void 0) ?? [])
      if (isFluxKustomization2(r.id)) entries.add(key(r.file, r.doc));
  }
  const live = liveKustomizations(ks, builds, entries);
  const out = [];
  for (const [k, built] of builds) {
    if (live && !live.has(key(k.file, k.doc))) continue;
    const own = isRecord6(k.spec.decryption) && k.spec.decryption.provider === "sops";
    if (own || patched.has(key(k.file, k.doc))) continue;
    const related = [];
    const seen = /* @__PURE__ */ new Set();
    for (const r of built) {
      if (seen.has(r.file) || !encrypted.has(r.file)) continue;
      const fmt = formatForPath(r.file);
      if (fmt !== "yaml" && fmt !== "json") continue;
      seen.add(r.file);
      related.push({ file: r.file, line: r.line, message: "SOPS-encrypted, applied by this Kustomization" });
    }
    if (related.length === 0) continue;
    related.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    out.push({
      ruleId: "sops/flux-no-decryption",
      severity: "error",
      message: `Flux Kustomization ${JSON.stringify(k.name)} applies ${related.length} SOPS-encrypted file(s) without spec.decryption.provider: sops, so ciphertext would reach the cluster (first: ${related[0].file})`,
      file: k.file,
      line: k.line,
      hint: "add spec.decryption: {provider: sops, secretRef: {name: sops-age}} to the Kustomization, or patch it in from the parent Kustomization",
      data: { kustomization: k.name, files: related.map((r) => r.file) },
      related
    });
  }
  return out;
}

// src/tasks/sops-check/keys.ts
import path13 from "node:path";
async function loadIdentities(o, cwd, onSecret) {
  const sources = [];
  if (o.ageKeyFile) {
    const f = path13.resolve(cwd, o.ageKeyFile);
    let text;
    try {
      text = await readSmallFile(f);
    } catch (e) {
      const code = e.code;
      throw new MxopsError(
        "MXOPS_INPUT",
        code === "EFBIG" ? `${o.ageKeyFile}: larger than 1 MiB, so not an age key file` : `${o.ageKeyFile}: cannot read the age key file (${code ?? "error"})`,
        { file: o.ageKeyFile }
      );
    }
    sources.push({ origin: o.ageKeyFile, text });
  }
  if (o.ageKey) {
    onSecret(o.ageKey);
    sources.push({ origin: "SOPS_AGE_KEY", text: o.ageKey, multiplePerLine: true });
  }
  if (o.defaultAgeKeyFile) {
    const text = await readSmallFile(o.defaultAgeKeyFile).catch(() => void 0);
    if (text !== void 0) sources.push({ origin: o.defaultAgeKeyFile, text });
  }
  if (sources.length === 0) return void 0;
  const opts = { onSecret };
  if (o.passphrase !== void 0) opts.passphrase = o.passphrase;
  return loadAgeIdentities(sources, opts);
}

// src/tasks/sops-check/index.ts
var CONFIG_NAMES = /* @__PURE__ */ new Set([".sops.yaml", ".sops.yml"]);
async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
function unreadableFinding(rel, code) {
  const dir = rel.endsWith("/");
  return {
    ruleId: "sops/unreadable",
    severity: "error",
    message: `${dir ? "directory cannot be listed" : "file cannot be read"} (${/^[A-Z0-9_]{1,32}$/.test(code) ? code : "error"}); ${dir ? "its files were" : "it was"} not checked`,
    file: rel,
    hint: "make it readable for the user running mxops, or exclude it from the GitOps tree"
  };
}
async function readCapped(abs, maxBytes) {
  try {
    if ((await stat3(abs)).size > maxBytes) return void 0;
    return await readFile5(abs, "utf8");
  } catch {
    return void 0;
  }
}
var FLUX_TEXT = /kustomize\.toolkit\.fluxcd\.io|\bsync:/;
async function allFluxFiles(deps, root, maxBytes) {
  const files = await selectFiles(deps.exec, { root });
  const out = [];
  await pool(files, 32, async (f) => {
    if (formatForPath(f.rel) !== "yaml") return;
    const text = await readCapped(f.abs, maxBytes);
    if (text !== void 0 && FLUX_TEXT.test(text)) out.push(f.rel);
  });
  return out;
}
async function runSopsCheck(options2, deps) {
  const root = path14.resolve(deps.cwd, options2.root);
  const maxBytes = options2.maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
  const select = { root };
  if (options2.paths && options2.paths.length > 0) select.paths = options2.paths;
  if (options2.changed !== void 0) select.changed = options2.changed;
  const { files, unreadable } = await selectFilesWithProblems(deps.exec, select);
  const identities = await loadIdentities(options2, deps.cwd, (s) => deps.redactor.add(s));
  let configPath;
  if (options2.config) {
    configPath = path14.resolve(deps.cwd, options2.config);
    if (!(await stat3(configPath).catch(() => void 0))?.isFile())
      throw inputError(options2.config, "no such .sops.yaml file");
  }
  const lookup = new ConfigLookup(configPath);
  const findings = unreadable.map((u) => unreadableFinding(u.rel, u.code));
  const encrypted = [];
  let fluxFiles = [];
  deps.log.debug(
    `sops-check: ${files.length} file(s) selected${identities ? `, ${identities.list.length} age identit${identities.list.length === 1 ? "y" : "ies"}` : ", no age identity (MAC not verified)"}`
  );
  await pool(files, 16, async (file) => {
    if (CONFIG_NAMES.has(path14.basename(file.rel))) return;
    const cfg = await lookup.forFile(file.abs);
    const expected = cfg ? matchRule(cfg, file.abs) : void 0;
    const rule = expected && expected.pathRegex !== void 0 ? expected : void 0;
    let st;
    let text;
    try {
      st = await stat3(file.abs);
      text = st.size > maxBytes ? "" : await readFile5(file.abs, "utf8");
    } catch (e) {
      findings.push(unreadableFinding(file.rel, e.code ?? "error"));
      return;
    }
    if (st.size > maxBytes) {
      const fmt = formatForPath(file.rel);
      if (rule || fmt === "yaml" || fmt === "json") {
        findings.push({
          ruleId: "sops/file-too-large",
          severity: "warning",
          message: `file is larger than ${maxBytes} bytes and was not checked`,
          file: file.rel,
          hint: "raise --max-file-size if it must be checked"
        });
      }
      return;
    }
    const ctx = { rel: file.rel, text, redactor: deps.redactor };
    if (rule) ctx.rule = rule;
    if (expected) {
      ctx.expected = expected;
      const cfgRel = path14.relative(root, expected.config).split(path14.sep).join("/");
      ctx.ruleLabel = `${cfgRel} rule #${expected.index + 1}`;
    }
    if (identities) ctx.identities = identities;
    let outcome;
    try {
      outcome = await checkFile(ctx);
    } catch {
      findings.push({
        ruleId: "sops/yaml-invalid",
        severity: "error",
        message: "cannot process the file (unexpected structure)",
        file: file.rel
      });
      return;
    }
    findings.push(...outcome.findings);
    if (outcome.encrypted) encrypted.push(file.rel);
    if (formatForPath(file.rel) === "yaml" && FLUX_TEXT.test(text)) fluxFiles.push(file.rel);
  });
  const restricted = options2.changed !== void 0 || select.paths !== void 0;
  if (restricted) fluxFiles = await allFluxFiles(deps, root, maxBytes);
  const treeFiles = restricted ? await selectFiles(deps.exec, { root }) : files;
  const tree = new KustomizeTree(
    treeFiles.map((f) => f.rel),
    (rel) => readCapped(path14.join(root, rel), maxBytes)
  );
  findings.push(...await fluxDecryptionFindings(tree, fluxFiles, new Set(encrypted)));
  findings.push(...configFindings(lookup, root));
  return makeReport("sops-check", findings, { root });
}
async function sopsCheck(options2, deps) {
  return runSopsCheck(options2, deps ?? defaultDeps());
}

// src/tasks/milestone-release/forge.ts
function firstParentChain(commits, head) {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const out = [];
  let cur = bySha.get(head) ?? commits.find((c) => c.sha.startsWith(head));
  const seen = /* @__PURE__ */ new Set();
  while (cur && !seen.has(cur.sha)) {
    seen.add(cur.sha);
    out.push(cur);
    const p = cur.parents[0];
    cur = p === void 0 ? void 0 : bySha.get(p);
  }
  return out;
}
function releaseFromJson(r) {
  return {
    id: r.id ?? 0,
    tagName: r.tag_name ?? "",
    name: r.name ?? "",
    body: r.body ?? "",
    draft: r.draft === true,
    prerelease: r.prerelease === true,
    htmlUrl: r.html_url ?? ""
  };
}
function commitFromJson(c) {
  return {
    sha: c.sha ?? "",
    subject: (c.commit?.message ?? "").split(/\r?\n/, 1)[0].trim(),
    parents: (c.parents ?? []).map((p) => p.sha ?? "")
  };
}

// src/tasks/milestone-release/glob.ts
function globToRegExp(pattern) {
  if (pattern.length === 0) throw usageError("--pattern must not be empty");
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        re += ".*";
        i++;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) throw usageError(`--pattern ${JSON.stringify(pattern)}: unterminated [ class`);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      re += `[${negate ? "^" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\/-]/g, "\\$&");
  }
  const compiled = re2(`^${re}$`);
  if (!compiled) throw usageError(`--pattern ${JSON.stringify(pattern)}: not a valid pattern`);
  return { test: (tag2) => compiled.matcher(tag2).matches() };
}
function literalSuffix(pattern) {
  const m = /[*?\]]([^*?[\]]*)$/.exec(pattern);
  return m ? m[1] : "";
}

// src/tasks/milestone-release/localgit.ts
var SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
function assertTagName(tag2) {
  const bad = tag2.length === 0 || tag2.startsWith("-") || tag2.startsWith("/") || tag2.includes("..") || tag2.includes("@{") || tag2.includes("//") || // eslint-disable-next-line no-control-regex -- git check-ref-format forbids control characters in ref names
  /[\s~^:?*[\\\x00-\x1f\x7f]/.test(tag2) || /(\.|\/|\.lock)$/.test(tag2) || tag2 === "@";
  if (bad) throw usageError(`not a valid tag name: ${JSON.stringify(tag2)}`);
}
async function git(exec, cwd, args) {
  try {
    const r = await runGit(exec, args, { cwd });
    return { ok: r.code === 0, out: r.stdout };
  } catch {
    return { ok: false, out: "" };
  }
}
function stripSignature(message) {
  const i = message.search(/^-----BEGIN (PGP|SSH|SIGNED) (SIGNATURE|MESSAGE)-----/m);
  return (i >= 0 ? message.slice(0, i) : message).replace(/\s+$/, "");
}
async function readLocalTag(exec, cwd, tag2) {
  assertTagName(tag2);
  const ref = `refs/tags/${tag2}`;
  const commit = await git(exec, cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  const commitSha = commit.out.trim();
  if (!commit.ok || !SHA.test(commitSha)) return void 0;
  const type = await git(exec, cwd, ["cat-file", "-t", ref]);
  if (type.out.trim() !== "tag") return { commitSha, annotated: false };
  const raw = await git(exec, cwd, ["cat-file", "tag", ref]);
  const sep = raw.out.indexOf("\n\n");
  const message = sep >= 0 ? stripSignature(raw.out.slice(sep + 2)) : "";
  return { commitSha, annotated: true, message };
}
async function isShallow(exec, cwd) {
  const r = await git(exec, cwd, ["rev-parse", "--is-shallow-repository"]);
  return !r.ok || r.out.trim() !== "false";
}
async function previousLocalTag(exec, cwd, commitSha, re) {
  const refs = await git(exec, cwd, [
    "for-each-ref",
    "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)",
    "refs/tags"
  ]);
  const byCommit = /* @__PURE__ */ new Map();
  for (const line of refs.out.split("\n")) {
    const [name, obj2, peeled] = line.split("\0");
    if (!name || !re.test(name)) continue;
    const c = peeled || obj2 || "";
    byCommit.set(c, [...byCommit.get(c) ?? [], name]);
  }
  if (byCommit.size === 0) return void 0;
  const list2 = await git(exec, cwd, ["rev-list", "--first-parent", commitSha]);
  for (const sha of list2.out.split("\n").slice(1)) {
    const names = byCommit.get(sha.trim());
    if (names) return { tag: names.sort()[names.length - 1], commitSha: sha.trim() };
  }
  return void 0;
}
async function localCommits(exec, cwd, from, to, max) {
  for (const s of [from, to])
    if (s !== void 0 && !SHA.test(s)) throw usageError(`not a commit id: ${JSON.stringify(s)}`);
  const range = from ? `${from}..${to}` : to;
  const r = await git(exec, cwd, ["log", "--first-parent", `--max-count=${max}`, "--format=%H%x1f%s%x1e", range, "--"]);
  return r.out.split("").map((rec) => rec.trim()).filter((rec) => rec.length > 0).map((rec) => {
    const [sha, subject] = rec.split("");
    return { sha: sha ?? "", subject: subject ?? "" };
  });
}

// src/tasks/milestone-release/notes.ts
var CONVENTIONAL = /^([a-z]+)(\([^)]*\))?(!)?:\s+(.+)$/i;
var TYPE_TITLES = [
  ["feat", "Features"],
  ["fix", "Fixes"],
  ["perf", "Performance"],
  ["refactor", "Refactoring"],
  ["docs", "Documentation"],
  ["test", "Tests"],
  ["build", "Build"],
  ["ci", "CI"],
  ["chore", "Chores"],
  ["style", "Style"],
  ["revert", "Reverts"]
];
function markdownText(s) {
  return s.replace(/([\\`*_[\]<>#|])/g, "\\$1");
}
function commitLine(c, repoWebUrl, text) {
  const short = c.sha.slice(0, 7);
  const ref = repoWebUrl ? `[\`${short}\`](${repoWebUrl}/commit/${c.sha})` : `\`${short}\``;
  return `- ${markdownText(text)} (${ref})`;
}
function commitSection(commits, repoWebUrl) {
  const parsed = commits.map((c) => ({ c, m: CONVENTIONAL.exec(c.subject) }));
  if (!parsed.some((p) => p.m)) return commits.map((c) => commitLine(c, repoWebUrl, c.subject));
  const groups = /* @__PURE__ */ new Map();
  for (const { c, m } of parsed) {
    const type = m ? m[1].toLowerCase() : "";
    const known2 = TYPE_TITLES.some(([t]) => t === type);
    const key2 = known2 ? type : "other";
    const scope = m?.[2] ? `**${m[2].slice(1, -1)}:** ` : "";
    const breaking = m?.[3] ? "\u26A0\uFE0F " : "";
    const text = m && known2 ? m[4] : c.subject;
    const line = commitLine(c, repoWebUrl, text);
    groups.set(key2, [...groups.get(key2) ?? [], line.replace(/^- /, `- ${breaking}${scope}`)]);
  }
  const out = [];
  for (const [type, title] of [...TYPE_TITLES, ["other", "Other changes"]]) {
    const lines = groups.get(type);
    if (!lines) continue;
    out.push(`### ${title}`, "", ...lines, "");
  }
  return out.slice(0, -1);
}
function renderNotes(n) {
  const parts = [];
  if (n.body.trim()) parts.push(n.body.trim());
  const heading = n.previousTag ? `## Changes since ${n.previousTag}` : "## Changes";
  if (n.commits.length > 0) {
    const lines = [heading, "", ...commitSection(n.commits, n.repoWebUrl)];
    if (n.truncated) lines.push("", `\u2026 older commits left out (${n.commits.length} shown).`);
    parts.push(lines.join("\n"));
  }
  if (n.milestone && n.milestone.items.length > 0) {
    const item = (i) => `- ${markdownText(i.title)} (${i.url ? `[#${i.number}](${i.url})` : `#${i.number}`})`;
    const issues = n.milestone.items.filter((i) => !i.pull);
    const pulls = n.milestone.items.filter((i) => i.pull);
    const lines = [`## Milestone ${markdownText(n.milestone.title)}`];
    if (issues.length > 0) lines.push("", "### Closed issues", "", ...issues.map(item));
    if (pulls.length > 0) lines.push("", "### Pull requests", "", ...pulls.map(item));
    parts.push(lines.join("\n"));
  }
  return `${parts.join("\n\n")}
`;
}
function splitMessage(message) {
  const lines = message.replace(/\r\n/g, "\n").split("\n");
  const subject = (lines[0] ?? "").trim();
  const body = lines.slice(1).join("\n").replace(/^\n+/, "").replace(/\s+$/, "");
  return { subject, body };
}

// src/tasks/milestone-release/collect.ts
function natural(a, b) {
  return a.localeCompare(b, "en", { numeric: true });
}
function previousFromList(tags, current, re) {
  const cands = tags.filter((t) => t.name !== current.name && re.test(t.name) && t.commitSha !== current.commitSha);
  if (current.created && cands.every((t) => t.created)) {
    const older = cands.filter((t) => Date.parse(t.created) < Date.parse(current.created));
    older.sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || natural(b.name, a.name));
    return older[0];
  }
  const lower = cands.filter((t) => natural(t.name, current.name) < 0).sort((a, b) => natural(b.name, a.name));
  return lower[0];
}
async function collect(o, forge, deps) {
  const findings = [];
  const re = globToRegExp(o.pattern);
  const local = await readLocalTag(deps.exec, o.dir, o.tag);
  let remote;
  const remoteTag = async () => remote ??= await forge?.getTag(o.tag);
  let message;
  if (local?.annotated) message = local.message ?? "";
  else if (forge) {
    const t = await remoteTag();
    if (!t && !local) throw new MxopsError("MXOPS_INPUT", `tag ${o.tag} exists neither in ${o.dir} nor on the forge`);
    if (t?.annotated) {
      message = t.message ?? "";
      findings.push({
        ruleId: "release/api-fallback",
        severity: "info",
        message: `read the annotation of ${o.tag} from the forge API: the checkout ${local ? "has it as a lightweight tag (actions/checkout does this)" : "does not have the tag"}`
      });
    }
  } else if (!local) {
    throw new MxopsError("MXOPS_INPUT", `tag ${o.tag} not found in ${o.dir}, and no forge API is configured to ask`);
  }
  if (message === void 0) {
    findings.push({
      ruleId: "release/lightweight-tag",
      severity: "warning",
      message: `${o.tag} is a lightweight tag${forge ? "" : " here (no forge API configured to read the original)"}: the release title falls back to the tag name and the notes have no annotation`,
      hint: `tag milestones with an annotation: git tag -a ${o.tag} -m "<title>"`
    });
  }
  const { subject, body } = splitMessage(message ?? "");
  const commitSha = local?.commitSha ?? (await remoteTag())?.commitSha ?? "";
  let previousTag;
  let commits = [];
  let fromApi = false;
  if (local) {
    const prev = await previousLocalTag(deps.exec, o.dir, local.commitSha, re);
    const shallow = await isShallow(deps.exec, o.dir);
    if (prev) {
      previousTag = prev.tag;
      commits = await localCommits(deps.exec, o.dir, prev.commitSha, local.commitSha, o.maxCommits + 1);
    } else if (!shallow || !forge) {
      commits = await localCommits(deps.exec, o.dir, void 0, local.commitSha, o.maxCommits + 1);
      if (shallow) {
        findings.push({
          ruleId: "release/shallow-history",
          severity: "warning",
          message: "the checkout is shallow and no forge API is configured: the commit list may be incomplete",
          hint: "check out with fetch-depth: 0, or pass the forge API (--api-url, --repo, token)"
        });
      }
    } else fromApi = true;
  } else fromApi = forge !== void 0;
  if (fromApi && forge) {
    const cur = await remoteTag();
    if (!cur) throw new MxopsError("MXOPS_INPUT", `tag ${o.tag} not found on the forge`);
    const prev = previousFromList(await forge.listTags(), cur, re);
    const raw = prev ? await forge.compare(prev.commitSha || prev.name, cur.commitSha) : await forge.history(cur.commitSha, o.maxCommits + 1);
    commits = firstParentChain(raw, cur.commitSha).filter((c) => !prev || c.sha !== prev.commitSha).map((c) => ({ sha: c.sha, subject: c.subject }));
    if (prev) previousTag = prev.name;
    findings.push({
      ruleId: "release/api-fallback",
      severity: "info",
      message: `read the commits since ${prev ? prev.name : "the start"} from the forge API: the checkout ${local ? "is shallow" : "has no such tag"}`
    });
  }
  if (previousTag === void 0) {
    findings.push({
      ruleId: "release/no-previous-tag",
      severity: "info",
      message: `no earlier tag matches ${o.pattern}: the notes list the history up to ${o.tag}`
    });
  }
  const truncated = commits.length > o.maxCommits;
  if (truncated) commits = commits.slice(0, o.maxCommits);
  const out = { title: subject || o.tag, body, commitSha, commits, truncated, findings };
  if (previousTag !== void 0) out.previousTag = previousTag;
  return out;
}

// src/tasks/milestone-release/api.ts
var MAX_PAGES = 20;
function serverMessage(res) {
  try {
    const b = JSON.parse(res.body);
    if (typeof b.message === "string") return `: ${b.message.slice(0, 200)}`;
  } catch {
  }
  return "";
}
async function call(api, method, path21, options2 = {}) {
  const url = `${api.base}${path21}`;
  const headers = { accept: "application/json", ...api.headers };
  let body;
  if (options2.body !== void 0) {
    body = JSON.stringify(options2.body);
    headers["content-type"] = "application/json";
  }
  const res = await api.http.request(body === void 0 ? { method, url, headers } : { method, url, headers, body });
  if (res.status >= 200 && res.status < 300 || options2.accept?.includes(res.status)) return res;
  const where = `${method} ${redactUrl(url)}`;
  if (res.status === 401 || res.status === 403) {
    throw new MxopsError(
      "MXOPS_AUTH",
      `${where}: ${res.status} \u2014 the token was rejected or lacks permission${serverMessage(res)}`
    );
  }
  throw new MxopsError("MXOPS_HTTP", `${where}: unexpected ${res.status}${serverMessage(res)}`);
}
function nextLink(link2) {
  if (!link2) return void 0;
  for (const part of link2.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return void 0;
}
async function getAll(api, path21, query, pageParam) {
  const out = [];
  const origin = new URL(api.base).origin;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const q = new URLSearchParams({ ...query, [pageParam.size]: String(pageParam.limit), page: String(page) });
    const res = await call(api, "GET", `${path21}?${q.toString()}`);
    const items = res.json();
    if (!Array.isArray(items))
      throw new MxopsError("MXOPS_HTTP", `GET ${redactUrl(api.base + path21)}: expected a JSON list`);
    out.push(...items);
    const link2 = res.headers.link;
    if (link2 !== void 0) {
      const next = nextLink(link2);
      if (next === void 0 || new URL(next, api.base).origin !== origin) break;
      continue;
    }
    if (items.length < pageParam.limit) break;
  }
  return out;
}
function seg(s) {
  return encodeURIComponent(s);
}

// src/tasks/milestone-release/gitea.ts
var LIMIT = 50;
function tag(t) {
  const commitSha = t.commit?.sha ?? "";
  const annotated = !!t.id && t.id !== commitSha;
  const out = { name: t.name ?? "", commitSha, annotated };
  if (annotated && t.message !== void 0) out.message = t.message;
  if (t.commit?.created) out.created = t.commit.created;
  return out;
}
function giteaClient(api, owner, repo, repoWebUrl) {
  const r = `/repos/${seg(owner)}/${seg(repo)}`;
  return {
    kind: "gitea",
    repoWebUrl,
    async getTag(name) {
      const res = await call(api, "GET", `${r}/tags/${seg(name)}`, { accept: [404] });
      return res.status === 404 ? void 0 : tag(res.json());
    },
    async listTags() {
      return (await getAll(api, `${r}/tags`, {}, { size: "limit", limit: LIMIT })).map(tag);
    },
    async compare(base, head) {
      const res = await call(api, "GET", `${r}/compare/${seg(base)}...${seg(head)}`);
      return (res.json().commits ?? []).map(commitFromJson);
    },
    async history(head, max) {
      const q = new URLSearchParams({
        sha: head,
        limit: String(Math.min(max, LIMIT)),
        stat: "false",
        verification: "false",
        files: "false"
      });
      const res = await call(api, "GET", `${r}/commits?${q.toString()}`);
      return res.json().map(commitFromJson);
    },
    async getReleaseByTag(name) {
      const res = await call(api, "GET", `${r}/releases/tags/${seg(name)}`, { accept: [404] });
      return res.status === 404 ? void 0 : releaseFromJson(res.json());
    },
    async createRelease(input) {
      const body = {
        tag_name: input.tagName,
        name: input.name,
        body: input.body,
        draft: input.draft,
        prerelease: input.prerelease
      };
      const res = await call(api, "POST", `${r}/releases`, { body, accept: [409] });
      return res.status === 409 ? "conflict" : releaseFromJson(res.json());
    },
    async updateRelease(id, input) {
      const body = { name: input.name, body: input.body, draft: input.draft, prerelease: input.prerelease };
      return releaseFromJson((await call(api, "PATCH", `${r}/releases/${id}`, { body })).json());
    },
    async listMilestones() {
      const list2 = await getAll(
        api,
        `${r}/milestones`,
        { state: "all" },
        { size: "limit", limit: LIMIT }
      );
      return list2.map((m) => ({ id: m.id ?? 0, title: m.title ?? "", state: m.state ?? "" }));
    },
    async closedMilestoneItems(m) {
      const filter = m.title.includes(",") ? String(m.id) : m.title;
      const list2 = await getAll(
        api,
        `${r}/issues`,
        { state: "closed", milestones: filter },
        { size: "limit", limit: LIMIT }
      );
      return list2.map((i) => ({
        number: i.number ?? 0,
        title: i.title ?? "",
        url: i.html_url ?? "",
        pull: i.pull_request != null
      }));
    },
    async closeMilestone(m) {
      await call(api, "PATCH", `${r}/milestones/${m.id}`, { body: { state: "closed" } });
    }
  };
}

// src/tasks/milestone-release/github.ts
var PER_PAGE = 100;
function alreadyExists(body) {
  try {
    const b = JSON.parse(body);
    return (b.errors ?? []).some((e) => e.code === "already_exists");
  } catch {
    return false;
  }
}
function githubClient(api, owner, repo, repoWebUrl) {
  const r = `/repos/${seg(owner)}/${seg(repo)}`;
  return {
    kind: "github",
    repoWebUrl,
    async getTag(name) {
      const ref = await call(api, "GET", `${r}/git/ref/tags/${seg(name)}`, { accept: [404] });
      if (ref.status === 404) return void 0;
      const obj2 = ref.json().object ?? {};
      if (obj2.type !== "tag") return { name, commitSha: obj2.sha ?? "", annotated: false };
      const t = (await call(api, "GET", `${r}/git/tags/${seg(obj2.sha ?? "")}`)).json();
      const out = { name, commitSha: t.object?.sha ?? "", annotated: true };
      if (t.message !== void 0) out.message = t.message;
      return out;
    },
    async listTags() {
      const list2 = await getAll(
        api,
        `${r}/tags`,
        {},
        { size: "per_page", limit: PER_PAGE }
      );
      return list2.map((t) => ({ name: t.name ?? "", commitSha: t.commit?.sha ?? "", annotated: false }));
    },
    async compare(base, head) {
      const res = await call(api, "GET", `${r}/compare/${seg(base)}...${seg(head)}?per_page=${PER_PAGE}`);
      return (res.json().commits ?? []).map(commitFromJson);
    },
    async history(head, max) {
      const q = new URLSearchParams({ sha: head, per_page: String(Math.min(max, PER_PAGE)) });
      return (await call(api, "GET", `${r}/commits?${q.toString()}`)).json().map(commitFromJson);
    },
    async getReleaseByTag(name) {
      const res = await call(api, "GET", `${r}/releases/tags/${seg(name)}`, { accept: [404] });
      if (res.status !== 404) return releaseFromJson(res.json());
      const first = await call(api, "GET", `${r}/releases?per_page=${PER_PAGE}`);
      const hit = first.json().find((x) => x.tag_name === name);
      return hit ? releaseFromJson(hit) : void 0;
    },
    async createRelease(input) {
      const body = {
        tag_name: input.tagName,
        name: input.name,
        body: input.body,
        draft: input.draft,
        prerelease: input.prerelease
      };
      const res = await call(api, "POST", `${r}/releases`, { body, accept: [422] });
      if (res.status === 422) {
        if (alreadyExists(res.body)) return "conflict";
        throw new MxopsError(
          "MXOPS_HTTP",
          `POST ${redactUrl(api.base + r)}/releases: 422 \u2014 GitHub refused the release (tag name invalid?)`
        );
      }
      return releaseFromJson(res.json());
    },
    async updateRelease(id, input) {
      const body = { name: input.name, body: input.body, draft: input.draft, prerelease: input.prerelease };
      return releaseFromJson((await call(api, "PATCH", `${r}/releases/${id}`, { body })).json());
    },
    async listMilestones() {
      const list2 = await getAll(
        api,
        `${r}/milestones`,
        { state: "all" },
        { size: "per_page", limit: PER_PAGE }
      );
      return list2.map((m) => ({ id: m.number ?? 0, title: m.title ?? "", state: m.state ?? "" }));
    },
    async closedMilestoneItems(m) {
      const list2 = await getAll(
        api,
        `${r}/issues`,
        { milestone: String(m.id), state: "closed" },
        { size: "per_page", limit: PER_PAGE }
      );
      return list2.map((i) => ({
        number: i.number ?? 0,
        title: i.title ?? "",
        url: i.html_url ?? "",
        pull: i.pull_request != null
      }));
    },
    async closeMilestone(m) {
      await call(api, "PATCH", `${r}/milestones/${m.id}`, { body: { state: "closed" } });
    }
  };
}

// src/tasks/milestone-release/connect.ts
async function probeGitea(deps, apiUrl, token) {
  const headers = { accept: "application/json" };
  if (token) headers.authorization = `token ${token}`;
  const res = await deps.http.request({ url: `${apiUrl}/version`, headers });
  if (res.status !== 200) return false;
  try {
    return typeof JSON.parse(res.body).version === "string";
  } catch {
    return false;
  }
}
function webBaseFromApi(kind, apiUrl) {
  if (kind === "gitea") return apiUrl.replace(/\/api\/v1$/, "");
  const u = new URL(apiUrl);
  if (u.hostname === "api.github.com") return "https://github.com";
  return `${u.origin}${u.pathname.replace(/\/api\/v3$/, "")}`.replace(/\/+$/, "");
}
async function connectForge(o, deps) {
  if (!o.apiUrl || !o.owner || !o.repo) return void 0;
  const kind = o.forge ?? (await probeGitea(deps, o.apiUrl, o.giteaToken ?? o.githubToken) ? "gitea" : "github");
  const token = kind === "gitea" ? o.giteaToken ?? o.githubToken : o.githubToken ?? o.giteaToken;
  const headers = {};
  if (kind === "github") {
    headers.accept = "application/vnd.github+json";
    headers["x-github-api-version"] = "2022-11-28";
    if (token) headers.authorization = `Bearer ${token}`;
  } else if (token) headers.authorization = `token ${token}`;
  const api = { http: deps.http, base: o.apiUrl, headers };
  const web = `${o.serverUrl ?? webBaseFromApi(kind, o.apiUrl)}/${o.owner}/${o.repo}`;
  return kind === "gitea" ? giteaClient(api, o.owner, o.repo, web) : githubClient(api, o.owner, o.repo, web);
}

// src/tasks/milestone-release/milestone.ts
function norm(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
function matchMilestone(milestones, tag2, pattern, explicit) {
  const pick = (hits) => hits.length === 1 ? { milestone: hits[0] } : hits.length > 1 ? { ambiguous: hits } : void 0;
  if (explicit !== void 0) return pick(milestones.filter((m) => norm(m.title) === norm(explicit))) ?? { none: true };
  const suffix = literalSuffix(pattern);
  const stem = suffix && tag2.endsWith(suffix) ? tag2.slice(0, -suffix.length) : void 0;
  const first = tag2.split(/[^A-Za-z0-9]/, 1)[0] ?? "";
  const steps = [
    (m) => norm(m.title) === norm(tag2),
    (m) => stem !== void 0 && norm(stem) !== "" && norm(m.title) === norm(stem),
    (m) => first !== "" && first !== tag2 && (norm(m.title) === norm(first) || norm(m.title).startsWith(`${norm(first)}-`))
  ];
  for (const step of steps) {
    const hit = pick(milestones.filter(step));
    if (hit) return hit;
  }
  return { none: true };
}

// src/tasks/milestone-release/index.ts
function same(r, want) {
  const t = (s) => s.replace(/\r\n/g, "\n").trimEnd();
  return r.name === want.name && t(r.body) === t(want.body) && r.draft === want.draft && r.prerelease === want.prerelease;
}
function target(existing, want) {
  return existing.draft ? want : { ...want, draft: false };
}
async function publish(forge, want) {
  const update = async (existing2) => {
    const t = target(existing2, want);
    if (same(existing2, t)) return { action: "unchanged", release: existing2 };
    return { action: "updated", release: await forge.updateRelease(existing2.id, t), previous: existing2 };
  };
  const existing = await forge.getReleaseByTag(want.tagName);
  if (existing) return update(existing);
  let created;
  try {
    created = await forge.createRelease(want);
  } catch (e) {
    if (!(isMxopsError(e) && e.code === "MXOPS_HTTP")) throw e;
    const after = await forge.getReleaseByTag(want.tagName);
    if (after) return same(after, target(after, want)) ? { action: "created", release: after } : update(after);
    created = await forge.createRelease(want);
  }
  if (created !== "conflict") return { action: "created", release: created };
  const raced = await forge.getReleaseByTag(want.tagName);
  if (!raced)
    throw new MxopsError("MXOPS_HTTP", `release for ${want.tagName}: the forge says it exists but does not return it`);
  return update(raced);
}
async function milestoneRelease(options2, deps = defaultDeps()) {
  deps.redactor.add(options2.giteaToken);
  deps.redactor.add(options2.githubToken);
  return runMilestoneRelease(options2, deps);
}
async function runMilestoneRelease(o, deps) {
  const forge = await connectForge(o, deps);
  const c = await collect(o, forge, deps);
  const findings = [...c.findings];
  let milestone;
  let items = [];
  if (forge) {
    const match = matchMilestone(await forge.listMilestones(), o.tag, o.pattern, o.milestone);
    if ("milestone" in match) {
      milestone = match.milestone;
      items = await forge.closedMilestoneItems(milestone);
    } else if ("ambiguous" in match) {
      findings.push({
        ruleId: "release/milestone-ambiguous",
        severity: "warning",
        message: `several milestones match ${o.tag}: ${match.ambiguous.map((m) => JSON.stringify(m.title)).join(", ")}; none used`,
        hint: "name the milestone with --milestone (Action input milestone)"
      });
    } else if (o.milestone !== void 0 || o.closeMilestone) {
      findings.push({
        ruleId: "release/milestone-not-found",
        severity: "warning",
        message: `no milestone ${o.milestone !== void 0 ? `titled ${JSON.stringify(o.milestone)}` : `matches ${o.tag}`}${o.closeMilestone ? ", so none was closed" : ""}`
      });
    }
  }
  const notesInput = { body: c.body, commits: c.commits, truncated: c.truncated };
  if (c.previousTag !== void 0) notesInput.previousTag = c.previousTag;
  if (forge) notesInput.repoWebUrl = forge.repoWebUrl;
  if (milestone) notesInput.milestone = { title: milestone.title, items };
  const want = {
    tagName: o.tag,
    name: c.title,
    body: renderNotes(notesInput),
    draft: o.draft,
    prerelease: o.prerelease
  };
  let action;
  let release;
  let previous;
  if (o.dryRun) {
    release = await forge?.getReleaseByTag(o.tag);
    action = release ? same(release, target(release, want)) ? "unchanged" : "would-update" : "would-create";
    if (action === "would-update") previous = release;
  } else {
    if (!forge) throw new MxopsError("MXOPS_USAGE", "no forge API configured");
    ({ action, release, previous } = await publish(forge, want));
  }
  let milestoneAction;
  if (milestone && o.closeMilestone && milestone.state !== "closed") {
    if (o.dryRun) milestoneAction = "would-close";
    else {
      await forge.closeMilestone(milestone);
      milestoneAction = "closed";
    }
  }
  if (o.dryRun) {
    findings.push({
      ruleId: "release/dry-run",
      severity: "info",
      message: `dry run: ${action === "unchanged" ? "release unchanged" : action === "would-update" ? "would update release" : "would create release"} ${JSON.stringify(c.title)} for ${o.tag}${milestoneAction ? ` and close milestone ${JSON.stringify(milestone.title)}` : ""}`
    });
  }
  const changed = action === "created" || action === "updated" || milestoneAction === "closed";
  const results = {
    tag: o.tag,
    dryRun: o.dryRun,
    release: { action, title: want.name, body: want.body, draft: want.draft, prerelease: want.prerelease },
    commits: c.commits.length,
    outputs: {
      "release-url": release?.htmlUrl ?? "",
      "release-id": release ? String(release.id) : "",
      changed: String(changed)
    }
  };
  if (forge) results.forge = forge.kind;
  if (o.dryRun) results.preview = `${want.name}
${"=".repeat(Math.min(want.name.length, 72))}

${want.body}`;
  if (release) {
    results.release.id = release.id;
    results.release.url = release.htmlUrl;
  }
  if (previous) results.release.previous = { title: previous.name, body: previous.body };
  if (c.previousTag !== void 0) results.previousTag = c.previousTag;
  if (milestone) {
    results.milestone = {
      title: milestone.title,
      id: milestone.id,
      items: items.length,
      closed: milestone.state === "closed" || milestoneAction === "closed"
    };
    if (milestoneAction) results.milestone.action = milestoneAction;
  }
  return makeReport("milestone-release", findings, { changed, results });
}

// src/notify/matrix.ts
import { createHash as createHash2 } from "node:crypto";
var WORST = 5;
var NOTIFY_MAX_BYTES = 64 * 1024;
function worst(findings) {
  return [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity)).filter((f) => f.severity !== "info").slice(0, WORST);
}
function errcode(body) {
  try {
    const code = JSON.parse(body).errcode;
    return typeof code === "string" ? ` ${code}` : "";
  } catch {
    return "";
  }
}
function notifyMessage(report, ctx) {
  const where = [ctx.repo, ctx.ref ? ctx.ref.slice(0, /^[0-9a-f]{40}$/.test(ctx.ref) ? 7 : void 0) : void 0].filter(Boolean).join("@");
  const head = `mxops ${report.task}${where ? ` on ${where}` : ""}`;
  const c = report.counts;
  const counts = `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`;
  const text = [];
  const html = [];
  const results = report.results;
  const rel = results?.release;
  if (results?.failure !== void 0) {
    text.push(`${head}: failed \u2014 ${results.failure}`);
    html.push(`<b>${escapeHtml(head)}</b>: failed \u2014 ${escapeHtml(results.failure)}`);
  } else if (rel?.url) {
    text.push(`${head}: release ${rel.action ?? ""} \u2014 ${rel.title ?? ""} ${rel.url}`.replace(/ {2,}/g, " "));
    html.push(
      `<b>${escapeHtml(head)}</b>: release ${escapeHtml(rel.action ?? "")} \u2014 <a href="${escapeHtml(rel.url)}">${escapeHtml(rel.title ?? rel.url)}</a>`
    );
  } else {
    text.push(`${head}: ${counts}`);
    html.push(`<b>${escapeHtml(head)}</b>: ${escapeHtml(counts)}`);
  }
  const top = worst(report.findings);
  if (top.length > 0) {
    const line = (f) => `${f.severity} ${f.ruleId}${f.file ? ` ${f.file}${f.line !== void 0 ? `:${f.line}` : ""}` : ""}: ${f.message}`;
    text.push(...top.map((f) => `- ${line(f)}`));
    html.push(`<ul>${top.map((f) => `<li>${escapeHtml(line(f))}</li>`).join("")}</ul>`);
    const rest = c.error + c.warning - top.length;
    if (rest > 0) {
      text.push(`\u2026 and ${rest} more`);
      html.push(`<p>\u2026 and ${rest} more</p>`);
    }
  }
  if (ctx.runUrl) {
    text.push(ctx.runUrl);
    html.push(`<a href="${escapeHtml(ctx.runUrl)}">workflow run</a>`);
  }
  return { body: text.join("\n"), html: html.join("\n") };
}
function notifyTxnId(report, ctx) {
  const digest = createHash2("sha256").update(
    JSON.stringify({
      counts: report.counts,
      findings: report.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.message]),
      outputs: report.results?.outputs ?? null,
      failure: report.results?.failure ?? null
    })
  ).digest("hex");
  const id = createHash2("sha256").update([report.task, ctx.repo ?? "", ctx.ref ?? "", digest].join("\0")).digest("hex");
  return `mxops-${id.slice(0, 40)}`;
}
async function notifyMatrix(target2, report, ctx, deps) {
  deps.redactor.add(target2.token);
  try {
    const base = new URL(target2.homeserver).href.replace(/\/+$/, "");
    const headers = { authorization: `Bearer ${target2.token}`, accept: "application/json" };
    let roomId = target2.room;
    if (roomId.startsWith("#")) {
      const r = await deps.http.request({
        url: `${base}/_matrix/client/v3/directory/room/${encodeURIComponent(roomId)}`,
        headers,
        maxBytes: NOTIFY_MAX_BYTES
      });
      const id = r.status === 200 ? JSON.parse(r.body).room_id : void 0;
      if (typeof id !== "string")
        return { ok: false, message: `room alias ${target2.room} did not resolve: ${r.status}${errcode(r.body)}` };
      roomId = id;
    } else if (!roomId.startsWith("!")) {
      return {
        ok: false,
        message: `matrix room must be a room id (!\u2026) or alias (#\u2026), not ${JSON.stringify(target2.room)}`
      };
    }
    const txnId = notifyTxnId(report, ctx);
    const msg = notifyMessage(report, ctx);
    const content = {
      msgtype: "m.notice",
      body: deps.redactor.redact(msg.body),
      format: "org.matrix.custom.html",
      formatted_body: deps.redactor.redact(msg.html)
    };
    const url = `${base}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
    const res = await deps.http.request({
      method: "PUT",
      url,
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(content),
      maxBytes: NOTIFY_MAX_BYTES
    });
    if (res.status !== 200)
      return { ok: false, message: deps.redactor.redact(`PUT ${redactUrl(url)}: ${res.status}${errcode(res.body)}`) };
    const eventId = JSON.parse(res.body).event_id;
    return { ok: true, eventId: typeof eventId === "string" ? eventId : "", txnId };
  } catch (e) {
    return { ok: false, message: deps.redactor.redact(describeError(e)) };
  }
}

// src/tasks/invite/audit/lock.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { hostname } from "node:os";
import { link, lstat as lstat2, mkdir, readFile as readFile6, unlink as unlink2, writeFile } from "node:fs/promises";
import path15 from "node:path";
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
async function readInfo(file) {
  let text;
  try {
    text = await readFile6(file, "utf8");
  } catch {
    return void 0;
  }
  try {
    const info = JSON.parse(text);
    return typeof info.pid === "number" ? { text, info } : { text };
  } catch {
    return { text };
  }
}
async function acquireLock(file, options2 = {}) {
  const lockFile = `${file}.lock`;
  const now = options2.now ?? (() => /* @__PURE__ */ new Date());
  const me = {
    pid: process.pid,
    host: hostname(),
    since: now().toISOString(),
    nonce: randomBytes3(8).toString("hex")
  };
  await mkdir(path15.dirname(file), { recursive: true, mode: 448 }).catch(() => void 0);
  for (const f of [file, lockFile]) {
    if ((await lstat2(f).catch(() => void 0))?.isSymbolicLink())
      throw new MxopsError("MXOPS_INPUT", `${f}: is a symbolic link; refusing to follow it`, { file: f });
  }
  const tmp = `${lockFile}.${me.nonce}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(me), { mode: 384 });
  } catch (e) {
    throw new MxopsError(
      "MXOPS_STATE",
      `${lockFile}: cannot create lock (${e.code ?? "error"})`
    );
  }
  try {
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        await link(tmp, lockFile);
        let released = false;
        return {
          async release() {
            if (released) return;
            released = true;
            const cur = await readInfo(lockFile);
            if (cur?.info?.nonce === me.nonce) await unlink2(lockFile).catch(() => void 0);
          }
        };
      } catch (e) {
        if (e.code !== "EEXIST") {
          throw new MxopsError(
            "MXOPS_STATE",
            `${lockFile}: cannot create lock (${e.code ?? "error"})`
          );
        }
      }
      const held = await readInfo(lockFile);
      if (!held) continue;
      const h = held.info;
      const age = h ? now().getTime() - Date.parse(h.since) : Infinity;
      const stale = !h || (h.host === me.host ? !alive(h.pid) : age > (options2.staleAfterMs ?? 12 * 36e5));
      if (!stale) {
        throw new MxopsError(
          "MXOPS_STATE",
          `${file} is locked by pid ${h.pid} on ${h.host} since ${h.since}; another invite run is active (remove ${lockFile} only if it is not)`
        );
      }
      if (!await takeOver(lockFile, held.text, now)) await new Promise((r) => setTimeout(r, 25));
    }
    throw new MxopsError("MXOPS_STATE", `${lockFile}: could not take over a stale lock`);
  } finally {
    await unlink2(tmp).catch(() => void 0);
  }
}
async function takeOver(lockFile, staleText, now) {
  const guard = `${lockFile}.takeover`;
  try {
    await writeFile(guard, now().toISOString(), { flag: "wx", mode: 384 });
  } catch {
    const since = Date.parse(await readFile6(guard, "utf8").catch(() => ""));
    if (!Number.isNaN(since) && now().getTime() - since > 3e4) await unlink2(guard).catch(() => void 0);
    return false;
  }
  try {
    const cur = await readInfo(lockFile);
    if (cur && cur.text === staleText) await unlink2(lockFile).catch(() => void 0);
    return true;
  } finally {
    await unlink2(guard).catch(() => void 0);
  }
}

// src/tasks/invite/audit/state.ts
function recipientKey(email) {
  return email.trim().toLowerCase();
}
function foldAttempts(records) {
  const byAttempt = /* @__PURE__ */ new Map();
  for (const r of records) {
    if (!r.attempt || !r.backend) continue;
    let s = byAttempt.get(r.attempt);
    if (!s) {
      s = {
        attempt: r.attempt,
        recipient: recipientKey(r.recipient),
        backend: r.backend,
        status: r.status,
        startedAt: r.ts,
        updatedAt: r.ts
      };
      byAttempt.set(r.attempt, s);
    }
    if (r.status !== "onboarded") s.status = r.status;
    s.updatedAt = r.ts;
    for (const k of [
      "ref",
      "id",
      "name",
      "createdAt",
      "expiresAt",
      "sentAt",
      "messageId",
      "revokedAt",
      "reason"
    ]) {
      if (r[k] !== void 0) s[k] = r[k];
    }
  }
  return [...byAttempt.values()];
}
function byRecipient(attempts) {
  const out = /* @__PURE__ */ new Map();
  for (const a of attempts) {
    const list2 = out.get(a.recipient) ?? [];
    list2.push(a);
    out.set(a.recipient, list2);
  }
  return out;
}
function needsCleanup(a) {
  if (a.status === "pending" || a.status === "created") return true;
  if (a.status !== "failed" || a.revokedAt !== void 0) return false;
  return a.id !== void 0 || a.reason === "create-unknown";
}
function isLiveByAudit(a, now) {
  if (a.status !== "sent") return false;
  return a.expiresAt === void 0 || a.expiresAt === null || Date.parse(a.expiresAt) > now.getTime();
}

// src/tasks/invite/config.ts
import { readFile as readFile7 } from "node:fs/promises";
import path16 from "node:path";
import YAML from "yaml";

// src/tasks/invite/types.ts
var LANGS = ["de", "en"];

// src/tasks/invite/config.ts
var KNOWN2 = {
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
    "gitops_repo"
  ],
  "invite.mas": ["url", "issuer", "client_id", "client_auth_method", "registration_url"],
  "invite.authentik": ["url", "flow_slug"],
  "invite.smtp": ["host", "port", "secure", "user", "client_name"],
  "invite.mail": ["from", "reply_to", "subject", "templates_dir", "site_name"],
  "invite.synapse": ["url", "rooms"]
};
function unknownKeys(raw) {
  const out = [];
  for (const [section, keys2] of Object.entries(KNOWN2)) {
    const segs = section.split(".").slice(1);
    let node = raw;
    for (const p of segs) node = node && typeof node === "object" ? node[p] : void 0;
    if (!node || typeof node !== "object" || Array.isArray(node)) continue;
    for (const k of Object.keys(node)) if (!keys2.includes(k)) out.push(`${section}.${k}`);
  }
  return out;
}
var SECRET_ENV = {
  masClientSecret: "MXOPS_MAS_CLIENT_SECRET",
  authentikToken: "AUTHENTIK_TOKEN",
  smtpPassword: "MXOPS_SMTP_PASSWORD",
  synapseAdminToken: "MXOPS_SYNAPSE_ADMIN_TOKEN"
};
function str3(o, key2, where) {
  const v = o?.[key2];
  if (v === void 0 || v === null) return void 0;
  if (typeof v !== "string" && typeof v !== "number")
    throw new MxopsError("MXOPS_CONFIG", `${where}.${key2} must be a string`);
  return String(v);
}
function obj(o, key2, where) {
  const v = o?.[key2];
  if (v === void 0 || v === null) return void 0;
  if (typeof v !== "object" || Array.isArray(v))
    throw new MxopsError("MXOPS_CONFIG", `${where}.${key2} must be a mapping`);
  return v;
}
function checkServiceUrl(value, what) {
  let u;
  try {
    u = new URL(value);
  } catch {
    throw new MxopsError("MXOPS_CONFIG", `${what}: not a URL`);
  }
  if (u.protocol === "https:") return u.href;
  if (u.protocol === "http:" && isLoopbackHost(u.hostname)) return u.href;
  throw new MxopsError(
    "MXOPS_CONFIG",
    `${what}: ${u.protocol}//${u.host} must use https (plain http only for loopback addresses)`
  );
}
async function readConfigFile(cwd, file) {
  const p = path16.resolve(cwd, file ?? "mxops.yaml");
  let text;
  try {
    text = await readFile7(p, "utf8");
  } catch (e) {
    if (file === void 0 && e.code === "ENOENT") return { raw: {}, dir: cwd };
    throw inputError(file ?? "mxops.yaml", `cannot read (${e.code ?? "error"})`);
  }
  let doc;
  try {
    doc = YAML.parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw inputError(file ?? "mxops.yaml", `not valid YAML (${e.message.split("\n")[0]})`);
  }
  const raw = doc && typeof doc === "object" ? doc.invite ?? {} : {};
  return { raw, dir: path16.dirname(p) };
}
function parseConfig(raw, dir) {
  const w = "invite";
  const backend = str3(raw, "backend", w) ?? "mas";
  if (backend !== "mas" && backend !== "authentik")
    throw new MxopsError("MXOPS_CONFIG", `${w}.backend must be mas or authentik`);
  const lang = str3(raw, "lang", w) ?? "de";
  if (!LANGS.includes(lang)) throw new MxopsError("MXOPS_CONFIG", `${w}.lang must be one of ${LANGS.join(", ")}`);
  const cfg = {
    backend,
    mail: {},
    auditLog: path16.resolve(dir, str3(raw, "audit_log", w) ?? "invites.audit.jsonl"),
    expires: str3(raw, "expires", w) ?? "7d",
    lang,
    unknownKeys: unknownKeys(raw)
  };
  const mas = obj(raw, "mas", w);
  if (mas) {
    const url = str3(mas, "url", `${w}.mas`);
    const clientId = str3(mas, "client_id", `${w}.mas`);
    if (!url || !clientId) throw new MxopsError("MXOPS_CONFIG", `${w}.mas needs url and client_id`);
    const method = str3(mas, "client_auth_method", `${w}.mas`) ?? "client_secret_basic";
    if (method !== "client_secret_basic" && method !== "client_secret_post") {
      throw new MxopsError(
        "MXOPS_CONFIG",
        `${w}.mas.client_auth_method must be client_secret_basic or client_secret_post`
      );
    }
    const base = checkServiceUrl(url, `${w}.mas.url`);
    cfg.mas = {
      url: base,
      issuer: checkServiceUrl(str3(mas, "issuer", `${w}.mas`) ?? base, `${w}.mas.issuer`),
      clientId,
      clientAuthMethod: method,
      registrationUrl: str3(mas, "registration_url", `${w}.mas`) ?? new URL("register", base.endsWith("/") ? base : `${base}/`).href
    };
  }
  const ak = obj(raw, "authentik", w);
  if (ak) {
    const url = str3(ak, "url", `${w}.authentik`);
    const flowSlug = str3(ak, "flow_slug", `${w}.authentik`);
    if (!url || !flowSlug) throw new MxopsError("MXOPS_CONFIG", `${w}.authentik needs url and flow_slug`);
    cfg.authentik = { url: checkServiceUrl(url, `${w}.authentik.url`), flowSlug };
  }
  const smtp = obj(raw, "smtp", w);
  if (smtp) {
    const host2 = str3(smtp, "host", `${w}.smtp`);
    if (!host2) throw new MxopsError("MXOPS_CONFIG", `${w}.smtp needs host`);
    const secure = str3(smtp, "secure", `${w}.smtp`) ?? "starttls";
    if (!["tls", "starttls", "none"].includes(secure))
      throw new MxopsError("MXOPS_CONFIG", `${w}.smtp.secure must be tls, starttls or none`);
    if (secure === "none" && !isLoopbackHost(host2))
      throw new MxopsError("MXOPS_CONFIG", `${w}.smtp.secure: none is only allowed for loopback hosts`);
    const port = Number(str3(smtp, "port", `${w}.smtp`) ?? (secure === "tls" ? 465 : 587));
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new MxopsError("MXOPS_CONFIG", `${w}.smtp.port must be a port number`);
    cfg.smtp = { host: host2, port, secure };
    const user = str3(smtp, "user", `${w}.smtp`);
    if (user) cfg.smtp.user = user;
    const name = str3(smtp, "client_name", `${w}.smtp`);
    if (name) cfg.smtp.name = name;
  }
  const mail = obj(raw, "mail", w);
  if (mail) {
    const from = str3(mail, "from", `${w}.mail`);
    if (from) cfg.mail.from = from;
    const replyTo = str3(mail, "reply_to", `${w}.mail`);
    if (replyTo) cfg.mail.replyTo = replyTo;
    const subject = mail.subject;
    if (typeof subject === "string") cfg.mail.subject = { de: subject, en: subject };
    else if (subject && typeof subject === "object") cfg.mail.subject = subject;
    const site = str3(mail, "site_name", `${w}.mail`);
    if (site) cfg.mail.siteName = site;
    const templates = str3(mail, "templates_dir", `${w}.mail`);
    if (templates) cfg.mail.templatesDir = path16.resolve(dir, templates);
  }
  const link2 = str3(raw, "link_template", w);
  if (link2) cfg.linkTemplate = link2;
  const ca = str3(raw, "ca_file", w);
  if (ca) cfg.caFile = path16.resolve(dir, ca);
  const syn = obj(raw, "synapse", w);
  if (syn) {
    const url = str3(syn, "url", `${w}.synapse`);
    if (!url) throw new MxopsError("MXOPS_CONFIG", `${w}.synapse needs url`);
    const rooms = syn.rooms;
    if (rooms !== void 0 && (!Array.isArray(rooms) || rooms.some((r) => typeof r !== "string"))) {
      throw new MxopsError("MXOPS_CONFIG", `${w}.synapse.rooms must be a list of room ids or aliases`);
    }
    cfg.synapse = { url: checkServiceUrl(url, `${w}.synapse.url`), rooms: rooms ?? [] };
  }
  const repo = str3(raw, "gitops_repo", w);
  if (repo) cfg.gitopsRepo = path16.resolve(dir, repo);
  return cfg;
}
async function readSecret(env, name, cwd) {
  const direct = env[name];
  if (direct !== void 0 && direct !== "") return direct;
  const file = env[`${name}_FILE`];
  if (file === void 0 || file === "") return void 0;
  try {
    const v = (await readSmallFile(path16.resolve(cwd, file))).replace(/\r?\n$/, "");
    return v === "" ? void 0 : v;
  } catch (e) {
    throw new MxopsError(
      "MXOPS_INPUT",
      `${name}_FILE: cannot read ${file} (${e.code ?? "error"})`
    );
  }
}
var MAX_EXPIRY_DAYS = 3650;
function parseExpiry(value, now) {
  const limit = now.getTime() + MAX_EXPIRY_DAYS * 864e5;
  const tooFar = () => new MxopsError("MXOPS_USAGE", `--expires ${JSON.stringify(value)} is too far ahead (at most ${MAX_EXPIRY_DAYS}d)`);
  const m = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (m) {
    const n = Number(m[1]);
    const unit = { m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }[m[2]];
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
    `--expires takes a duration like 7d, 36h, 2w or an ISO date, not ${JSON.stringify(value)}`
  );
}

// src/tasks/invite/commands/manage.ts
function resolve2(attempts, target2, backendDefault) {
  if (target2.includes("@")) {
    const key2 = recipientKey(target2);
    const a2 = [...attempts].reverse().find((x) => x.recipient === key2 && x.id !== void 0);
    if (!a2) throw new MxopsError("MXOPS_INPUT", `no invite for ${key2} in the audit log`);
    return { id: a2.id, attempt: a2, backend: a2.backend };
  }
  const a = [...attempts].reverse().find((x) => x.id === target2);
  return a ? { id: target2, attempt: a, backend: a.backend } : { id: target2, backend: backendDefault };
}
async function runManage(ctx, o, deps) {
  const lock = o.dryRun ? void 0 : await acquireLock(ctx.config.auditLog, { now: () => ctx.now() });
  try {
    const attempts = foldAttempts(await ctx.audit.read((m) => deps.log.warn(m)));
    const t = resolve2(attempts, o.target, o.backend ?? ctx.config.backend);
    const backend = await ctx.backend(t.backend);
    const recipient = t.attempt?.recipient ?? t.id;
    const rec = {
      ts: ctx.now().toISOString(),
      recipient,
      backend: backend.name,
      id: t.id,
      ...t.attempt ? { attempt: t.attempt.attempt } : {}
    };
    let message;
    let changed = false;
    if (o.command === "revoke") {
      if (o.dryRun) message = `would revoke ${t.id}`;
      else {
        const r = await backend.revoke(t.id);
        await ctx.audit.append({ ...rec, status: "revoked", reason: "manual", revokedAt: ctx.now().toISOString() });
        message = r === "revoked" ? `revoked ${t.id}` : r === "already" ? `${t.id} was already revoked` : `${t.id} no longer exists at ${backend.name}`;
        changed = r === "revoked";
      }
    } else if (o.command === "unrevoke") {
      if (o.dryRun) message = `would unrevoke ${t.id}`;
      else {
        const r = await backend.unrevoke(t.id);
        await ctx.audit.append({
          ...rec,
          status: t.attempt?.sentAt ? "sent" : "created",
          note: "unrevoked",
          expiresAt: r.expiresAt
        });
        message = `unrevoked ${t.id} (now ${r.state})`;
        changed = true;
      }
    } else {
      const until = o.expires !== void 0 ? parseExpiry(o.expires, ctx.now()) : void 0;
      const what = [
        until ? `expire ${until.toISOString()}` : "",
        o.usageLimit !== void 0 ? `allow ${o.usageLimit} use(s)` : ""
      ].filter(Boolean).join(" and ");
      if (o.dryRun) message = `would set ${t.id} to ${what}`;
      else {
        const r = await backend.extend(t.id, {
          ...until ? { expiresAt: until } : {},
          ...o.usageLimit !== void 0 ? { usageLimit: o.usageLimit } : {}
        });
        await ctx.audit.append({
          ...rec,
          status: t.attempt?.status === "expired" || !t.attempt ? "sent" : t.attempt.status,
          note: "extended",
          expiresAt: r.expiresAt
        });
        message = `${t.id} now expires ${r.expiresAt ?? "never"} (${r.state})`;
        changed = true;
      }
    }
    return makeReport("invite", [{ ruleId: "invite/result", severity: "info", message }], {
      changed,
      results: { command: o.command, dryRun: o.dryRun, id: t.id, recipient }
    });
  } finally {
    await lock?.release();
  }
}

// src/tasks/invite/commands/onboard.ts
var USER_ID = /^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(:\d+)?$/;
var ROOM = /^(#[^:\s]+:[A-Za-z0-9.-]+(:\d+)?|![^:\s]+(:[A-Za-z0-9.-]+(:\d+)?)?)$/;
async function runOnboard(ctx, o, deps) {
  const syn = ctx.config.synapse;
  if (!syn || syn.rooms.length === 0)
    throw new MxopsError("MXOPS_CONFIG", "invite.synapse (url, rooms) is not configured");
  const token = ctx.secrets.synapseAdminToken;
  if (!token && !o.dryRun)
    throw new MxopsError(
      "MXOPS_CONFIG",
      "the Synapse admin token is missing: set MXOPS_SYNAPSE_ADMIN_TOKEN or MXOPS_SYNAPSE_ADMIN_TOKEN_FILE"
    );
  const user = o.userId;
  if (!USER_ID.test(user))
    throw new MxopsError("MXOPS_USAGE", `not a Matrix user id: ${JSON.stringify(user)} (expected @localpart:server)`);
  const bad = syn.rooms.find((r) => !ROOM.test(r));
  if (bad)
    throw new MxopsError(
      "MXOPS_CONFIG",
      `invite.synapse.rooms: ${JSON.stringify(bad)} is not a room id (!\u2026) or alias (#\u2026)`
    );
  const lock = o.dryRun ? void 0 : await acquireLock(ctx.config.auditLog, { now: () => ctx.now() });
  const findings = [];
  const rows = [];
  try {
    const done = new Set(
      (await ctx.audit.read((m) => deps.log.warn(m))).filter((r) => r.status === "onboarded" && r.recipient === user).map((r) => r.note)
    );
    const http2 = await ctx.http();
    for (const room of syn.rooms) {
      if (done.has(`room:${room}`)) {
        rows.push({ room, action: "already-joined" });
        continue;
      }
      if (o.dryRun) {
        rows.push({ room, action: "would-join" });
        continue;
      }
      const url = new URL(
        `_synapse/admin/v1/join/${encodeURIComponent(room)}`,
        syn.url.endsWith("/") ? syn.url : `${syn.url}/`
      ).href;
      const res = await http2.request({
        method: "POST",
        url,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ user_id: user }),
        retry: "safe"
      });
      if (res.status === 200) {
        let roomId;
        try {
          roomId = res.json().room_id;
        } catch {
          roomId = void 0;
        }
        await ctx.audit.append({
          ts: ctx.now().toISOString(),
          recipient: user,
          status: "onboarded",
          note: `room:${room}`
        });
        rows.push({ room, action: "joined", ...roomId ? { roomId } : {} });
        continue;
      }
      let why = `HTTP ${res.status}`;
      try {
        const b = res.json();
        if (b.errcode) why += ` ${b.errcode}`;
      } catch {
      }
      if (res.status === 401 || res.status === 403) why += ": the token is not a Synapse admin token";
      if (res.status === 404) why += ": unknown room or user (has the user signed up yet?)";
      rows.push({ room, action: "failed" });
      findings.push({ ruleId: "invite/onboard-failed", severity: "error", message: `${user} \u2192 ${room}: ${why}` });
    }
  } finally {
    await lock?.release();
  }
  for (const r of rows)
    if (r.action !== "failed")
      findings.push({ ruleId: "invite/result", severity: "info", message: `${user} \u2192 ${r.room}: ${r.action}` });
  return makeReport("invite", findings, {
    changed: rows.some((r) => r.action === "joined"),
    results: { command: "onboard", user, rooms: rows }
  });
}

// src/tasks/invite/commands/gitops.ts
import path17 from "node:path";
import YAML2 from "yaml";
function isObj(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function masFragments(v, out) {
  if (!isObj(v)) return;
  if (v.sops !== void 0) return;
  if (isObj(v.account) || isObj(v.email) && (v.matrix !== void 0 || v.http !== void 0 || v.passwords !== void 0))
    out.push(v);
  const mas = isObj(v.matrixAuthenticationService) ? v.matrixAuthenticationService : void 0;
  const additional = mas && isObj(mas.additional) ? mas.additional : void 0;
  for (const entry of Object.values(additional ?? {})) {
    if (isObj(entry) && typeof entry.config === "string") {
      try {
        masFragments(YAML2.parse(entry.config, { maxAliasCount: 100 }), out);
      } catch {
      }
    }
  }
  if (isObj(v.spec) && isObj(v.spec.values)) masFragments(v.spec.values, out);
}
async function checkGitopsMas(repo, deps) {
  const files = await selectFiles(deps.exec, { root: repo });
  const fragments = [];
  for (const f of files) {
    if (!/\.ya?ml$/i.test(f.rel)) continue;
    const text = await readRepoFile(f);
    if (text === void 0) continue;
    for (const doc of YAML2.parseAllDocuments(text, { maxAliasCount: 100 })) {
      if (doc.errors.length > 0) continue;
      try {
        masFragments(doc.toJS({ maxAliasCount: 100 }), fragments);
      } catch {
      }
    }
  }
  const where = path17.basename(repo);
  if (fragments.length === 0)
    return [{ check: "gitops-mas-config", ok: false, detail: `no MAS configuration found in ${where}` }];
  const account = {};
  const email = {};
  for (const f of fragments) {
    if (isObj(f.account)) assignOwn(account, f.account);
    if (isObj(f.email)) assignOwn(email, f.email);
  }
  const out = [];
  const tokens = account.password_registration_token_required === true || account.registration_token_required === true;
  if (account.password_registration_enabled !== true) {
    out.push({
      check: "gitops-mas-registration",
      ok: false,
      detail: "account.password_registration_enabled is not true: invitees cannot sign up with a password"
    });
  } else if (!tokens) {
    out.push({
      check: "gitops-mas-registration",
      ok: false,
      detail: "account.password_registration_token_required is not true: anyone can register without an invite"
    });
  } else {
    out.push({
      check: "gitops-mas-registration",
      ok: true,
      detail: "password registration enabled and requires a registration token"
    });
  }
  const transport = typeof email.transport === "string" ? email.transport : "blackhole";
  out.push(
    transport === "smtp" || transport === "sendmail" ? { check: "gitops-mas-email", ok: true, detail: `email.transport ${transport}` } : {
      check: "gitops-mas-email",
      ok: false,
      detail: `email.transport is ${transport}: MAS cannot send verification or recovery mail`
    }
  );
  return out;
}

// src/tasks/invite/commands/preflight.ts
async function guarded2(check2, fn, redact) {
  try {
    return await fn();
  } catch (e) {
    return [{ check: check2, ok: false, detail: redact(e.message) }];
  }
}
async function runPreflight(ctx, o, deps) {
  const redact = (s) => deps.redactor.redact(s);
  const backendName = o.backend ?? ctx.config.backend;
  const checks = [];
  checks.push(
    ...await guarded2(`${backendName}-config`, async () => (await ctx.backend(backendName)).preflight(), redact)
  );
  checks.push(
    ...await guarded2(
      "smtp",
      async () => {
        const m = await ctx.mailer();
        await m.verify();
        return [
          {
            check: "smtp",
            ok: true,
            detail: ctx.runtime.mailer ? "mail sender ready" : `SMTP ${ctx.config.smtp.host}:${ctx.config.smtp.port} accepted the connection${ctx.config.smtp.user ? " and login" : ""}`
          }
        ];
      },
      redact
    )
  );
  ctx.close();
  if (ctx.config.gitopsRepo)
    checks.push(...await guarded2("gitops-mas-config", () => checkGitopsMas(ctx.config.gitopsRepo, deps), redact));
  const findings = checks.map(
    (c) => c.ok ? { ruleId: "invite/preflight-ok", severity: "info", message: `${c.check}: ${c.detail}` } : {
      ruleId: "invite/preflight-failed",
      severity: "error",
      message: `${c.check}: ${c.detail}`,
      data: { check: c.check }
    }
  );
  return makeReport("invite", findings, { results: { command: "preflight", checks } });
}

// src/tasks/invite/commands/send.ts
import path20 from "node:path";

// src/tasks/invite/engine.ts
import { randomUUID } from "node:crypto";

// src/tasks/invite/mail/render.ts
import { readFile as readFile8 } from "node:fs/promises";
import path18 from "node:path";

// src/tasks/invite/mail/templates/de.ts
var de = {
  subject: "Deine Einladung zu {{site}}",
  text: `Hallo {{name}},

du bist zu {{site}} eingeladen.
{{#token}}
So registrierst du dich:
1. \xD6ffne {{link}}
2. Gib bei der Registrierung diesen Einladungscode ein:

    {{token}}

Der Code gilt f\xFCr eine Registrierung.
{{/token}}
{{^token}}
Registriere dich \xFCber diesen pers\xF6nlichen Link:
{{link}}
{{/token}}
Die Einladung ist g\xFCltig bis {{expires}}.

Falls du mit dieser Einladung nichts anfangen kannst, ignoriere diese Nachricht einfach.
`,
  html: `<!doctype html>
<html lang="de"><body style="font-family: sans-serif; line-height: 1.5">
<p>Hallo {{name}},</p>
<p>du bist zu <strong>{{site}}</strong> eingeladen.</p>
{{#token}}
<p>So registrierst du dich:</p>
<ol>
<li>\xD6ffne <a href="{{link}}">{{link}}</a></li>
<li>Gib bei der Registrierung diesen Einladungscode ein:</li>
</ol>
<p style="font-family: monospace; font-size: 1.3em; letter-spacing: 0.05em"><code>{{token}}</code></p>
<p>Der Code gilt f\xFCr eine Registrierung.</p>
{{/token}}
{{^token}}
<p><a href="{{link}}">Jetzt registrieren</a></p>
<p>Oder kopiere diesen pers\xF6nlichen Link in deinen Browser: {{link}}</p>
{{/token}}
<p>Die Einladung ist g\xFCltig bis {{expires}}.</p>
<p style="color: #666">Falls du mit dieser Einladung nichts anfangen kannst, ignoriere diese Nachricht einfach.</p>
</body></html>
`
};

// src/tasks/invite/mail/templates/en.ts
var en = {
  subject: "Your invitation to {{site}}",
  text: `Hello {{name}},

you are invited to {{site}}.
{{#token}}
To sign up:
1. Open {{link}}
2. When asked for a registration token, enter this code:

    {{token}}

The code works for one registration.
{{/token}}
{{^token}}
Sign up with this personal link:
{{link}}
{{/token}}
The invitation is valid until {{expires}}.

If you were not expecting this invitation, you can ignore this message.
`,
  html: `<!doctype html>
<html lang="en"><body style="font-family: sans-serif; line-height: 1.5">
<p>Hello {{name}},</p>
<p>you are invited to <strong>{{site}}</strong>.</p>
{{#token}}
<p>To sign up:</p>
<ol>
<li>Open <a href="{{link}}">{{link}}</a></li>
<li>When asked for a registration token, enter this code:</li>
</ol>
<p style="font-family: monospace; font-size: 1.3em; letter-spacing: 0.05em"><code>{{token}}</code></p>
<p>The code works for one registration.</p>
{{/token}}
{{^token}}
<p><a href="{{link}}">Sign up now</a></p>
<p>Or copy this personal link into your browser: {{link}}</p>
{{/token}}
<p>The invitation is valid until {{expires}}.</p>
<p style="color: #666">If you were not expecting this invitation, you can ignore this message.</p>
</body></html>
`
};

// src/tasks/invite/mail/render.ts
var SHIPPED = { de, en };
function escapeHtml2(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function renderTemplate(tpl, ctx, html) {
  const values = ctx;
  let out = tpl.replace(
    /\{\{([#^])(\w+)\}\}\n?([\s\S]*?)\{\{\/\2\}\}\n?/g,
    (_m, kind, key2, body) => {
      const on = (getOwn(values, key2) ?? "") !== "";
      return kind === "#" === on ? body : "";
    }
  );
  out = out.replace(/\{\{(\w+)\}\}/g, (_m, key2) => {
    const v = getOwn(values, key2) ?? "";
    return html ? escapeHtml2(v) : v;
  });
  return out;
}
async function loadTemplate(lang, dir) {
  const base = SHIPPED[lang];
  if (!dir) return base;
  const part = async (file) => {
    try {
      return await readFile8(path18.join(dir, file), "utf8");
    } catch (e) {
      if (e.code === "ENOENT") return void 0;
      throw new MxopsError(
        "MXOPS_INPUT",
        `${path18.join(dir, file)}: cannot read mail template (${e.code ?? "error"})`
      );
    }
  };
  const [subject, text, html] = await Promise.all([
    part(`${lang}.subject.txt`),
    part(`${lang}.txt`),
    part(`${lang}.html`)
  ]);
  return { subject: subject?.trim() ?? base.subject, text: text ?? base.text, html: html ?? base.html };
}
function formatExpiry(iso, lang) {
  if (iso === null) return lang === "de" ? "auf Weiteres" : "further notice";
  const d = new Date(iso);
  const fmt = new Intl.DateTimeFormat(lang === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC"
  });
  return `${fmt.format(d)} UTC`;
}

// src/tasks/invite/mail/compose.ts
async function composeInvite(config, r, lang, invite) {
  const tpl = await loadTemplate(lang, config.mail.templatesDir);
  const site = siteName(config);
  const ctx = {
    name: r.name ?? r.email.split("@")[0] ?? r.email,
    email: r.email,
    site,
    link: invite.link,
    token: invite.token,
    expires: formatExpiry(invite.expiresAt, lang),
    registrationUrl: config.mas?.registrationUrl ?? invite.link
  };
  const subjectCtx = { ...ctx, token: "", link: "" };
  const subject = renderTemplate(config.mail.subject?.[lang] ?? tpl.subject, subjectCtx, false).replace(/\s+/g, " ").trim();
  const mail = {
    from: config.mail.from ?? "",
    to: { address: r.email, ...r.name ? { name: r.name } : {} },
    subject,
    text: renderTemplate(tpl.text, ctx, false),
    html: renderTemplate(tpl.html, ctx, true),
    lang
  };
  if (config.mail.replyTo) mail.replyTo = config.mail.replyTo;
  return mail;
}
function siteName(config) {
  if (config.mail.siteName) return config.mail.siteName;
  const u = config.mas?.url ?? config.authentik?.url;
  if (!u) return "Matrix";
  const host2 = new URL(u).hostname;
  return host2.replace(/^(account|auth|authentik|mas|sso)\./, "");
}

// src/tasks/invite/mail/mailer.ts
import { rootCertificates as rootCertificates2 } from "node:tls";
import nodemailer from "nodemailer";
var MailError = class extends MxopsError {
  constructor(reason, message, cause) {
    super(reason === "mail-auth" ? "MXOPS_AUTH" : "MXOPS_HTTP", message, { cause });
    this.reason = reason;
  }
  reason;
};
function mapMailError(e, where) {
  const err = e;
  const rc = typeof err.responseCode === "number" ? ` (SMTP ${err.responseCode})` : "";
  const original = err.originalCode ?? "";
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|ERR_SSL|ERR_TLS/.test(original)) {
    return new MailError("mail-tls", `${where}: TLS failed (${original}); check smtp.secure and ca_file`, e);
  }
  switch (err.code) {
    case "EAUTH":
    case "ENOAUTH":
      return new MailError(
        "mail-auth",
        `${where}: authentication failed${rc}; check smtp.user and MXOPS_SMTP_PASSWORD`,
        e
      );
    case "EENVELOPE":
      return new MailError("mail-rejected", `${where}: recipient or sender rejected${rc}`, e);
    case "EMESSAGE":
      return new MailError("mail-rejected", `${where}: message rejected${rc}`, e);
    case "ETLS":
      return new MailError(
        "mail-tls",
        `${where}: TLS failed (certificate or STARTTLS); check smtp.secure and ca_file`,
        e
      );
    case "ETIMEDOUT":
      return new MailError("mail-timeout", `${where}: timed out`, e);
    case "ECONNECTION":
    case "ESOCKET":
    case "EDNS":
    case "ECONNREFUSED":
      return new MailError("mail-connection", `${where}: cannot connect${rc}`, e);
    default:
      if (typeof err.responseCode === "number" && err.responseCode >= 400)
        return new MailError("mail-rejected", `${where}: server refused the message${rc}`, e);
      return new MailError("mail-failed", `${where}: sending failed${err.code ? ` (${err.code})` : ""}`, e);
  }
}
function createSmtpSender(s) {
  const where = `SMTP ${s.host}:${s.port}`;
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure === "tls",
    requireTLS: s.secure === "starttls",
    ignoreTLS: s.secure === "none",
    ...s.user ? { auth: { user: s.user, pass: s.password ?? "" } } : {},
    ...s.name ? { name: s.name } : {},
    tls: { rejectUnauthorized: true, ...s.ca ? { ca: [...rootCertificates2, s.ca] } : {} },
    pool: true,
    maxConnections: s.maxConnections ?? 4,
    connectionTimeout: s.timeoutMs ?? 15e3,
    greetingTimeout: s.timeoutMs ?? 15e3,
    socketTimeout: s.timeoutMs ?? 3e4,
    logger: false,
    debug: false
  });
  return {
    async verify() {
      try {
        await transport.verify();
      } catch (e) {
        throw mapMailError(e, where);
      }
    },
    async send(m) {
      try {
        const info = await transport.sendMail({
          from: m.from,
          to: m.to.name ? { name: m.to.name, address: m.to.address } : m.to.address,
          ...m.replyTo ? { replyTo: m.replyTo } : {},
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: { "Content-Language": m.lang }
        });
        const rejected = info.rejected ?? [];
        if (rejected.length > 0) throw Object.assign(new Error("rejected"), { code: "EENVELOPE" });
        return { messageId: String(info.messageId) };
      } catch (e) {
        throw e instanceof MailError ? e : mapMailError(e, where);
      }
    },
    close() {
      transport.close();
    }
  };
}

// src/tasks/invite/engine.ts
var SimulatedCrash = class extends Error {
  constructor() {
    super("simulated crash");
    this.name = "SimulatedCrash";
  }
};
function reasonOf(e) {
  if (e instanceof MailError) return e.reason;
  if (isMxopsError(e)) return e.code === "MXOPS_AUTH" ? "auth" : e.code === "MXOPS_CONFIG" ? "config" : "backend";
  return "error";
}
async function inviteOne(ctx, r, attempts, o) {
  const email = recipientKey(r.email);
  const base = { email, backend: o.backend };
  const mine = attempts.filter((a) => a.backend === o.backend);
  const write2 = (rec) => ctx.audit.append({ ts: ctx.now().toISOString(), recipient: email, backend: o.backend, ...rec });
  let cleaned = 0;
  try {
    const backend = await ctx.backend(o.backend);
    for (const a of mine.filter(needsCleanup)) {
      if (o.dryRun) {
        cleaned += 1;
        continue;
      }
      let id = a.id;
      if (!id && a.ref) id = (await backend.findOrphan({ recipient: r, ref: a.ref, after: a.startedAt }))?.id;
      if (id) await backend.revoke(id);
      await write2({
        attempt: a.attempt,
        status: "revoked",
        reason: "interrupted",
        revokedAt: ctx.now().toISOString(),
        ...id ? { id } : {}
      });
      a.status = "revoked";
      cleaned += 1;
    }
    if (backend.untracked) {
      const known2 = new Set(mine.map((a) => a.id ?? a.ref ?? "").filter((x) => x !== ""));
      for (const u of await backend.untracked(r, known2)) {
        cleaned += 1;
        if (o.dryRun) continue;
        await backend.revoke(u.id);
        await write2({
          attempt: randomUUID(),
          status: "revoked",
          reason: "untracked",
          id: u.id,
          revokedAt: ctx.now().toISOString()
        });
      }
    }
    const settled = [...mine].reverse().find((a) => a.status !== "pending" && a.status !== "failed");
    if (settled?.status === "used" && !o.resend) {
      return {
        ...base,
        action: "skipped",
        reason: "used",
        message: "invite already used (recipient has signed up); use --resend to send another",
        ...settled.id ? { id: settled.id } : {},
        cleaned
      };
    }
    const live = [...mine].reverse().find((a) => isLiveByAudit(a, ctx.now()));
    if (live?.id) {
      const remote = await backend.get(live.id);
      if (remote.state === "live" && !o.resend) {
        return {
          ...base,
          action: "skipped",
          reason: "live",
          message: `already invited (sent ${live.sentAt ?? "?"}, expires ${live.expiresAt ?? "never"}); use --resend to replace`,
          id: live.id,
          expiresAt: live.expiresAt ?? null,
          cleaned
        };
      }
      if (remote.state === "used" && !o.resend) {
        if (!o.dryRun) await write2({ attempt: live.attempt, status: "used", id: live.id });
        return {
          ...base,
          action: "skipped",
          reason: "used",
          message: "invite already used (recipient has signed up); use --resend to send another",
          id: live.id,
          cleaned
        };
      }
      if (o.dryRun) {
        return {
          ...base,
          action: remote.state === "live" ? "would-resend" : "would-send",
          message: remote.state === "live" ? "would revoke the live invite and send a new one" : `previous invite is ${remote.state}; would send a new one`,
          cleaned
        };
      }
      if (remote.state === "live") {
        await backend.revoke(live.id);
        await write2({
          attempt: live.attempt,
          status: "revoked",
          reason: "resend",
          id: live.id,
          revokedAt: ctx.now().toISOString()
        });
      } else if (remote.state !== "used") {
        await write2({
          attempt: live.attempt,
          status: remote.state === "missing" ? "revoked" : remote.state,
          id: live.id,
          ...remote.state === "missing" ? { reason: "missing" } : {}
        });
      }
    }
    if (o.dryRun)
      return {
        ...base,
        action: "would-send",
        message: `would create a ${o.backend} invite expiring ${o.expiresAt.toISOString()} and mail it`,
        cleaned
      };
    return await createAndSend(ctx, r, o, write2, base, cleaned, live !== void 0);
  } catch (e) {
    if (e instanceof SimulatedCrash || isMxopsError(e) && e.code === "MXOPS_STATE") throw e;
    return {
      ...base,
      action: "failed",
      reason: reasonOf(e),
      message: ctx.deps.redactor.redact(isMxopsError(e) ? e.message : describeError(e)),
      cleaned
    };
  }
}
async function createAndSend(ctx, r, o, write2, base, cleaned, replaced) {
  const backend = await ctx.backend(o.backend);
  if (ctx.mailDown)
    return {
      ...base,
      action: "failed",
      reason: ctx.mailDown.reason,
      message: `not attempted: ${ctx.mailDown.message}`,
      cleaned
    };
  const attempt = randomUUID();
  const prepared = await backend.prepare(r);
  await write2({ attempt, status: "pending", ref: prepared.ref, expiresAt: o.expiresAt.toISOString() });
  let created;
  try {
    created = await backend.create(r, prepared, { expiresAt: o.expiresAt, uses: o.uses });
  } catch (e) {
    const unknown = isMxopsError(e) && e.code === "MXOPS_HTTP";
    await write2({
      attempt,
      status: "failed",
      reason: unknown ? "create-unknown" : "create-failed",
      error: ctx.deps.redactor.redact(describeError(e))
    });
    throw e;
  }
  ctx.deps.redactor.add(created.secret);
  await write2({
    attempt,
    status: "created",
    id: created.id,
    createdAt: created.createdAt,
    expiresAt: created.expiresAt
  });
  await ctx.runtime.afterCreate?.(r);
  const lang = r.lang ?? o.lang;
  try {
    const mail = await composeInvite(ctx.config, r, lang, {
      link: backend.link(created.secret),
      token: o.backend === "mas" ? created.secret : "",
      expiresAt: created.expiresAt
    });
    const sender = await ctx.mailer();
    const { messageId } = await sender.send(mail);
    await write2({ attempt, status: "sent", id: created.id, sentAt: ctx.now().toISOString(), messageId });
    return {
      ...base,
      action: replaced ? "resent" : "sent",
      message: `invited (expires ${created.expiresAt ?? "never"})`,
      id: created.id,
      expiresAt: created.expiresAt,
      messageId,
      cleaned
    };
  } catch (e) {
    if (e instanceof SimulatedCrash) throw e;
    const reason = reasonOf(e);
    const error = ctx.deps.redactor.redact(isMxopsError(e) ? e.message : describeError(e));
    if (["mail-connection", "mail-tls", "mail-auth", "mail-timeout"].includes(reason))
      ctx.mailDown ??= { reason, message: error };
    let revokedAt;
    try {
      await backend.revoke(created.id);
      revokedAt = ctx.now().toISOString();
    } catch {
    }
    await write2({ attempt, status: "failed", id: created.id, reason, error, ...revokedAt ? { revokedAt } : {} });
    const after = revokedAt ? "the invite was revoked" : "revoking the invite failed too; the next run revokes it first";
    return { ...base, action: "failed", reason, message: `${error}; ${after}`, id: created.id, cleaned };
  }
}

// src/tasks/invite/recipients.ts
import { readFile as readFile9, stat as stat4 } from "node:fs/promises";
import path19 from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import YAML3 from "yaml";
var MAX_LIST_BYTES = 16 * 1024 * 1024;
var EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
function emailProblem(email) {
  if (email.length > 254) return "address longer than 254 characters";
  return EMAIL.test(email) ? void 0 : `not an email address: ${JSON.stringify(email.slice(0, 80))}`;
}
function cleanField(v) {
  if (v === void 0 || v === null) return "";
  return (
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- list cells may be any YAML scalar; String() renders numbers and booleans as written
    String(v).replace(/[\u0000-\u001f\u007f]+/g, " ").trim()
  );
}
function toRecipient(o) {
  const email = String(o.email ?? "").trim();
  const problem = emailProblem(email);
  if (problem) return { error: problem };
  const r = { email };
  const name = cleanField(o.name);
  if (name) r.name = name;
  const username = cleanField(o.username);
  if (username) r.username = username;
  const lang = cleanField(o.lang);
  if (lang) {
    if (!LANGS.includes(lang)) return { error: `lang must be one of ${LANGS.join(", ")}` };
    r.lang = lang;
  }
  return { recipient: r };
}
async function readInviteList(file, cwd) {
  const p = path19.resolve(cwd, file);
  let text;
  try {
    const size = (await stat4(p)).size;
    if (size > MAX_LIST_BYTES) throw inputError(file, `larger than ${MAX_LIST_BYTES / 1024 / 1024} MB; split the list`);
    text = await readFile9(p, "utf8");
  } catch (e) {
    if (e instanceof MxopsError) throw e;
    throw inputError(file, `cannot read (${e.code ?? "error"})`);
  }
  return parseInviteList(file, text);
}
function parseInviteList(file, text) {
  if (/\.ya?ml$/i.test(file)) return parseYamlList(file, text);
  return parseCsvList(file, text);
}
function parseCsvList(file, text) {
  let records;
  try {
    records = parseCsv(text, {
      bom: true,
      comment: "#",
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      delimiter: [",", ";"],
      columns: (header) => header.map((c) => c.toLowerCase()),
      info: true
    });
  } catch (e) {
    const line = e.lines;
    throw inputError(
      file,
      `not valid CSV${line ? ` (line ${line})` : ""}: ${e.code ?? "parse error"}`
    );
  }
  if (records.length > 0 && !Object.prototype.hasOwnProperty.call(records[0].record, "email")) {
    throw inputError(file, "CSV header needs an `email` column (optional: name, lang, username)");
  }
  return records.map(({ record, info }) => ({ line: info.lines, ...toRecipient(record) }));
}
function parseYamlList(file, text) {
  const lc = new YAML3.LineCounter();
  let doc;
  try {
    doc = YAML3.parseDocument(text, { lineCounter: lc, maxAliasCount: 100 });
  } catch (e) {
    throw inputError(file, `not valid YAML (${e.message.split("\n")[0]})`);
  }
  if (doc.errors.length > 0) throw inputError(file, `not valid YAML (${doc.errors[0].message.split("\n")[0]})`);
  let js;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw inputError(file, `not usable YAML (${e.message.split("\n")[0]})`);
  }
  let seq = doc.contents;
  if (YAML3.isMap(seq)) {
    seq = seq.get("invites", true);
    js = js?.invites;
  }
  if (!YAML3.isSeq(seq) || !Array.isArray(js))
    throw inputError(file, "expected a list of invites (or `invites:` with a list)");
  const values = js;
  return seq.items.map((item, i) => {
    const line = YAML3.isNode(item) && item.range ? lc.linePos(item.range[0]).line : 0;
    const v = values[i];
    if (typeof v === "string") return { line, ...toRecipient({ email: v }) };
    if (v && typeof v === "object" && !Array.isArray(v)) return { line, ...toRecipient(v) };
    return { line, error: "expected an address or a mapping with email" };
  });
}

// src/tasks/invite/commands/send.ts
async function pool2(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  let active = 0;
  let peak = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      active++;
      peak = Math.max(peak, active);
      try {
        results[i] = await fn(items[i], i);
      } finally {
        active--;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return { results, peak };
}
function rowFinding(r, file) {
  const where = file && r.line ? { file, line: r.line } : {};
  if (r.action === "failed") {
    return {
      ruleId: "invite/send-failed",
      severity: "error",
      message: `${r.email}: ${r.message}`,
      ...where,
      hint: "fix the cause and rerun; finished rows are skipped",
      data: { email: r.email, reason: r.reason }
    };
  }
  if (r.action === "skipped")
    return {
      ruleId: "invite/already-invited",
      severity: "info",
      message: `${r.email}: ${r.message}`,
      ...where,
      data: { email: r.email, reason: r.reason }
    };
  return {
    ruleId: "invite/result",
    severity: "info",
    message: `${r.email}: ${r.action}${r.id ? ` (${r.id})` : ""}${r.expiresAt ? `, expires ${r.expiresAt}` : ""}`,
    ...where
  };
}
async function runSend(ctx, o, deps) {
  const findings = [];
  let rows;
  const rel = o.listFile ? path20.relative(deps.cwd, path20.resolve(deps.cwd, o.listFile)) : void 0;
  const relFile = rel !== void 0 && (rel.startsWith("..") || path20.isAbsolute(rel)) ? o.listFile : rel;
  if (o.command === "batch") {
    rows = await readInviteList(o.listFile, deps.cwd);
  } else {
    const r = { ...o.recipient };
    for (const k of ["name", "username"]) {
      const v = cleanField(r[k]);
      if (v) r[k] = v;
      else delete r[k];
    }
    const problem = emailProblem(r.email);
    rows = [{ line: 0, ...problem ? { error: problem } : { recipient: r } }];
  }
  const seen = /* @__PURE__ */ new Set();
  const todo = [];
  for (const row2 of rows) {
    const where = relFile && row2.line ? { file: relFile, line: row2.line } : {};
    if (!row2.recipient) {
      findings.push({
        ruleId: "invite/invalid-row",
        severity: "error",
        message: row2.error ?? "unusable row",
        ...where
      });
      continue;
    }
    const key2 = recipientKey(row2.recipient.email);
    if (seen.has(key2)) {
      findings.push({
        ruleId: "invite/duplicate-row",
        severity: "warning",
        message: `${key2} is listed more than once; invited once`,
        ...where
      });
      continue;
    }
    seen.add(key2);
    todo.push({ row: row2, key: key2 });
  }
  const now = ctx.now();
  const send = {
    backend: o.backend ?? ctx.config.backend,
    expiresAt: parseExpiry(o.expires ?? ctx.config.expires, now),
    uses: o.uses,
    lang: o.lang ?? ctx.config.lang,
    resend: o.resend,
    dryRun: o.dryRun
  };
  const backend = await ctx.backend(send.backend);
  if (todo.length > 0) await backend.ready();
  if (!o.dryRun && todo.length > 0) await (await ctx.mailer(o.concurrency)).verify();
  const lock = o.dryRun ? void 0 : await acquireLock(ctx.config.auditLog, { now: () => ctx.now() });
  let results;
  let peak = 0;
  try {
    const attempts = byRecipient(foldAttempts(await ctx.audit.read((m) => deps.log.warn(m))));
    const out = await pool2(todo, o.concurrency, async ({ row: row2, key: key2 }) => {
      const r = await inviteOne(ctx, row2.recipient, attempts.get(key2) ?? [], send);
      if (row2.line) r.line = row2.line;
      return r;
    });
    results = out.results;
    peak = out.peak;
  } finally {
    await lock?.release();
    ctx.close();
  }
  for (const r of results) {
    findings.push(rowFinding(r, relFile));
    if (r.cleaned) {
      findings.push({
        ruleId: "invite/leftover-revoked",
        severity: "warning",
        message: `${r.email}: ${o.dryRun ? "would revoke" : "revoked"} ${r.cleaned} invite(s) left by an interrupted run`,
        ...relFile && r.line ? { file: relFile, line: r.line } : {}
      });
    }
  }
  const count = (a) => results.filter((r) => r.action === a).length;
  const summary = {
    rows: rows.length,
    sent: count("sent") + count("resent"),
    skipped: count("skipped"),
    failed: count("failed"),
    invalid: rows.filter((r) => !r.recipient).length,
    wouldSend: count("would-send") + count("would-resend"),
    peakConcurrency: peak
  };
  findings.push({
    ruleId: "invite/summary",
    severity: "info",
    message: `${summary.sent} sent, ${summary.skipped} already invited, ${summary.failed} failed, ${summary.invalid} invalid${o.dryRun ? `, ${summary.wouldSend} would be sent (dry run)` : ""}`
  });
  const changed = results.some((r) => r.action === "sent" || r.action === "resent" || (r.cleaned ?? 0) > 0) && !o.dryRun;
  return makeReport("invite", findings, {
    changed,
    results: { command: o.command, dryRun: o.dryRun, summary, rows: results }
  });
}

// src/tasks/invite/commands/status.ts
function currentAttempt(list2) {
  return [...list2].reverse().find((a) => a.status !== "pending" && a.status !== "onboarded") ?? list2[list2.length - 1];
}
function effectiveStatus(a, now) {
  if (a.status === "sent" && a.expiresAt && Date.parse(a.expiresAt) <= now.getTime()) return "expired";
  return a.status;
}
function row(a, now) {
  const r = { email: a.recipient, backend: a.backend, status: effectiveStatus(a, now) };
  if (a.id) r.id = a.id;
  if (a.expiresAt !== void 0) r.expiresAt = a.expiresAt;
  if (a.sentAt) r.sentAt = a.sentAt;
  if (a.messageId) r.messageId = a.messageId;
  return r;
}
async function runList(ctx, o, deps) {
  const now = ctx.now();
  const groups = byRecipient(foldAttempts(await ctx.audit.read((m) => deps.log.warn(m))));
  const rows = [];
  for (const list2 of groups.values()) {
    const a = currentAttempt(list2);
    if (a) rows.push(row(a, now));
  }
  const shown = o.statusFilter ? rows.filter((r) => r.status === o.statusFilter) : rows;
  const findings = shown.map((r) => ({
    ruleId: "invite/result",
    severity: "info",
    message: `${r.email}: ${r.status} via ${r.backend}${r.id ? ` (${r.id})` : ""}${r.expiresAt ? `, expires ${r.expiresAt}` : ""}`
  }));
  findings.push({
    ruleId: "invite/summary",
    severity: "info",
    message: `${shown.length} of ${rows.length} recipient(s)${o.statusFilter ? ` with status ${o.statusFilter}` : ""}`
  });
  return makeReport("invite", findings, { results: { command: "list", rows: shown } });
}
async function runStatus(ctx, o, deps) {
  const now = ctx.now();
  const lock = o.dryRun ? void 0 : await acquireLock(ctx.config.auditLog, { now: () => ctx.now() });
  const findings = [];
  let rows = [];
  let changed = false;
  try {
    const groups = byRecipient(foldAttempts(await ctx.audit.read((m) => deps.log.warn(m))));
    const current = [...groups.values()].map(currentAttempt).filter((a) => a !== void 0);
    const out = await pool2(current, o.concurrency, async (a) => {
      const r = row(a, now);
      if (!a.id || !["sent", "created", "expired"].includes(a.status)) return r;
      const backend = await ctx.backend(a.backend);
      const remote = await backend.get(a.id);
      r.remote = remote.state;
      if (remote.timesUsed !== void 0) r.timesUsed = remote.timesUsed;
      const next = remote.state === "live" ? void 0 : remote.state === "missing" ? "revoked" : remote.state;
      if (remote.state === "live" && a.status === "sent") r.status = "sent";
      if (next && next !== a.status) {
        if ((next === "revoked" || remote.state === "missing") && a.status === "sent") {
          findings.push({
            ruleId: "invite/state-drift",
            severity: "warning",
            message: `${a.recipient}: the audit says sent but ${a.backend} reports the invite ${remote.state}`,
            hint: "someone revoked or deleted it outside mxops; send again with --resend if still wanted",
            data: { email: a.recipient, id: a.id }
          });
        }
        if (!o.dryRun) {
          await ctx.audit.append({
            ts: ctx.now().toISOString(),
            recipient: a.recipient,
            backend: a.backend,
            attempt: a.attempt,
            status: next,
            id: a.id,
            reason: "reconciled"
          });
          changed = true;
        }
        r.status = next;
      }
      return r;
    });
    rows = out.results;
  } finally {
    await lock?.release();
  }
  for (const r of rows) {
    findings.push({
      ruleId: "invite/result",
      severity: "info",
      message: `${r.email}: ${r.status}${r.remote ? ` (backend: ${r.remote}${r.timesUsed !== void 0 ? `, used ${r.timesUsed}\xD7` : ""})` : ""}`
    });
  }
  const tally = (s) => rows.filter((r) => r.status === s).length;
  findings.push({
    ruleId: "invite/summary",
    severity: "info",
    message: `${tally("sent")} open, ${tally("used")} used, ${tally("expired")} expired, ${tally("revoked")} revoked, ${tally("failed")} failed`
  });
  return makeReport("invite", findings, { changed, results: { command: "status", rows } });
}

// src/tasks/invite/audit/log.ts
import { constants as constants2 } from "node:fs";
import { open as open2 } from "node:fs/promises";
function symlinkError(file) {
  return new MxopsError("MXOPS_INPUT", `${file}: the audit log is a symbolic link; refusing to follow it`, { file });
}
var AuditLog = class {
  constructor(file, redact) {
    this.file = file;
    this.redact = redact;
  }
  file;
  redact;
  /** Set when the file ends in a torn line: the next append starts a fresh line first. */
  repair = false;
  /** Append one record durably. The line passes the redactor as a last line of defence. */
  async append(record) {
    let line = this.redact(JSON.stringify({ v: 1, ...record }));
    if (this.repair) {
      this.repair = false;
      line = `
${line}`;
    }
    try {
      await appendLineDurable(this.file, line, 384);
    } catch (e) {
      if (e.code === "ELOOP") throw symlinkError(this.file);
      throw new MxopsError(
        "MXOPS_STATE",
        `${this.file}: cannot append to the audit log (${e.code ?? "error"})`,
        { cause: e }
      );
    }
  }
  /**
   * All records in order. A missing file is empty. A torn last line (a crash mid-write) is ignored and reported
   * through `warn`; a corrupt line elsewhere is an MXOPS_STATE error because the trail can no longer be trusted.
   */
  async read(warn = () => void 0) {
    let text;
    try {
      const fh = await open2(this.file, constants2.O_RDONLY | NO_FOLLOW);
      try {
        text = await fh.readFile("utf8");
        await fh.chmod(384).catch(() => void 0);
      } finally {
        await fh.close();
      }
    } catch (e) {
      const code = e.code;
      if (code === "ENOENT") return [];
      if (code === "ELOOP") throw symlinkError(this.file);
      throw new MxopsError("MXOPS_STATE", `${this.file}: cannot read the audit log (${code ?? "error"})`);
    }
    if (text.length > 0 && !text.endsWith("\n")) this.repair = true;
    const lines = text.split("\n");
    const out = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === "") continue;
      let rec;
      try {
        rec = JSON.parse(line);
      } catch {
        if (line.startsWith('{"v":1,')) {
          warn(`${this.file}:${i + 1}: ignoring a torn line (an earlier run was interrupted while writing)`);
          continue;
        }
      }
      if (!rec || rec.v !== 1 || typeof rec.status !== "string" || typeof rec.recipient !== "string") {
        throw new MxopsError(
          "MXOPS_STATE",
          `${this.file}:${i + 1}: not a valid audit record; fix or move the file before inviting`
        );
      }
      out.push(rec);
    }
    return out;
  }
};

// src/tasks/invite/authentik/backend.ts
import { createHash as createHash3 } from "node:crypto";

// src/tasks/invite/authentik/wiring.ts
var REQUIRED = [
  { kind: "invitation", model: ".invitationstage", why: "without it the itoken is never checked" },
  { kind: "prompt", model: ".promptstage", why: "collects username/email/name (fixed_data fills it)" },
  { kind: "user_write", model: ".userwritestage", why: "creates the user" },
  { kind: "user_login", model: ".userloginstage", why: "logs the new user in" }
];
function checkFlowWiring(slug, designation, bindings, invitationStages) {
  const out = [];
  out.push(
    designation === "enrollment" ? { check: "authentik-flow", ok: true, detail: `flow ${slug} exists (designation enrollment)` } : { check: "authentik-flow", ok: false, detail: `flow ${slug} has designation ${designation}, not enrollment` }
  );
  const sorted = [...bindings].sort((a, b) => a.order - b.order);
  const positions = REQUIRED.map((r) => sorted.findIndex((b) => b.stage_obj.meta_model_name.endsWith(r.model)));
  const missing = REQUIRED.filter((_, i) => positions[i] < 0);
  const present = positions.filter((p) => p >= 0);
  const ordered = present.every((p, i) => i === 0 || p > present[i - 1]);
  if (missing.length > 0) {
    out.push({
      check: "authentik-flow-stages",
      ok: false,
      detail: `flow ${slug} lacks ${missing.map((m) => `${m.kind} (${m.why})`).join(", ")}`
    });
  } else if (!ordered) {
    out.push({
      check: "authentik-flow-stages",
      ok: false,
      detail: `flow ${slug} stages are out of order; expected invitation \u2192 identification \u2192 prompt \u2192 user_write \u2192 user_login`
    });
  } else {
    out.push({
      check: "authentik-flow-stages",
      ok: true,
      detail: `flow ${slug}: ${sorted.map((b) => b.stage_obj.meta_model_name.split(".")[1]?.replace(/stage$/, "")).join(" \u2192 ")}`
    });
  }
  const inv = sorted.find((b) => b.stage_obj.meta_model_name.endsWith(".invitationstage"));
  const stage = inv ? invitationStages.find((s) => s.pk === inv.stage) : void 0;
  if (stage?.continue_flow_without_invitation) {
    out.push({
      check: "authentik-invitation-required",
      ok: false,
      detail: `invitation stage ${inv.stage_obj.name} has continue_flow_without_invitation on: anyone can enroll without an invite`
    });
  }
  return out;
}

// src/tasks/invite/authentik/backend.ts
function invitationName(email, now) {
  return `${invitationPrefix(email)}${now.getTime().toString(36)}`;
}
function invitationPrefix(email) {
  const key2 = email.trim().toLowerCase();
  const local = (key2.split("@")[0] ?? "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 24) || "user";
  const hash = createHash3("sha256").update(key2).digest("hex").slice(0, 10);
  return `mxops-${local}-${hash}-`;
}
var AuthentikBackend = class {
  constructor(o) {
    this.o = o;
  }
  o;
  name = "authentik";
  flowPk;
  api(path21) {
    return new URL(`api/v3${path21}`, this.o.url.endsWith("/") ? this.o.url : `${this.o.url}/`).href;
  }
  async call(method, path21, body, idempotent) {
    const headers = { authorization: `Bearer ${this.o.token}`, accept: "application/json" };
    if (body !== void 0) headers["content-type"] = "application/json";
    const res = await this.o.http.request({
      method,
      url: this.api(path21),
      headers,
      ...body !== void 0 ? { body: JSON.stringify(body) } : {},
      retry: idempotent ? "safe" : "answered"
    });
    if (res.status === 401 || res.status === 403) {
      throw new MxopsError(
        "MXOPS_AUTH",
        `Authentik answered ${res.status} for ${method} /api/v3${path21.split("?")[0]}: the API token (AUTHENTIK_TOKEN) is invalid, expired or lacks permission for invitations and flows`
      );
    }
    return res;
  }
  fail(res, what) {
    let detail = "";
    try {
      const b = res.json();
      detail = JSON.stringify(b).slice(0, 200);
    } catch {
      detail = "";
    }
    return new MxopsError(
      "MXOPS_HTTP",
      `Authentik ${what} failed: HTTP ${res.status}${detail ? ` ${this.o.redactor.redact(detail)}` : ""}`
    );
  }
  async listAll(path21) {
    const out = [];
    const sep = path21.includes("?") ? "&" : "?";
    for (let page = 1; page > 0 && page < 1e4; ) {
      const res = await this.call("GET", `${path21}${sep}page=${page}&page_size=100`, void 0, true);
      if (res.status !== 200) throw this.fail(res, `GET ${path21.split("?")[0]}`);
      const body = res.json();
      out.push(...body.results);
      page = body.pagination.next;
    }
    return out;
  }
  /** The enrollment flow's pk, checked to exist and to contain an invitation stage. Throws MXOPS_CONFIG. */
  async flow() {
    const res = await this.call("GET", `/flows/instances/${encodeURIComponent(this.o.flowSlug)}/`, void 0, true);
    if (res.status === 404)
      throw new MxopsError(
        "MXOPS_CONFIG",
        `Authentik has no flow with slug ${this.o.flowSlug} (invite.authentik.flow_slug)`
      );
    if (res.status !== 200) throw this.fail(res, "flow lookup");
    const flow = res.json();
    const bindings = await this.listAll(`/flows/bindings/?target=${flow.pk}&ordering=order`);
    if (!bindings.some((b) => b.stage_obj.meta_model_name.endsWith(".invitationstage"))) {
      throw new MxopsError(
        "MXOPS_CONFIG",
        `Authentik flow ${this.o.flowSlug} has no invitation stage bound; invitations would not be checked`
      );
    }
    this.flowPk = flow.pk;
    return { pk: flow.pk, bindings, designation: flow.designation };
  }
  async byName(name) {
    const res = await this.call(
      "GET",
      `/stages/invitation/invitations/?name=${encodeURIComponent(name)}`,
      void 0,
      true
    );
    if (res.status !== 200) throw this.fail(res, "invitation lookup");
    const inv = res.json().results.find((i) => i.name === name);
    if (inv) this.o.redactor.add(inv.pk);
    return inv;
  }
  remote(name, inv) {
    if (!inv) return { id: name, state: "used", expiresAt: null };
    const exp = inv.expires ?? null;
    const expired = exp !== null && Date.parse(exp) <= this.o.now().getTime();
    return { id: name, state: expired ? "expired" : "live", expiresAt: exp };
  }
  async ready() {
    await this.flow();
  }
  prepare(r) {
    return Promise.resolve({ ref: invitationName(r.email, this.o.now()) });
  }
  async create(r, prepared, options2) {
    const flowPk = this.flowPk ?? (await this.flow()).pk;
    const fixed = { email: r.email };
    if (r.name) fixed.name = r.name;
    if (r.username) fixed.username = r.username;
    const body = {
      name: prepared.ref,
      flow: flowPk,
      single_use: options2.uses <= 1,
      expires: options2.expiresAt.toISOString(),
      fixed_data: fixed
    };
    const once = async () => {
      let res;
      try {
        res = await this.call("POST", "/stages/invitation/invitations/", body, false);
      } catch (e) {
        if (!(e instanceof UnknownOutcome)) throw e;
        const found = await this.byName(prepared.ref);
        if (found) return this.created(found);
        throw e;
      }
      if (res.status === 201) return this.created(res.json());
      if (res.status === 400) {
        const found = await this.byName(prepared.ref);
        if (found) return this.created(found);
      }
      throw this.fail(res, "create invitation");
    };
    try {
      return await withRetry(
        this.o.retry,
        once,
        (o) => !o.ok && o.error instanceof UnknownOutcome ? { why: "Authentik create" } : false
      );
    } catch (e) {
      if (e instanceof UnknownOutcome)
        throw new MxopsError("MXOPS_HTTP", `Authentik create: ${e.message}`, { cause: e });
      throw e;
    }
  }
  created(inv) {
    this.o.redactor.add(inv.pk);
    return { id: inv.name, secret: inv.pk, createdAt: this.o.now().toISOString(), expiresAt: inv.expires ?? null };
  }
  async findOrphan(intent) {
    const inv = await this.byName(intent.ref);
    return inv ? this.remote(intent.ref, inv) : void 0;
  }
  async untracked(r, known2) {
    const prefix = invitationPrefix(r.email);
    const found = await this.listAll(
      `/stages/invitation/invitations/?search=${encodeURIComponent(prefix)}`
    );
    return found.filter((i) => i.name.startsWith(prefix) && !known2.has(i.name)).map((i) => {
      this.o.redactor.add(i.pk);
      return this.remote(i.name, i);
    }).filter((x) => x.state === "live");
  }
  async get(id) {
    return this.remote(id, await this.byName(id));
  }
  async revoke(id) {
    const inv = await this.byName(id);
    if (!inv) return "missing";
    const res = await this.call("DELETE", `/stages/invitation/invitations/${inv.pk}/`, void 0, true);
    if (res.status === 204) return "revoked";
    if (res.status === 404) return "missing";
    throw this.fail(res, `delete invitation ${id}`);
  }
  unrevoke() {
    return Promise.reject(
      new MxopsError(
        "MXOPS_USAGE",
        "Authentik invitations are deleted on revoke and cannot be restored; send a new invite instead"
      )
    );
  }
  extend() {
    return Promise.reject(
      new MxopsError(
        "MXOPS_USAGE",
        "extending Authentik invitations is not supported; use --resend with a new --expires"
      )
    );
  }
  link(secret) {
    return new URL(
      `if/flow/${encodeURIComponent(this.o.flowSlug)}/?itoken=${encodeURIComponent(secret)}`,
      this.o.url.endsWith("/") ? this.o.url : `${this.o.url}/`
    ).href;
  }
  async preflight() {
    const out = [];
    try {
      const me = await this.call("GET", "/core/users/me/", void 0, true);
      if (me.status !== 200) throw this.fail(me, "users/me");
      const v = await this.call("GET", "/admin/version/", void 0, true);
      const version = v.status === 200 ? v.json().version_current : "unknown (no admin rights)";
      out.push({
        check: "authentik-token",
        ok: true,
        detail: `token valid for ${me.json().user.username}, authentik ${version}`
      });
    } catch (e) {
      out.push({ check: "authentik-token", ok: false, detail: this.o.redactor.redact(e.message) });
      return out;
    }
    try {
      const flow = await this.flow();
      const stages = await this.listAll(
        "/stages/invitation/stages/"
      );
      out.push(...checkFlowWiring(this.o.flowSlug, flow.designation, flow.bindings, stages));
    } catch (e) {
      out.push({ check: "authentik-flow", ok: false, detail: this.o.redactor.redact(e.message) });
    }
    return out;
  }
};

// src/tasks/invite/mas/backend.ts
import { createHash as createHash4, randomInt } from "node:crypto";

// src/tasks/invite/mas/token.ts
import * as oidc2 from "openid-client";
var OIDC_MAX_BYTES = 1024 * 1024;
var MAS_ADMIN_SCOPE = "urn:mas:admin";
function ownError(e) {
  for (let c = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) if (isMxopsError(c)) return c;
  return void 0;
}
var MasTokenSource = class {
  constructor(o) {
    this.o = o;
  }
  o;
  config;
  cached;
  /** A grant in flight: concurrent rows wait for it instead of each asking for a token. */
  inflight;
  /** Number of token requests made (tests assert caching and refresh). */
  grants = 0;
  /** Run discovery (cached) and return the token endpoint; throws MXOPS_HTTP. */
  async tokenEndpoint() {
    const c = await this.discover();
    return String(c.serverMetadata().token_endpoint ?? "");
  }
  async discover() {
    if (this.config) return this.config;
    const issuer = new URL(this.o.issuer);
    const auth = this.o.clientAuthMethod === "client_secret_post" ? oidc2.ClientSecretPost(this.o.clientSecret) : oidc2.ClientSecretBasic(this.o.clientSecret);
    const execute = issuer.protocol === "http:" && isLoopbackHost(issuer.hostname) ? [oidc2.allowInsecureRequests] : [];
    try {
      this.config = await oidc2.discovery(issuer, this.o.clientId, void 0, auth, {
        // Discovery and the client_credentials POST are both safe to repeat (a repeat only mints another token).
        // Every request, the token endpoint learned from discovery included, passes the client's https rule.
        [oidc2.customFetch]: this.o.http.fetcher({
          retry: "safe",
          maxBytes: OIDC_MAX_BYTES
        }),
        execute
      });
    } catch (e) {
      const ours = ownError(e);
      throw new MxopsError(
        ours?.code ?? "MXOPS_HTTP",
        `MAS discovery at ${redactUrl(new URL(".well-known/openid-configuration", issuer.href.endsWith("/") ? issuer : `${issuer.href}/`).href)} failed (${this.o.redactor.redact(ours ? ours.message : describeError(e))})`,
        { cause: e }
      );
    }
    return this.config;
  }
  /** Drop the cached token (after the Admin API rejected it). */
  invalidate() {
    this.cached = void 0;
  }
  /** A valid admin access token. Throws MXOPS_AUTH / MXOPS_HTTP. */
  async token() {
    const now = this.o.now().getTime();
    if (this.cached && now < this.cached.refreshAt) return this.cached.token;
    this.inflight ??= this.grant(now).finally(() => {
      this.inflight = void 0;
    });
    return this.inflight;
  }
  async grant(now) {
    const config = await this.discover();
    let res;
    try {
      this.grants += 1;
      res = await oidc2.clientCredentialsGrant(config, { scope: MAS_ADMIN_SCOPE });
    } catch (e) {
      throw this.mapGrantError(e);
    }
    this.o.redactor.add(res.access_token);
    const ttlMs = (res.expires_in ?? 300) * 1e3;
    const skew = this.o.skewMs ?? Math.min(3e4, ttlMs / 10);
    this.cached = { token: res.access_token, refreshAt: now + ttlMs - skew };
    return res.access_token;
  }
  clientRejected(status, cause) {
    return new MxopsError(
      "MXOPS_AUTH",
      `MAS rejected client ${this.o.clientId} (invalid_client, HTTP ${status}): check the client secret and that client_auth_method matches the client's config; the client must also be in policy.data.admin_clients`,
      { cause }
    );
  }
  mapGrantError(e) {
    const client = this.o.clientId;
    if (e instanceof oidc2.ResponseBodyError) {
      const code = e.error;
      if (code === "invalid_client") return this.clientRejected(e.status, e);
      return new MxopsError(
        "MXOPS_AUTH",
        `MAS refused an admin token for client ${client} (${code}, HTTP ${e.status}): client not in policy.data.admin_clients or scope ${MAS_ADMIN_SCOPE} not granted`,
        { cause: e }
      );
    }
    if (e instanceof oidc2.WWWAuthenticateChallengeError) return this.clientRejected(e.status, e);
    const ours = ownError(e);
    return new MxopsError(
      ours?.code ?? "MXOPS_HTTP",
      `MAS token request failed (${this.o.redactor.redact(ours ? ours.message : describeError(e))})`,
      { cause: e }
    );
  }
};

// src/tasks/invite/mas/backend.ts
var API = "api/admin/v1";
var CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
var TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
var TOKEN_LENGTH = 20;
function tokenRef(text) {
  return `sha256:${createHash4("sha256").update(text).digest("hex").slice(0, 16)}`;
}
function ulidFloor(t) {
  let ms = Math.max(0, t.getTime());
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return `${out}${"0".repeat(16)}`;
}
function toRemote(r, now) {
  const a = r.attributes;
  let state = "live";
  if (a.revoked_at !== null) state = "revoked";
  else if (a.times_used > 0) state = "used";
  else if (a.expires_at !== null && Date.parse(a.expires_at) <= now.getTime()) state = "expired";
  else if (!a.valid) state = "used";
  return { id: r.id, state, expiresAt: a.expires_at, timesUsed: a.times_used, createdAt: a.created_at };
}
var MasBackend = class {
  constructor(o) {
    this.o = o;
  }
  o;
  name = "mas";
  url(path21) {
    return new URL(`${API}${path21}`, this.o.url.endsWith("/") ? this.o.url : `${this.o.url}/`).href;
  }
  /** One Admin API call with auth; a rejected cached token is refreshed once. Maps 401/403/404-on-collection. */
  async call(method, path21, body, idempotent, collection = false) {
    for (let round = 0; ; round++) {
      const token = await this.o.tokens.token();
      const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
      if (body !== void 0) headers["content-type"] = "application/json";
      const req = {
        method,
        url: this.url(path21),
        headers,
        ...body !== void 0 ? { body: JSON.stringify(body) } : {}
      };
      const res = await this.o.http.request({ ...req, retry: idempotent ? "safe" : "answered" });
      if ((res.status === 401 || res.status === 403) && round === 0) {
        this.o.tokens.invalidate();
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        throw new MxopsError(
          "MXOPS_AUTH",
          `MAS Admin API answered ${res.status} for ${method} /${API}${path21.split("?")[0]}: client ${this.o.clientId} not in policy.data.admin_clients or scope ${MAS_ADMIN_SCOPE} not granted`
        );
      }
      if (res.status === 404 && collection) {
        throw new MxopsError(
          "MXOPS_CONFIG",
          `MAS answered 404 for /${API}${path21.split("?")[0]}: the http listener lacks the adminapi resource`
        );
      }
      return res;
    }
  }
  fail(res, what) {
    let title = "";
    try {
      title = (res.json().errors?.[0]?.title ?? "").slice(0, 200);
    } catch {
      title = "";
    }
    return new MxopsError(
      "MXOPS_HTTP",
      `MAS ${what} failed: HTTP ${res.status}${title ? ` (${this.o.redactor.redact(title)})` : ""}`
    );
  }
  async ready() {
    const res = await this.call("GET", "/version", void 0, true, true);
    if (res.status !== 200) throw this.fail(res, "version check");
  }
  prepare() {
    let text = "";
    for (let i = 0; i < TOKEN_LENGTH; i++) text += TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)];
    this.o.redactor.add(text);
    return Promise.resolve({ ref: tokenRef(text), secret: text });
  }
  async create(_r, prepared, options2) {
    const text = prepared.secret;
    if (!text) throw new MxopsError("MXOPS_INTERNAL", "MAS create without a prepared token");
    const since = new Date(this.o.now().getTime() - 10 * 6e4);
    const body = { token: text, usage_limit: options2.uses, expires_at: options2.expiresAt.toISOString() };
    const once = async () => {
      let res;
      try {
        res = await this.call("POST", "/user-registration-tokens", body, false, true);
      } catch (e) {
        if (!(e instanceof UnknownOutcome)) throw e;
        const found = await this.findByText(text, since);
        if (found) return this.created(found);
        throw e;
      }
      if (res.status === 201) return this.created(res.json().data);
      if (res.status === 409) {
        const found = await this.findByText(text, since);
        if (found) return this.created(found);
        throw new MxopsError(
          "MXOPS_HTTP",
          "MAS create answered 409 (token text exists) but no such token is listed; retry later"
        );
      }
      throw this.fail(res, "create registration token");
    };
    return this.retryLost(once, "MAS create");
  }
  /** Repeat `fn` after a lost connection (UnknownOutcome) under the retry policy; other errors end it. */
  async retryLost(fn, what) {
    try {
      return await withRetry(
        this.o.retry,
        fn,
        (o) => !o.ok && o.error instanceof UnknownOutcome ? { why: what } : false
      );
    } catch (e) {
      if (e instanceof UnknownOutcome) throw new MxopsError("MXOPS_HTTP", `${what}: ${e.message}`, { cause: e });
      throw e;
    }
  }
  created(r) {
    this.o.redactor.add(r.attributes.token);
    return {
      id: r.id,
      secret: r.attributes.token,
      createdAt: r.attributes.created_at,
      expiresAt: r.attributes.expires_at
    };
  }
  /** Scan tokens created since `since` (cursor pagination), returning the first that `match`es. */
  async scan(since, match) {
    let after = ulidFloor(since);
    for (let page = 0; page < 1e4; page++) {
      const q = `?filter[revoked]=false&page[first]=100&page[after]=${after}&count=false`;
      const res = await this.call("GET", `/user-registration-tokens${q}`, void 0, true, true);
      if (res.status !== 200) throw this.fail(res, "list registration tokens");
      const body = res.json();
      const data2 = body.data ?? [];
      for (const r of data2) {
        this.o.redactor.add(r.attributes.token);
        if (match(r)) return r;
      }
      if (!body.links?.next || data2.length === 0) return void 0;
      after = data2[data2.length - 1].id;
    }
    return void 0;
  }
  findByText(text, since) {
    return this.scan(since, (r) => r.attributes.token === text);
  }
  async findOrphan(intent) {
    const since = new Date(Date.parse(intent.after) - 10 * 6e4);
    const r = await this.scan(since, (x) => tokenRef(x.attributes.token) === intent.ref);
    return r ? toRemote(r, this.o.now()) : void 0;
  }
  async get(id) {
    const res = await this.call("GET", `/user-registration-tokens/${encodeURIComponent(id)}`, void 0, true);
    if (res.status === 404) return { id, state: "missing", expiresAt: null };
    if (res.status !== 200) throw this.fail(res, `get token ${id}`);
    const data2 = res.json().data;
    this.o.redactor.add(data2.attributes.token);
    return toRemote(data2, this.o.now());
  }
  async revoke(id) {
    const res = await this.callRetryingLost("POST", `/user-registration-tokens/${encodeURIComponent(id)}/revoke`);
    if (res.status === 200) return "revoked";
    if (res.status === 400) return "already";
    if (res.status === 404) return "missing";
    throw this.fail(res, `revoke token ${id}`);
  }
  async unrevoke(id) {
    const res = await this.callRetryingLost("POST", `/user-registration-tokens/${encodeURIComponent(id)}/unrevoke`);
    if (res.status === 404) throw new MxopsError("MXOPS_INPUT", `MAS has no registration token ${id}`);
    if (res.status === 200 || res.status === 400) return this.get(id);
    throw this.fail(res, `unrevoke token ${id}`);
  }
  async extend(id, changes) {
    const body = {};
    if (changes.expiresAt) body.expires_at = changes.expiresAt.toISOString();
    if (changes.usageLimit !== void 0) body.usage_limit = changes.usageLimit;
    const res = await this.call("PUT", `/user-registration-tokens/${encodeURIComponent(id)}`, body, true);
    if (res.status === 404) throw new MxopsError("MXOPS_INPUT", `MAS has no registration token ${id}`);
    if (res.status !== 200) throw this.fail(res, `update token ${id}`);
    const data2 = res.json().data;
    this.o.redactor.add(data2.attributes.token);
    return toRemote(data2, this.o.now());
  }
  /** POSTs whose repetition is harmless (revoke/unrevoke): a lost connection is simply tried again. */
  callRetryingLost(method, path21) {
    return this.retryLost(() => this.call(method, path21, void 0, false), "MAS");
  }
  link(secret) {
    if (!this.o.linkTemplate) return this.o.registrationUrl;
    return this.o.linkTemplate.replace(/\{token\}/g, encodeURIComponent(secret));
  }
  async preflight() {
    const out = [];
    const step = async (check2, fn) => {
      try {
        out.push({ check: check2, ok: true, detail: await fn() });
        return true;
      } catch (e) {
        out.push({ check: check2, ok: false, detail: this.o.redactor.redact(e.message) });
        return false;
      }
    };
    if (!await step("mas-discovery", async () => `token endpoint ${redactUrl(await this.o.tokens.tokenEndpoint())}`))
      return out;
    const ok = await step("mas-admin-token", async () => {
      await this.o.tokens.token();
      return `client ${this.o.clientId} got a ${MAS_ADMIN_SCOPE} token`;
    });
    if (!ok) return out;
    await step("mas-admin-api", async () => {
      const res = await this.call("GET", "/version", void 0, true, true);
      if (res.status !== 200) throw this.fail(res, "version");
      const list2 = await this.call("GET", "/user-registration-tokens?count=only", void 0, true, true);
      if (list2.status !== 200) throw this.fail(list2, "list registration tokens");
      return `MAS ${res.json().version}, registration tokens readable`;
    });
    await step("mas-registration-token-required", async () => {
      const res = await this.call("GET", "/site-config", void 0, true, true);
      if (res.status !== 200) throw this.fail(res, "site-config");
      const sc = res.json();
      if (!sc.password_registration_enabled)
        throw new Error(
          "password registration is disabled (account.password_registration_enabled): tokens cannot be used to sign up"
        );
      if (!sc.password_registration_token_required && !sc.registration_token_required) {
        throw new Error(
          "registration tokens are not required (account.password_registration_token_required): anyone can sign up without an invite"
        );
      }
      return "password registration enabled and requires a token";
    });
    return out;
  }
};

// src/tasks/invite/context.ts
var InviteContext = class {
  constructor(config, secrets, deps, runtime = {}) {
    this.config = config;
    this.secrets = secrets;
    this.deps = deps;
    this.runtime = runtime;
    for (const s of Object.values(secrets)) deps.redactor.add(s);
    this.audit = new AuditLog(config.auditLog, (s) => deps.redactor.redact(s));
    this.retry = defaultRetryPolicy({
      ...runtime.sleep ? { sleep: runtime.sleep } : {},
      log: (m) => deps.log.debug(m)
    });
  }
  config;
  secrets;
  deps;
  runtime;
  audit;
  retry;
  backends = /* @__PURE__ */ new Map();
  mailerInstance;
  /**
   * Set after a mail failure that will hit every recipient (connection, TLS, login, timeout): later rows then fail
   * before creating an invite instead of creating and revoking one each.
   */
  mailDown;
  httpClient;
  now() {
    return this.deps.now();
  }
  async http() {
    if (this.runtime.http) return this.runtime.http;
    if (!this.httpClient) {
      let ca;
      if (this.config.caFile) {
        try {
          ca = await readSmallFile(this.config.caFile);
        } catch (e) {
          throw new MxopsError(
            "MXOPS_INPUT",
            `${this.config.caFile}: cannot read CA file (${e.code ?? "error"})`
          );
        }
      }
      this.httpClient = createHttpClient({
        ...ca ? { ca } : {},
        retries: this.retry.attempts - 1,
        backoffMs: this.retry.baseMs,
        maxRetryAfterMs: this.retry.maxRetryAfterMs,
        ...this.retry.deadlineMs !== void 0 ? { deadlineMs: this.retry.deadlineMs } : {},
        timeoutMs: this.runtime.timeoutMs ?? 15e3,
        sleep: this.retry.sleep,
        ...this.retry.log ? { log: this.retry.log } : {}
      });
    }
    return this.httpClient;
  }
  /** The backend by name (default: the configured one). Throws MXOPS_CONFIG when it is not configured. */
  async backend(name = this.config.backend) {
    const have = this.backends.get(name);
    if (have) return have;
    const http2 = await this.http();
    let b;
    if (name === "mas") {
      const mas = this.config.mas;
      if (!mas) throw new MxopsError("MXOPS_CONFIG", "invite.mas (url, client_id) is not configured");
      if (!this.secrets.masClientSecret)
        throw new MxopsError(
          "MXOPS_CONFIG",
          "the MAS client secret is missing: set MXOPS_MAS_CLIENT_SECRET or MXOPS_MAS_CLIENT_SECRET_FILE"
        );
      const tokens = new MasTokenSource({
        issuer: mas.issuer,
        clientId: mas.clientId,
        clientSecret: this.secrets.masClientSecret,
        clientAuthMethod: mas.clientAuthMethod,
        http: http2,
        redactor: this.deps.redactor,
        now: () => this.now()
      });
      b = new MasBackend({
        url: mas.url,
        registrationUrl: mas.registrationUrl,
        ...this.config.linkTemplate ? { linkTemplate: this.config.linkTemplate } : {},
        clientId: mas.clientId,
        tokens,
        http: http2,
        retry: this.retry,
        redactor: this.deps.redactor,
        now: () => this.now()
      });
    } else {
      const ak = this.config.authentik;
      if (!ak) throw new MxopsError("MXOPS_CONFIG", "invite.authentik (url, flow_slug) is not configured");
      if (!this.secrets.authentikToken)
        throw new MxopsError(
          "MXOPS_CONFIG",
          "the Authentik API token is missing: set AUTHENTIK_TOKEN or AUTHENTIK_TOKEN_FILE"
        );
      b = new AuthentikBackend({
        url: ak.url,
        flowSlug: ak.flowSlug,
        token: this.secrets.authentikToken,
        http: http2,
        retry: this.retry,
        redactor: this.deps.redactor,
        now: () => this.now()
      });
    }
    this.backends.set(name, b);
    return b;
  }
  /** The mail sender (SMTP from config unless injected). Throws MXOPS_CONFIG without SMTP settings. */
  async mailer(concurrency = 4) {
    if (this.runtime.mailer) return this.runtime.mailer;
    if (this.mailerInstance) return this.mailerInstance;
    const smtp = this.config.smtp;
    if (!smtp) throw new MxopsError("MXOPS_CONFIG", "invite.smtp (host, port, secure) is not configured");
    if (!this.config.mail.from)
      throw new MxopsError("MXOPS_CONFIG", "invite.mail.from (sender address) is not configured");
    let ca;
    if (this.config.caFile) ca = await readSmallFile(this.config.caFile).catch(() => void 0);
    this.mailerInstance = createSmtpSender({
      ...smtp,
      ...this.secrets.smtpPassword ? { password: this.secrets.smtpPassword } : {},
      ...ca ? { ca } : {},
      maxConnections: Math.max(1, Math.min(concurrency, 8))
    });
    return this.mailerInstance;
  }
  /** Close pooled connections. */
  close() {
    this.mailerInstance?.close();
  }
};

// src/tasks/invite/index.ts
async function runInvite(options2, deps) {
  const report = await dispatch(options2, deps);
  const unknown = options2.config.unknownKeys ?? [];
  if (unknown.length === 0) return report;
  const findings = unknown.map((k) => ({
    ruleId: "invite/unknown-config-key",
    severity: "warning",
    message: `${k} is not an invite setting and is ignored`,
    keyPath: k
  }));
  const extra = {};
  if (report.changed !== void 0) extra.changed = report.changed;
  if (report.results !== void 0) extra.results = report.results;
  return makeReport("invite", [...report.findings, ...findings], extra);
}
async function dispatch(options2, deps) {
  const ctx = new InviteContext(options2.config, options2.secrets, deps, options2.runtime ?? {});
  try {
    switch (options2.command) {
      case "send":
      case "batch":
        return await runSend(ctx, options2, deps);
      case "list":
        return await runList(ctx, options2, deps);
      case "status":
        return await runStatus(ctx, options2, deps);
      case "revoke":
      case "unrevoke":
      case "extend":
        return await runManage(ctx, options2, deps);
      case "preflight":
        return await runPreflight(ctx, options2, deps);
      case "onboard":
        return await runOnboard(ctx, options2, deps);
    }
  } finally {
    ctx.close();
  }
}

// src/tasks/invite/api.ts
function options(command, base, extra = {}) {
  return { uses: 1, concurrency: 4, resend: false, dryRun: false, ...base, command, ...extra };
}
async function loadInviteConfig(o = {}) {
  const cwd = o.cwd ?? process.cwd();
  const env = o.env ?? {};
  const { raw, dir } = await readConfigFile(cwd, o.file);
  const secrets = {};
  for (const [k, name] of Object.entries(SECRET_ENV)) {
    const v = await readSecret(env, name, cwd);
    o.deps?.redactor.add(v);
    if (v !== void 0) secrets[k] = v;
  }
  return { config: parseConfig(raw, dir), secrets };
}
function inviteSend(base, recipient, deps = defaultDeps()) {
  return runInvite(options("send", base, { recipient }), deps);
}
function inviteBatch(base, listFile, deps = defaultDeps()) {
  return runInvite(options("batch", base, { listFile }), deps);
}
function inviteList(base, statusFilter, deps = defaultDeps()) {
  return runInvite(options("list", base, statusFilter ? { statusFilter } : {}), deps);
}
function inviteStatus(base, deps = defaultDeps()) {
  return runInvite(options("status", base), deps);
}
function inviteRevoke(base, target2, deps = defaultDeps()) {
  return runInvite(options("revoke", base, { target: target2 }), deps);
}
function inviteUnrevoke(base, target2, deps = defaultDeps()) {
  return runInvite(options("unrevoke", base, { target: target2 }), deps);
}
function inviteExtend(base, target2, expires, deps = defaultDeps(), usageLimit) {
  return runInvite(
    options("extend", base, { target: target2, expires, ...usageLimit !== void 0 ? { usageLimit } : {} }),
    deps
  );
}
function invitePreflight(base, deps = defaultDeps()) {
  return runInvite(options("preflight", base), deps);
}
function inviteOnboard(base, userId, deps = defaultDeps()) {
  return runInvite(options("onboard", base, { userId }), deps);
}
export {
  FORMATS,
  MxopsError,
  Redactor,
  VERSION,
  countFindings,
  createHttpClient,
  defaultDeps,
  failsAt,
  inviteBatch,
  inviteExtend,
  inviteList,
  inviteOnboard,
  invitePreflight,
  inviteRevoke,
  inviteSend,
  inviteStatus,
  inviteUnrevoke,
  loadInviteConfig,
  milestoneRelease,
  notifyMatrix,
  notifyMessage,
  notifyTxnId,
  render,
  runInvite,
  sopsCheck,
  verifyConfig
};

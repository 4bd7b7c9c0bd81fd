import http from "node:http";
import https from "node:https";
import net from "node:net";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { MxopsError, describeError } from "./errors.js";

/** An HTTP response with the body read into memory. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  url: string;
  /** Parse the body as JSON; throws MXOPS_HTTP naming the URL when it is not JSON. */
  json<T = unknown>(): T;
}

export interface HttpRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Per-attempt timeout in ms (default from client). */
  timeoutMs?: number;
  /** Retries allowed for this request (default: client's for idempotent methods, 0 for POST/PATCH). */
  retries?: number;
  /** Ask for a WebSocket/other protocol upgrade; resolves with status 101 and no body when switched. */
  upgrade?: boolean;
}

export interface HttpClientOptions {
  timeoutMs?: number;
  retries?: number;
  /** Extra CA certificates (PEM) trusted in addition to the system ones. TLS verification is always on. */
  ca?: string;
  /**
   * host:port → address overrides, like curl --resolve. The address may carry a port (`127.0.0.1:8443`,
   * `[::1]:8443`) to reach a port-forward: the connection goes there while the URL's host stays the TLS
   * name and the Host header.
   */
  resolve?: Record<string, string>;
  /** Injected for tests so retries never wait on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Base backoff in ms, doubled per attempt with jitter. */
  backoffMs?: number;
  /** Cap on a server's Retry-After honoured, in ms. */
  maxRetryAfterMs?: number;
  userAgent?: string;
}

/** Performs requests; see createHttpClient. */
export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  /** A fetch-compatible function (for openid-client's customFetch) using the same TLS/resolve/timeout rules. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const RETRY_STATUS = (s: number) => s === 429 || (s >= 500 && s <= 599 && s !== 501);
const RETRY_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET"]);

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function parseRetryAfter(v: string | undefined, now: number): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1") return true;
  return net.isIPv4(h) && h.startsWith("127.");
}

/**
 * An HTTP client with per-attempt timeouts, bounded retries with jittered exponential backoff for
 * 429/5xx and connection errors (idempotent methods only, unless the request says otherwise), Retry-After
 * honoured up to a cap, extra CA certificates and curl-like --resolve. TLS verification cannot be disabled.
 * Network failures throw MxopsError MXOPS_HTTP naming the URL (never the request body or headers).
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const sleep = options.sleep ?? defaultSleep;
  const backoff = options.backoffMs ?? 250;
  const maxRetryAfter = options.maxRetryAfterMs ?? 30_000;
  // Parsing the system roots plus the extra CA costs ~25 ms; do it once per client, not per connection.
  let secureContext: SecureContext | undefined;
  const contextWithCa = (): SecureContext | undefined => {
    if (!options.ca) return undefined;
    secureContext ??= createSecureContext({ ca: [...rootCertificates, options.ca] });
    return secureContext;
  };

  function once(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const isHttps = url.protocol === "https:";
    if (!isHttps && url.protocol !== "http:") {
      return Promise.reject(new MxopsError("MXOPS_USAGE", `unsupported URL scheme: ${url.protocol}//${url.host}`));
    }
    const port = url.port || (isHttps ? "443" : "80");
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const target = parseResolveTarget(options.resolve?.[`${hostname}:${port}`]);
    const override = target?.address;
    const lib = isHttps ? https : http;
    const headers: Record<string, string> = { "user-agent": options.userAgent ?? "mxops", ...req.headers };
    // Connecting to another port must not change what the server sees as its name.
    if (target?.port) headers.host ??= url.host;
    if (req.upgrade) {
      headers.connection = "Upgrade";
      headers.upgrade = "websocket";
      headers["sec-websocket-version"] = "13";
      headers["sec-websocket-key"] = Buffer.from(Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 255)).toString(
        "base64",
      );
    }
    return new Promise((resolve, reject) => {
      const r = lib.request(
        {
          method: req.method ?? "GET",
          protocol: url.protocol,
          hostname,
          port: target?.port ?? port,
          path: url.pathname + url.search,
          headers,
          servername: net.isIP(hostname) ? undefined : hostname,
          // An extra CA adds to the system trust instead of replacing it.
          secureContext: isHttps ? contextWithCa() : undefined,
          rejectUnauthorized: true,
          agent: false,
          lookup: override
            ? (_h: string, opts: unknown, cb: (...a: unknown[]) => void) => {
                const fam = net.isIPv6(override) ? 6 : 4;
                if ((opts as { all?: boolean })?.all) cb(null, [{ address: override, family: fam }]);
                else cb(null, override, fam);
              }
            : undefined,
        } as https.RequestOptions,
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve(makeResponse(req.url, res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString("utf8"))),
          );
          res.on("error", reject);
        },
      );
      r.setTimeout(req.timeoutMs ?? timeoutMs, () => {
        const e = new Error("request timed out") as NodeJS.ErrnoException;
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

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const method = (req.method ?? "GET").toUpperCase();
    const retries = req.retries ?? (IDEMPOTENT.has(method) ? (options.retries ?? 3) : 0);
    const where = `${method} ${redactUrl(req.url)}`;
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse | undefined;
      let err: unknown;
      try {
        res = await once({ ...req, method });
      } catch (e) {
        err = e;
      }
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      const retryable = res ? RETRY_STATUS(res.status) : typeof code === "string" && RETRY_CODES.has(code);
      if (attempt >= retries || !retryable) {
        if (res) return res;
        if (err instanceof MxopsError) throw err;
        throw new MxopsError("MXOPS_HTTP", `${where}: ${describeError(err)}`, { cause: err });
      }
      const fromServer = res ? parseRetryAfter(res.headers["retry-after"], Date.now()) : undefined;
      const jitter = 0.5 + Math.random() / 2;
      const wait = fromServer !== undefined ? Math.min(fromServer, maxRetryAfter) : backoff * 2 ** attempt * jitter;
      await sleep(wait);
    }
  }

  const fetchLike = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((v, k) => {
      headers[k] = v;
    });
    let body: string | Buffer | undefined;
    const b = init.body;
    if (typeof b === "string") body = b;
    else if (b instanceof URLSearchParams) body = b.toString();
    else if (b instanceof Uint8Array) body = Buffer.from(b);
    else if (b instanceof ArrayBuffer) body = Buffer.from(new Uint8Array(b));
    const req: HttpRequest = { method: init.method ?? "GET", url, headers };
    if (body !== undefined) req.body = body;
    const res = await request(req);
    const h = new Headers();
    for (const [k, v] of Object.entries(res.headers)) h.set(k, v);
    const nullBody = res.status === 204 || res.status === 304 || (res.status >= 100 && res.status < 200);
    const out = new Response(nullBody ? null : res.body, { status: res.status, headers: h });
    Object.defineProperty(out, "url", { value: url });
    return out;
  };

  return { request, fetch: fetchLike };
}

/**
 * Split a --resolve address into address and optional port: `1.2.3.4`, `::1`, `[::1]`, `1.2.3.4:8443`,
 * `[::1]:8443`, `localhost:8443`. Undefined in, undefined out.
 */
export function parseResolveTarget(value: string | undefined): { address: string; port?: string } | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (net.isIPv6(v)) return { address: v };
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(v);
  if (bracket) return bracket[2] ? { address: bracket[1], port: bracket[2] } : { address: bracket[1] };
  const hostPort = /^([^:]+):(\d+)$/.exec(v);
  if (hostPort) return { address: hostPort[1], port: hostPort[2] };
  return { address: v };
}

/** URL without userinfo and query (queries may carry tokens in other tools' URLs). */
export function redactUrl(u: string): string {
  try {
    const url = new URL(u);
    url.username = "";
    url.password = "";
    url.search = url.search ? "?…" : "";
    return url.href;
  } catch {
    return "<invalid url>";
  }
}

function makeResponse(url: string, status: number, raw: http.IncomingHttpHeaders, body: string): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return {
    status,
    headers,
    body,
    url,
    json<T>() {
      try {
        return JSON.parse(body) as T;
      } catch {
        throw new MxopsError("MXOPS_HTTP", `${redactUrl(url)}: answered ${status} with a body that is not JSON`);
      }
    },
  };
}

import http from "node:http";
import https from "node:https";
import net from "node:net";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { MxopsError, describeError, isMxopsError } from "./errors.js";
import {
  defaultSleep,
  parseRetryAfter,
  retryableStatus,
  UnknownOutcome,
  withRetry,
  type RetryPolicy,
  type RetryVerdict,
} from "./retry.js";

/** An HTTP response with the body read into memory (never more than the request's byte cap). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  url: string;
  /** Parse the body as JSON; throws MXOPS_HTTP naming the URL when it is not JSON. */
  json<T = unknown>(): T;
}

/**
 * How a failed request may be repeated:
 * - `safe`: after a 429/5xx answer and after a connection error (the default for GET, HEAD, PUT, DELETE, OPTIONS);
 * - `answered`: only after a 429/5xx answer; a connection error throws {@link UnknownOutcome} at once so the caller
 *   can look the result up before sending again — for a POST the caller knows a repeat cannot do harm once the
 *   server has answered (for example because the server rejects duplicates);
 * - `never`: one try (the default for POST and PATCH).
 */
export type RetryMode = "safe" | "answered" | "never";

export interface HttpRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Deadline of one try in ms, covering connect, TLS, headers and the whole body (default: the client's). */
  timeoutMs?: number;
  /** Most response body bytes read; past it the request is aborted with MXOPS_HTTP (default: the client's). */
  maxBytes?: number;
  /** How failures may be repeated (default by method, see {@link RetryMode}). */
  retry?: RetryMode;
  /** Retries allowed (default: the client's); ignored for `retry: "never"`. */
  retries?: number;
  /**
   * Whether the request carries a credential, so it may go only over https or to loopback. Default: true when it
   * has an Authorization, Proxy-Authorization or Cookie header or a body. Only a request whose secret-looking header
   * is known to be worthless (a random probe token) sets false.
   */
  credentials?: boolean;
  /** Ask for a WebSocket/other protocol upgrade; resolves with status 101 and no body when switched. */
  upgrade?: boolean;
  /** Aborts the request (openid-client passes one). */
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  /** Deadline of one try in ms, connect to last body byte (default 10 s). */
  timeoutMs?: number;
  /** Deadline of a whole call, every try and wait included, in ms (default 60 s). */
  deadlineMs?: number;
  /** Default cap on a response body in bytes (default 8 MiB). */
  maxBodyBytes?: number;
  /** Retries for requests that may be repeated (default 3). */
  retries?: number;
  /** Extra CA certificates (PEM) trusted in addition to the system ones. TLS verification is always on. */
  ca?: string;
  /**
   * host:port → address overrides, like curl --resolve. The address may carry a port (`127.0.0.1:8443`,
   * `[::1]:8443`) to reach a port-forward: the connection goes there while the URL's host stays the TLS
   * name and the Host header. It never makes a host count as loopback for the https rule.
   */
  resolve?: Record<string, string>;
  /** Injected for tests so retries never wait on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock in ms for the call deadline and Retry-After dates (default Date.now). */
  now?: () => number;
  /** Base backoff in ms, doubled per attempt with jitter. */
  backoffMs?: number;
  /** Cap on a server's Retry-After honoured, in ms. */
  maxRetryAfterMs?: number;
  userAgent?: string;
  /** Debug lines about retries (URLs without query). */
  log?: (msg: string) => void;
}

/** A fetch-compatible function. */
export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Per-call settings a fetch adapter applies to every request it makes. */
export type FetchDefaults = Pick<HttpRequest, "retry" | "retries" | "maxBytes" | "timeoutMs" | "credentials">;

/** Performs requests; see createHttpClient. */
export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  /** A fetch-compatible function (for openid-client's customFetch) using the same rules as `request`. */
  fetch: FetchFn;
  /** A fetch-compatible function whose requests all get `defaults` (e.g. `{retry: "safe", maxBytes}`). */
  fetcher(defaults: FetchDefaults): FetchFn;
}

/** Default cap on a response body: 8 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const RETRY_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET"]);
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"];

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** True for 127.0.0.0/8, ::1 (also IPv4-mapped loopback) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost") return true;
  const family = net.isIP(h);
  return family !== 0 && LOOPBACK.check(h, family === 6 ? "ipv6" : "ipv4");
}

/**
 * Throw MXOPS_CONFIG unless a request to `url` may carry credentials: https, or plain http to a loopback host
 * (127.0.0.0/8, ::1, localhost). Checked before a connection is opened, for every request, so URLs learned from
 * discovery documents are held to the same rule as configured ones.
 */
export function assertCredentialTransport(url: URL): void {
  if (url.protocol === "https:" || isLoopbackHost(url.hostname)) return;
  throw new MxopsError(
    "MXOPS_CONFIG",
    `refusing to send credentials to ${url.protocol}//${url.host} over plain http: use https (plain http is allowed only to loopback: 127.0.0.0/8, ::1, localhost)`,
  );
}

function carriesCredentials(req: HttpRequest, headers: Record<string, string>): boolean {
  if (req.credentials !== undefined) return req.credentials;
  if (req.body !== undefined) return true;
  return Object.keys(headers).some((k) => CREDENTIAL_HEADERS.includes(k.toLowerCase()));
}

function errnoError(code: string, message: string): NodeJS.ErrnoException {
  const e = new Error(message) as NodeJS.ErrnoException;
  e.code = code;
  return e;
}

/**
 * An HTTP client for every request mxops makes. Each try has a deadline covering connect, headers and body (a
 * server dripping bytes cannot hold it), each response body is capped (streamed and aborted past the cap), and a
 * whole call, retries included, has a deadline too. Retries are bounded, with jittered exponential backoff on
 * 429/5xx and connection errors, Retry-After honoured up to a cap, and never for a POST/PATCH unless the request
 * says it is safe (see {@link RetryMode}). A request carrying credentials goes only over https or to loopback.
 * Extra CA certificates and curl-like --resolve are supported; TLS verification cannot be disabled.
 * Failures throw MxopsError (MXOPS_HTTP naming method and URL without query — never the body or headers;
 * MXOPS_CONFIG for a refused plain-http credential request).
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? Date.now;
  // Parsing the system roots plus the extra CA costs ~25 ms; do it once per client, not per connection.
  let secureContext: SecureContext | undefined;
  const contextWithCa = (): SecureContext | undefined => {
    if (!options.ca) return undefined;
    secureContext ??= createSecureContext({ ca: [...rootCertificates, options.ca] });
    return secureContext;
  };

  function once(req: HttpRequest, method: string, deadline: number): Promise<HttpResponse> {
    const url = new URL(req.url);
    const isHttps = url.protocol === "https:";
    if (!isHttps && url.protocol !== "http:") {
      return Promise.reject(new MxopsError("MXOPS_USAGE", `unsupported URL scheme: ${url.protocol}//${url.host}`));
    }
    const headers: Record<string, string> = { "user-agent": options.userAgent ?? "mxops", ...req.headers };
    if (carriesCredentials(req, headers)) assertCredentialTransport(url);
    const port = url.port || (isHttps ? "443" : "80");
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const target = parseResolveTarget(options.resolve?.[`${hostname}:${port}`]);
    const override = target?.address;
    const lib = isHttps ? https : http;
    const cap = req.maxBytes ?? maxBodyBytes;
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
    const where = `${method} ${redactUrl(req.url)}`;
    const tooLarge = () =>
      new MxopsError("MXOPS_HTTP", `${where}: response body larger than ${cap} bytes; aborted (limit for this call)`);
    return new Promise((resolve, reject) => {
      let settled = false;
      let response: http.IncomingMessage | undefined;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener("abort", onAbort);
        fn();
      };
      const fail = (e: unknown) => {
        finish(() => reject(e instanceof Error ? e : errnoError("ABORT_ERR", "request aborted")));
        response?.destroy();
        r.destroy();
      };
      // A caller's timeout signal (openid-client's `timeout`) reads like our own deadline: ETIMEDOUT.
      const onAbort = () =>
        fail(
          (req.signal?.reason as { name?: unknown } | undefined)?.name === "TimeoutError"
            ? errnoError("ETIMEDOUT", "the caller's deadline passed before a complete answer")
            : req.signal?.reason,
        );
      const r = lib.request(
        {
          method,
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
          response = res;
          const declared = Number(res.headers["content-length"]);
          if (Number.isFinite(declared) && declared > cap) return fail(tooLarge());
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            size += c.length;
            if (size > cap) return fail(tooLarge());
            chunks.push(c);
          });
          res.on("end", () =>
            finish(() =>
              resolve(makeResponse(req.url, res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString("utf8"))),
            ),
          );
          res.on("error", fail);
          res.on("aborted", () => fail(errnoError("ECONNRESET", "connection closed before the body was complete")));
        },
      );
      // One deadline for the whole try (connect + headers + body), not an idle timeout.
      const timer = setTimeout(
        () => fail(errnoError("ETIMEDOUT", `no complete answer within ${deadline} ms`)),
        Math.max(1, deadline),
      );
      if (req.signal?.aborted) {
        onAbort();
        return;
      }
      req.signal?.addEventListener("abort", onAbort, { once: true });
      r.on("upgrade", (res, socket) => {
        socket.destroy();
        finish(() => resolve(makeResponse(req.url, res.statusCode ?? 101, res.headers, "")));
      });
      r.on("error", fail);
      r.end(req.body);
    });
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const method = (req.method ?? "GET").toUpperCase();
    const mode: RetryMode = req.retry ?? (IDEMPOTENT.has(method) ? "safe" : "never");
    const retries = mode === "never" ? 0 : (req.retries ?? options.retries ?? 3);
    const where = `${method} ${redactUrl(req.url)}`;
    const policy: RetryPolicy = {
      attempts: retries + 1,
      baseMs: options.backoffMs ?? 250,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      deadlineMs: options.deadlineMs ?? 60_000,
      sleep: options.sleep ?? defaultSleep,
      now,
      ...(options.log ? { log: options.log } : {}),
    };
    const perTry = req.timeoutMs ?? timeoutMs;
    // Debug lines name method and path only: a query may carry a token in other tools' URLs.
    const short = `${method} ${safePath(req.url)}`;
    const verdict = (o: { ok: true; value: HttpResponse } | { ok: false; error: unknown }): RetryVerdict => {
      if (o.ok) {
        if (!retryableStatus(o.value.status)) return false;
        return { retryAfterMs: parseRetryAfter(o.value.headers["retry-after"], now()), why: short };
      }
      if (mode !== "safe" || isMxopsError(o.error)) return false;
      const code = (o.error as NodeJS.ErrnoException | undefined)?.code;
      return typeof code === "string" && RETRY_CODES.has(code) ? { why: short } : false;
    };
    const attempt = async (n: number, remaining: number | undefined): Promise<HttpResponse> => {
      try {
        const res = await once(req, method, Math.min(perTry, remaining ?? perTry));
        options.log?.(`${short} → ${res.status}${n > 1 ? ` (attempt ${n})` : ""}`);
        return res;
      } catch (e) {
        options.log?.(`${short}: ${isMxopsError(e) ? "refused" : "connection failed"} (attempt ${n})`);
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

  const fetcher = (defaults: FetchDefaults): FetchFn => {
    return async (input, init = {}) => {
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
      else if (b !== undefined && b !== null)
        throw new MxopsError("MXOPS_INTERNAL", "fetch adapter: unsupported request body type");
      const req: HttpRequest = { ...defaults, method: init.method ?? "GET", url, headers };
      if (body !== undefined) req.body = body;
      if (init.signal) req.signal = init.signal;
      if (init.credentials === "include") req.credentials = true;
      const res = await request(req);
      const h = new Headers();
      for (const [k, v] of Object.entries(res.headers)) h.set(k, v);
      const nullBody = res.status === 204 || res.status === 304 || (res.status >= 100 && res.status < 200);
      const out = new Response(nullBody ? null : res.body, { status: res.status, headers: h });
      Object.defineProperty(out, "url", { value: url });
      return out;
    };
  };

  return { request, fetch: fetcher({}), fetcher };
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

/** The path of a URL (no host, query or fragment), for debug lines. */
function safePath(u: string): string {
  try {
    return new URL(u).pathname;
  } catch {
    return "<invalid url>";
  }
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

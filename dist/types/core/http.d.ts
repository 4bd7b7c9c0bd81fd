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
export declare const DEFAULT_MAX_BODY_BYTES: number;
/** True for 127.0.0.0/8, ::1 (also IPv4-mapped loopback) and `localhost`. */
export declare function isLoopbackHost(host: string): boolean;
/**
 * Throw MXOPS_CONFIG unless a request to `url` may carry credentials: https, or plain http to a loopback host
 * (127.0.0.0/8, ::1, localhost). Checked before a connection is opened, for every request, so URLs learned from
 * discovery documents are held to the same rule as configured ones.
 */
export declare function assertCredentialTransport(url: URL): void;
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
export declare function createHttpClient(options?: HttpClientOptions): HttpClient;
/**
 * Split a --resolve address into address and optional port: `1.2.3.4`, `::1`, `[::1]`, `1.2.3.4:8443`,
 * `[::1]:8443`, `localhost:8443`. Undefined in, undefined out.
 */
export declare function parseResolveTarget(value: string | undefined): {
    address: string;
    port?: string;
} | undefined;
/** URL without userinfo and query (queries may carry tokens in other tools' URLs). */
export declare function redactUrl(u: string): string;

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
/** True for 127.0.0.0/8, ::1 and localhost. */
export declare function isLoopbackHost(host: string): boolean;
/**
 * An HTTP client with per-attempt timeouts, bounded retries with jittered exponential backoff for
 * 429/5xx and connection errors (idempotent methods only, unless the request says otherwise), Retry-After
 * honoured up to a cap, extra CA certificates and curl-like --resolve. TLS verification cannot be disabled.
 * Network failures throw MxopsError MXOPS_HTTP naming the URL (never the request body or headers).
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

import type { HttpClient, HttpRequest, HttpResponse } from "../../core/http.js";
/** Retry settings shared by the backends; `sleep` is injected so tests never wait on the wall clock. */
export interface RetryPolicy {
    attempts: number;
    baseMs: number;
    maxRetryAfterMs: number;
    sleep: (ms: number) => Promise<void>;
    /** Debug log of each request (method, path without query, status) and retry; lines pass the redactor. */
    log?: (msg: string) => void;
}
/** Real-time sleep (the CLI); tests inject their own. */
export declare const defaultSleep: (ms: number) => Promise<void>;
/** 4 attempts, 250 ms base backoff doubling, Retry-After honoured up to 30 s. */
export declare function defaultRetryPolicy(sleep?: (ms: number) => Promise<void>): RetryPolicy;
/** True for statuses worth retrying: 429 and 5xx except 501. */
export declare function retryableStatus(s: number): boolean;
/**
 * Outcome of a request whose connection failed: the server may or may not have processed it. Callers of
 * non-idempotent requests reconcile before trying again.
 */
export declare class UnknownOutcome extends Error {
    readonly where: string;
    constructor(where: string, cause: unknown);
}
/**
 * Send a request, retrying 429/5xx answers with backoff honouring Retry-After (up to `attempts`). Connection
 * failures are retried only when `idempotent`; otherwise they throw UnknownOutcome at once so the caller can
 * reconcile. Returns the last response (callers map statuses); throws MXOPS_HTTP when every attempt failed to connect.
 */
export declare function sendWithRetry(http: HttpClient, req: HttpRequest, policy: RetryPolicy, idempotent: boolean): Promise<HttpResponse>;
/**
 * A fetch that retries 429/5xx answers (honouring Retry-After) and connection failures, for requests that are safe
 * to repeat — the OIDC discovery GET and the client_credentials token POST (a repeat only mints another token).
 */
export declare function retryingFetch(fetchFn: HttpClient["fetch"], policy: RetryPolicy): HttpClient["fetch"];

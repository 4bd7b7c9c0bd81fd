import { MxopsError } from "./errors.js";
/**
 * How a call is repeated after a failure. `sleep` and `now` are injected so tests never wait on the wall clock.
 * The work is bounded twice: at most `attempts` tries, and no wait is started that would end past `deadlineMs`
 * after the first try began.
 */
export interface RetryPolicy {
    /** Tries in all, the first included (≥ 1). */
    attempts: number;
    /** Backoff before retry n (1-based): `baseMs · 2^(n-1)`, scaled by a jitter factor in [0.5, 1). */
    baseMs: number;
    /** A server's Retry-After is honoured up to this many ms. */
    maxRetryAfterMs: number;
    /** Bound on the whole call (tries and waits), in ms; undefined: bounded by `attempts` alone. */
    deadlineMs?: number;
    sleep: (ms: number) => Promise<void>;
    /** Clock in ms (default Date.now); used for the deadline and for HTTP-date Retry-After values. */
    now?: () => number;
    /** Jitter source in [0, 1) (default Math.random). */
    random?: () => number;
    /** Debug line for each retry (the caller makes sure it carries no secret). */
    log?: (msg: string) => void;
}
/** Real-time sleep (the CLI and the Action); tests inject their own. */
export declare const defaultSleep: (ms: number) => Promise<void>;
/** 4 tries, 250 ms base backoff doubling with jitter, Retry-After honoured up to 30 s, 2 minutes in all. */
export declare function defaultRetryPolicy(overrides?: Partial<RetryPolicy>): RetryPolicy;
/** True for statuses worth retrying: 429 and 5xx except 501 (Not Implemented will not change). */
export declare function retryableStatus(s: number): boolean;
/** Retry-After (delta seconds or HTTP date) in ms from `nowMs`; undefined when absent or unreadable. */
export declare function parseRetryAfter(v: string | null | undefined, nowMs: number): number | undefined;
/** The wait before retry `n` (1-based) when the server named none. */
export declare function backoffDelay(policy: RetryPolicy, n: number): number;
/**
 * A request whose connection failed after it may have reached the server: it may or may not have been processed.
 * Callers of requests that are not safe to repeat reconcile (look the result up) before trying again.
 */
export declare class UnknownOutcome extends MxopsError {
    readonly where: string;
    constructor(where: string, cause: unknown);
}
/** What one try gave: a value or a thrown error. */
export type Outcome<T> = {
    ok: true;
    value: T;
} | {
    ok: false;
    error: unknown;
};
/** Whether to try again: false to stop (return the value / throw the error), or a retry with the server's wait. */
export type RetryVerdict = false | {
    retryAfterMs?: number | undefined;
    why?: string;
};
/**
 * Run `attempt` until `shouldRetry` says stop, the tries are used up, or the next wait would end past the
 * deadline; then return the last value or throw the last error. `attempt` gets the try number (1-based) and the
 * ms left before the deadline (undefined without one), to bound its own work by it.
 */
export declare function withRetry<T>(policy: RetryPolicy, attempt: (n: number, remainingMs: number | undefined) => Promise<T>, shouldRetry: (outcome: Outcome<T>, n: number) => RetryVerdict): Promise<T>;

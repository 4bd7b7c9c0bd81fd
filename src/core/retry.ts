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
export const defaultSleep = (ms: number): Promise<void> => new Promise<void>((r) => setTimeout(r, ms));

/** 4 tries, 250 ms base backoff doubling with jitter, Retry-After honoured up to 30 s, 2 minutes in all. */
export function defaultRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { attempts: 4, baseMs: 250, maxRetryAfterMs: 30_000, deadlineMs: 120_000, sleep: defaultSleep, ...overrides };
}

/** True for statuses worth retrying: 429 and 5xx except 501 (Not Implemented will not change). */
export function retryableStatus(s: number): boolean {
  return s === 429 || (s >= 500 && s <= 599 && s !== 501);
}

/** Retry-After (delta seconds or HTTP date) in ms from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(v: string | null | undefined, nowMs: number): number | undefined {
  if (!v) return undefined;
  const t = v.trim();
  if (/^\d{1,9}$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The wait before retry `n` (1-based) when the server named none. */
export function backoffDelay(policy: RetryPolicy, n: number): number {
  const jitter = 0.5 + (policy.random ?? Math.random)() / 2;
  return Math.round(policy.baseMs * 2 ** (n - 1) * jitter);
}

/**
 * A request whose connection failed after it may have reached the server: it may or may not have been processed.
 * Callers of requests that are not safe to repeat reconcile (look the result up) before trying again.
 */
export class UnknownOutcome extends MxopsError {
  constructor(
    readonly where: string,
    cause: unknown,
  ) {
    super("MXOPS_HTTP", `${where}: connection failed, outcome unknown`, { cause });
  }
}

/** What one try gave: a value or a thrown error. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Whether to try again: false to stop (return the value / throw the error), or a retry with the server's wait. */
export type RetryVerdict = false | { retryAfterMs?: number | undefined; why?: string };

/**
 * Run `attempt` until `shouldRetry` says stop, the tries are used up, or the next wait would end past the
 * deadline; then return the last value or throw the last error. `attempt` gets the try number (1-based) and the
 * ms left before the deadline (undefined without one), to bound its own work by it.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (n: number, remainingMs: number | undefined) => Promise<T>,
  shouldRetry: (outcome: Outcome<T>, n: number) => RetryVerdict,
): Promise<T> {
  const now = policy.now ?? Date.now;
  const start = now();
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let n = 1; ; n++) {
    const remaining = policy.deadlineMs === undefined ? undefined : Math.max(1, policy.deadlineMs - (now() - start));
    let outcome: Outcome<T>;
    try {
      outcome = { ok: true, value: await attempt(n, remaining) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const verdict = n < attempts ? shouldRetry(outcome, n) : false;
    let wait = 0;
    if (verdict) {
      wait =
        verdict.retryAfterMs !== undefined
          ? Math.min(Math.max(0, verdict.retryAfterMs), policy.maxRetryAfterMs)
          : backoffDelay(policy, n);
    }
    const pastDeadline = policy.deadlineMs !== undefined && now() - start + wait >= policy.deadlineMs;
    if (!verdict || pastDeadline) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    policy.log?.(`${verdict.why ?? "call"}: retrying in ${wait} ms`);
    await policy.sleep(wait);
  }
}

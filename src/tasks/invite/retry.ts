import { MxopsError } from "../../core/errors.js";
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
export const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** 4 attempts, 250 ms base backoff doubling, Retry-After honoured up to 30 s. */
export function defaultRetryPolicy(sleep: (ms: number) => Promise<void> = defaultSleep): RetryPolicy {
  return { attempts: 4, baseMs: 250, maxRetryAfterMs: 30_000, sleep };
}

function retryAfterMs(v: string | undefined): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

/** True for statuses worth retrying: 429 and 5xx except 501. */
export function retryableStatus(s: number): boolean {
  return s === 429 || (s >= 500 && s <= 599 && s !== 501);
}

/**
 * Outcome of a request whose connection failed: the server may or may not have processed it. Callers of
 * non-idempotent requests reconcile before trying again.
 */
export class UnknownOutcome extends Error {
  constructor(
    readonly where: string,
    cause: unknown,
  ) {
    super(`${where}: connection failed, outcome unknown`, { cause });
    this.name = "UnknownOutcome";
  }
}

/**
 * Send a request, retrying 429/5xx answers with backoff honouring Retry-After (up to `attempts`). Connection
 * failures are retried only when `idempotent`; otherwise they throw UnknownOutcome at once so the caller can
 * reconcile. Returns the last response (callers map statuses); throws MXOPS_HTTP when every attempt failed to connect.
 */
export async function sendWithRetry(
  http: HttpClient,
  req: HttpRequest,
  policy: RetryPolicy,
  idempotent: boolean,
): Promise<HttpResponse> {
  const where = `${req.method ?? "GET"} ${new URL(req.url).pathname}`;
  for (let attempt = 1; ; attempt++) {
    let res: HttpResponse;
    try {
      res = await http.request({ ...req, retries: 0 });
    } catch (e) {
      policy.log?.(`${where}: connection failed (attempt ${attempt})`);
      if (!idempotent) throw new UnknownOutcome(where, e);
      if (attempt >= policy.attempts)
        throw e instanceof MxopsError ? e : new MxopsError("MXOPS_HTTP", `${where}: connection failed`, { cause: e });
      await policy.sleep(policy.baseMs * 2 ** (attempt - 1));
      continue;
    }
    policy.log?.(`${where} → ${res.status}${attempt > 1 ? ` (attempt ${attempt})` : ""}`);
    if (!retryableStatus(res.status) || attempt >= policy.attempts) return res;
    const server = retryAfterMs(res.headers["retry-after"]);
    const wait = server !== undefined ? Math.min(server, policy.maxRetryAfterMs) : policy.baseMs * 2 ** (attempt - 1);
    policy.log?.(`${where}: retrying in ${wait} ms`);
    await policy.sleep(wait);
  }
}

/**
 * A fetch that retries 429/5xx answers (honouring Retry-After) and connection failures, for requests that are safe
 * to repeat — the OIDC discovery GET and the client_credentials token POST (a repeat only mints another token).
 */
export function retryingFetch(fetchFn: HttpClient["fetch"], policy: RetryPolicy): HttpClient["fetch"] {
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetchFn(input, init);
      } catch (e) {
        if (attempt >= policy.attempts) throw e;
        await policy.sleep(policy.baseMs * 2 ** (attempt - 1));
        continue;
      }
      if (!retryableStatus(res.status) || attempt >= policy.attempts) return res;
      const server = retryAfterMs(res.headers.get("retry-after") ?? undefined);
      await policy.sleep(
        server !== undefined ? Math.min(server, policy.maxRetryAfterMs) : policy.baseMs * 2 ** (attempt - 1),
      );
    }
  };
}

import type { Deps } from "../../../core/deps.js";
import { MxopsError } from "../../../core/errors.js";
import type { Finding } from "../../../core/finding.js";
import { createHttpClient } from "../../../core/http.js";
import type { Redactor } from "../../../core/redact.js";
import type { EdgeInput, OptionSpec } from "../../types.js";
import { probeAuthentik } from "./authentik.js";
import { ProbeContext } from "./context.js";
import { probeFederation } from "./federation.js";
import { probeMasDiscovery, probeMasDoctor } from "./mas.js";
import { LIVE_OPTION_SPECS, parseLiveOptions } from "./options.js";
import { probeRtc } from "./rtc.js";
import type { LiveHints, LiveOptions } from "./types.js";
import { probeUpstreams } from "./upstream.js";
import { probeClientWellKnown, probeServerWellKnown } from "./well-known.js";

export type { LiveHints, LiveOptions } from "./types.js";
export { PROBE } from "./rules.js";
export { LIVE_ACTION_INPUT_MAPPINGS, DEFAULT_TIMEOUT_MS } from "./options.js";

/** Cap on any one answer the probes read. */
const LIVE_MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Extra CLI options of verify-config for the live probes (merged into the task's options). */
export const LIVE_OPTIONS: Record<string, OptionSpec> = LIVE_OPTION_SPECS;

/**
 * Parse live options; undefined when --live was not given. Throws MXOPS_USAGE (bad option) / MXOPS_INPUT
 * (unreadable --ca-file). AUTHENTIK_TOKEN is read from `input.env` and registered with `redactor` when given.
 */
export async function liveOptionsFrom(input: EdgeInput, redactor?: Redactor): Promise<LiveOptions | undefined> {
  return parseLiveOptions(input, redactor);
}

/** Test seams of the probes. */
export interface LiveProbeExtras {
  /** Backoff sleep between retries (tests inject one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Run every live probe; one finding per failed check (info findings for healthy checks only when verbose).
 * A probe that fails (unreachable host, timeout, bad answer) is a finding and never stops the others.
 * Throws MXOPS_CONFIG only when no server name is known (neither --server-name nor the repo's values).
 * Never disables TLS verification; the token is registered with `deps.redactor` before any request.
 */
export async function runLiveProbes(
  options: LiveOptions,
  hints: LiveHints,
  deps: Deps,
  extra: LiveProbeExtras = {},
): Promise<Finding[]> {
  const serverName = options.serverName ?? hints.serverName;
  if (!serverName) {
    throw new MxopsError(
      "MXOPS_CONFIG",
      "verify-config --live needs --server-name or a serverName in the repo's matrix-stack values",
    );
  }
  deps.redactor.add(options.authentikToken);
  const http = createHttpClient({
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    resolve: options.resolve,
    timeoutMs: options.timeoutMs,
    retries: options.retries ?? 1,
    backoffMs: 200,
    maxRetryAfterMs: 5_000,
    // Discovery documents, JWKS and API pages are small; a larger answer is a misconfigured or hostile host.
    maxBodyBytes: LIVE_MAX_BODY_BYTES,
    ...(extra.sleep ? { sleep: extra.sleep } : {}),
  });
  const ctx = new ProbeContext(http, deps.redactor, options.verbose, options.timeoutMs);
  deps.log.debug(`live probes for ${serverName}`);

  // Independent probes run concurrently; each one only appends findings.
  const upstream = probeUpstreams(ctx, hints.upstreamProviders);
  const [wk, mServer] = await Promise.all([
    probeClientWellKnown(ctx, serverName, hints.rtcEnabled),
    probeServerWellKnown(ctx, serverName),
  ]);

  const masExpected = hints.hosts.mas !== undefined || hints.upstreamProviders.length > 0;
  const followUps: Array<Promise<unknown>> = [];
  // Federation is probed where the server well-known delegates to; without a valid delegation its own
  // finding already says what is wrong.
  if (mServer) followUps.push(probeFederation(ctx, serverName, mServer));
  let masHost = hints.hosts.mas;
  if (wk) {
    followUps.push(
      probeMasDiscovery(ctx, wk, masExpected).then(async (mas) => {
        masHost ??= mas?.host;
        if (mas && wk.baseUrl && wk.homeserverOk) await probeMasDoctor(ctx, wk.baseUrl);
      }),
    );
  }
  // The well-known's focus is what clients use; the repo's host stands in when the focus is missing.
  const rtcService =
    wk?.livekitServiceUrl ??
    (hints.rtcEnabled && hints.hosts.matrixRTC ? `https://${hints.hosts.matrixRTC}` : undefined);
  if (rtcService) followUps.push(probeRtc(ctx, rtcService, hints.hosts.matrixRTC ?? new URL(rtcService).host));
  const [passed] = await Promise.all([upstream, ...followUps]);
  if (options.authentikToken && passed.length > 0) {
    await probeAuthentik(
      ctx,
      passed.map((p) => ({ providerId: p.id, issuer: p.issuer, ...(p.clientId ? { clientId: p.clientId } : {}) })),
      options.authentikToken,
      masHost,
    );
  }
  // Probes ran concurrently: give the report a stable order.
  return ctx.findings.sort((a, b) =>
    a.ruleId === b.ruleId ? (a.message < b.message ? -1 : a.message > b.message ? 1 : 0) : a.ruleId < b.ruleId ? -1 : 1,
  );
}

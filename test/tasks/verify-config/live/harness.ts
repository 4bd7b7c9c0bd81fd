// Shared setup of the live-probe tests: one stack per test file, probes run with it as the only network.
import { defaultDeps } from "../../../../src/core/deps.js";
import type { Finding } from "../../../../src/core/finding.js";
import { Redactor } from "../../../../src/core/redact.js";
import { runLiveProbes, type LiveHints, type LiveOptions } from "../../../../src/tasks/verify-config/live/index.js";
import { CLIENT_ID, HOSTS, ISSUER_SLASH, PROVIDER_ID, type TestStack } from "./stack.js";

export function hints(over: Partial<LiveHints> = {}): LiveHints {
  return {
    serverName: HOSTS.server,
    hosts: { synapse: HOSTS.synapse, mas: HOSTS.mas, matrixRTC: HOSTS.rtc },
    rtcEnabled: true,
    upstreamProviders: [{ id: PROVIDER_ID, issuer: ISSUER_SLASH, clientId: CLIENT_ID }],
    ...over,
  };
}

export function options(stack: TestStack, over: Partial<LiveOptions> = {}): LiveOptions {
  return { resolve: stack.resolve(), ca: stack.pki.caCert, timeoutMs: 5_000, verbose: false, retries: 0, ...over };
}

export async function probe(
  stack: TestStack,
  o: Partial<LiveOptions> = {},
  h: Partial<LiveHints> = {},
  redactor = new Redactor(),
): Promise<Finding[]> {
  return runLiveProbes(options(stack, o), hints(h), defaultDeps({ redactor }));
}

/** Rule ids of error/warning findings. */
export const failures = (fs: Finding[]) => fs.filter((f) => f.severity !== "info").map((f) => f.ruleId);

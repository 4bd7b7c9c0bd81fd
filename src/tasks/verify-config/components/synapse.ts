import { getOwn } from "../../../core/own.js";
import type { Finding } from "../../../core/finding.js";
import { loadData } from "../../../core/data.js";
import { formatPath, type PathSeg } from "../../../core/yaml.js";
import type { EssValuesContext, ValuesCheck } from "./types.js";
import { masConflicts } from "./synapse-mas.js";
import { componentEnabled, yamlAdditional, type AdditionalEntry } from "./util/additional.js";
import { suggest } from "./util/suggest.js";
import { compareVersions, essComponentVersions } from "./util/versions.js";
import { at, embeddedKeyPath, isRecord, locateEmbedded } from "./util/where.js";

interface SynapseKeys {
  keys: string[];
  legacy: string[];
  removedExperimental: Record<string, { removedIn: string; deprecatedIn?: string; note: string }>;
}

let known: { keys: Set<string>; legacy: Set<string>; data: SynapseKeys } | undefined;
function synapseKeys() {
  if (!known) {
    const data = loadData<SynapseKeys>("synapse/config-keys.json");
    known = { keys: new Set(data.keys), legacy: new Set(data.legacy), data };
  }
  return known;
}

// Invented keys seen in real deployments, with what to do instead.
const INVENTED: Record<string, string> = {
  matrix_rtc_enabled:
    "Synapse has no such option. ESS configures MatrixRTC in Synapse itself when `matrixRTC.enabled: true`; remove the key.",
  matrix_rtc_uri:
    "Synapse has no such option. The transport is `matrix_rtc.transports[].livekit_service_url`, which ESS writes from `matrixRTC.ingress.host`; remove the key.",
};

// Scalars the chart writes in its overrides file, which is merged after the `additional` entries: a user
// value for these never takes effect (ess-helm configs/synapse/synapse-04-homeserver-overrides.yaml.tpl).
const CHART_OVERRIDES = [
  "public_baseurl",
  "server_name",
  "signing_key_path",
  "enable_metrics",
  "log_config",
  "macaroon_secret_key_path",
  "registration_shared_secret_path",
  "media_store_path",
  "max_upload_size",
  "send_federation",
  "start_pushers",
];

// experimental_features flags ESS sets itself when matrixRTC is enabled.
const RTC_FLAGS = ["msc3266_enabled", "msc4143_enabled", "msc4222_enabled"];

function finding(
  ctx: EssValuesContext,
  e: AdditionalEntry,
  inner: PathSeg[],
  f: Omit<Finding, "file" | "line" | "column" | "keyPath">,
): Finding {
  return { ...f, ...at(locateEmbedded(ctx, e.outer, e.doc, inner)), keyPath: embeddedKeyPath(e.outer, inner) };
}

/** Parse problems of each `synapse.additional.<name>.config`, positioned in the outer file. */
function checkParse(ctx: EssValuesContext, e: AdditionalEntry, out: Finding[]): void {
  for (const p of e.doc.problems) {
    const loc = ctx.locateInString(e.outer, p.line, p.column) ?? ctx.locate(e.outer);
    out.push({
      ruleId: "synapse/config-not-yaml",
      severity: "error",
      message: `synapse.additional.${e.name}.config is not valid YAML: ${p.message}`,
      ...at(loc),
      keyPath: embeddedKeyPath(e.outer, []),
      hint: "Synapse fails to start on a config file it cannot parse; fix the YAML inside the block scalar.",
    });
  }
  if (e.doc.value !== undefined && e.doc.value !== null && !isRecord(e.doc.value)) {
    out.push({
      ruleId: "synapse/config-not-yaml",
      severity: "error",
      message: `synapse.additional.${e.name}.config must be a YAML mapping of Synapse options`,
      ...at(ctx.locate(e.outer)),
      keyPath: embeddedKeyPath(e.outer, []),
    });
  }
}

function checkKeys(ctx: EssValuesContext, e: AdditionalEntry, out: Finding[]): void {
  const cfg = e.doc.value;
  if (!isRecord(cfg)) return;
  const { keys, legacy, data } = synapseKeys();
  const rtcOn = componentEnabled(ctx.values, "matrixRTC");
  const masOn = componentEnabled(ctx.values, "matrixAuthenticationService");
  const shipped = essComponentVersions(ctx.chartVersion);
  const synapse = shipped?.synapse
    ? { version: shipped.synapse, atLeast: shipped.atLeast, chart: ctx.chartVersion ?? "" }
    : undefined;
  for (const key of Object.keys(cfg)) {
    if (legacy.has(key)) {
      out.push(
        finding(ctx, e, [key], {
          ruleId: "synapse/deprecated-key",
          severity: "warning",
          message: `"${key}" is a legacy Synapse option (no longer documented; some releases only read it to refuse it)`,
          hint: "Check the Synapse upgrade notes for its replacement and remove it.",
        }),
      );
      continue;
    }
    if (!keys.has(key)) {
      const s = suggest(key, keys);
      out.push(
        finding(ctx, e, [key], {
          ruleId: "synapse/unknown-key",
          severity: "error",
          message: `"${key}" is not a Synapse config option; Synapse ignores it silently${s ? `; did you mean "${s}"?` : ""}`,
          hint:
            (getOwn(INVENTED, key) as string | undefined) ??
            "Remove it or correct the name (see the Synapse configuration manual).",
          ...(s ? { data: { suggestion: s } } : {}),
        }),
      );
      continue;
    }
    if (CHART_OVERRIDES.includes(key)) {
      out.push(
        finding(ctx, e, [key], {
          ruleId: "synapse/set-by-chart",
          severity: "warning",
          message: `"${key}" is written by the ESS chart after the additional configs, so this value never takes effect`,
          hint: "Set it through the chart's own values (e.g. serverName, synapse.ingress.host) or remove it.",
        }),
      );
    }
  }
  const exp = cfg.experimental_features;
  if (isRecord(exp)) {
    for (const flag of Object.keys(exp)) {
      const removed = data.removedExperimental[flag];
      const issue = removed ? removedFlagIssue(flag, removed, synapse) : undefined;
      if (issue) {
        out.push(
          finding(ctx, e, ["experimental_features", flag], {
            ruleId: "synapse/removed-experimental-flag",
            ...issue,
            hint:
              flag === "msc3861"
                ? "Remove it; ESS configures the MAS integration itself when matrixAuthenticationService is enabled."
                : "Remove the flag.",
          }),
        );
      } else if (rtcOn && RTC_FLAGS.includes(flag)) {
        out.push(
          finding(ctx, e, ["experimental_features", flag], {
            ruleId: "synapse/set-by-chart",
            severity: "info",
            message: `experimental_features.${flag} is already set by ESS because matrixRTC is enabled`,
            hint: "Remove it from synapse.additional; the chart keeps it in step with matrixRTC.enabled.",
          }),
        );
      }
    }
  }
  checkMatrixRtc(ctx, e, cfg.matrix_rtc, out);
  out.push(...masConflicts(ctx, e, cfg));
  if (rtcOn && isRecord(cfg.matrix_rtc) && cfg.matrix_rtc.transports !== undefined) {
    out.push(
      finding(ctx, e, ["matrix_rtc", "transports"], {
        ruleId: "synapse/set-by-chart",
        severity: "warning",
        message:
          "matrix_rtc.transports is written by ESS when matrixRTC is enabled; lists are appended when configs merge, so clients are offered the transport twice",
        hint: "Remove matrix_rtc from synapse.additional and let the chart derive it from matrixRTC.ingress.host.",
      }),
    );
  }
  if (masOn && cfg.matrix_authentication_service !== undefined) {
    out.push(
      finding(ctx, e, ["matrix_authentication_service"], {
        ruleId: "synapse/set-by-chart",
        severity: "warning",
        message: "matrix_authentication_service is configured by ESS when matrixAuthenticationService is enabled",
        hint: "Remove it; the chart wires Synapse to its MAS (endpoint and shared secret) itself.",
      }),
    );
  }
}

// The matrix_rtc section (synapse/config/matrixrtc.py): a pydantic model that ignores unknown fields.
const MATRIX_RTC_KEYS = ["transports"];
const TRANSPORT_KEYS = ["type", "livekit_service_url"];

/** Unknown keys inside `matrix_rtc` and its transports, which Synapse would ignore silently. */
function checkMatrixRtc(ctx: EssValuesContext, e: AdditionalEntry, rtc: unknown, out: Finding[]): void {
  if (!isRecord(rtc)) return;
  const unknown = (inner: PathSeg[], key: string, known: string[]) => {
    const s = suggest(key, known);
    out.push(
      finding(ctx, e, inner, {
        ruleId: "synapse/unknown-key",
        severity: "error",
        message: `"${formatPath(inner)}" is not a Synapse option; Synapse ignores it silently${s ? `; did you mean "${s}"?` : ""}`,
        hint: `matrix_rtc takes only transports: [{type: livekit, livekit_service_url: https://<matrixRTC host>}].`,
      }),
    );
  };
  for (const k of Object.keys(rtc)) if (!MATRIX_RTC_KEYS.includes(k)) unknown(["matrix_rtc", k], k, MATRIX_RTC_KEYS);
  if (!Array.isArray(rtc.transports)) return;
  rtc.transports.forEach((t, i) => {
    if (!isRecord(t)) return;
    for (const k of Object.keys(t))
      if (!TRANSPORT_KEYS.includes(k)) unknown(["matrix_rtc", "transports", i, k], k, TRANSPORT_KEYS);
  });
}

interface KnownSynapse {
  version: string;
  atLeast: boolean;
  chart: string;
}

/**
 * Severity and message for a removed experimental flag, given the Synapse version the chart ships (if known).
 * Undefined when that Synapse still reads the flag.
 */
function removedFlagIssue(
  flag: string,
  removed: { removedIn: string; deprecatedIn?: string; note: string },
  synapse: KnownSynapse | undefined,
): { severity: "error" | "warning"; message: string } | undefined {
  const gone = synapse ? compareVersions(synapse.version, removed.removedIn) >= 0 : undefined;
  const since = removed.deprecatedIn ? ` (deprecated since ${removed.deprecatedIn})` : "";
  const ships = synapse ? ` ESS ${synapse.chart} ships Synapse ${synapse.atLeast ? "≥ " : ""}${synapse.version}.` : "";
  if (gone === false && !synapse?.atLeast) {
    // Still read by this Synapse: only the deprecated-and-replaced flag deserves a warning.
    if (!removed.deprecatedIn || compareVersions(synapse!.version, removed.deprecatedIn) < 0) return undefined;
    return {
      severity: "warning",
      message: `experimental_features.${flag} is deprecated since Synapse ${removed.deprecatedIn} and removed in ${removed.removedIn}: ${removed.note}.${ships}`,
    };
  }
  // msc3861 is not ignored but refused once removed: that stops Synapse from starting.
  const severity = gone && flag === "msc3861" ? "error" : "warning";
  return {
    severity,
    message: `experimental_features.${flag} was removed in Synapse ${removed.removedIn}${since}: ${removed.note}.${ships}`,
  };
}

/** Synapse rules over every inline `synapse.additional.<name>.config`. */
export const checkSynapse: ValuesCheck = (ctx) => {
  const out: Finding[] = [];
  if (!componentEnabled(ctx.values, "synapse")) return out;
  for (const e of yamlAdditional(ctx, "synapse", "synapse/config-not-yaml", out)) {
    checkParse(ctx, e, out);
    checkKeys(ctx, e, out);
  }
  return out;
};

import type { Finding } from "../../../core/finding.js";
import { parseYaml, toJS, type PathSeg } from "../../../core/yaml.js";
import type { Location, RepoManifest } from "../components/types.js";
import { isRecord } from "../repo/load.js";
import { embeddedView, locateInStringOfView, locateInView, type YamlView } from "../repo/view.js";
import { yamlProblemFindings } from "../yaml/problems.js";
import { cloneValues, mergeMaps } from "./merge.js";
import { sameNamespace } from "./namespaces.js";
import type { ProviderEntry, ValuesProvider } from "./providers.js";
import { parseTargetPath, setAtPath, targetPathValue } from "./target-path.js";

/** One contribution to a HelmRelease's values, in merge order. */
export interface ValuesLayer {
  label: string;
  /** Parsed values (map layers). */
  value?: Record<string, unknown>;
  /** For targetPath layers: where the value is set. */
  targetPath?: PathSeg[];
  at: Location;
  locate(path: readonly PathSeg[]): Location | undefined;
  locateInString(path: readonly PathSeg[], line: number, column: number): Location | undefined;
}

/** A HelmRelease's values after helm-controller's merge, with provenance. */
export interface EffectiveValues {
  release: RepoManifest;
  values: Record<string, unknown>;
  layers: ValuesLayer[];
  /** True when a source's content could not be known offline (encrypted without identity, external). */
  incomplete: boolean;
}

/** Parsed content of a provider entry, shared by every HelmRelease that references it. */
interface ParsedEntry {
  value?: Record<string, unknown>;
  view?: YamlView;
  error?: string;
}

/** Resolves valuesFrom references against the repository's ConfigMaps and Secrets. */
export class ValuesResolver {
  private readonly parsedEntries = new Map<ProviderEntry, ParsedEntry>();
  /** Providers referenced by some HelmRelease (for the unused-source rule). */
  readonly referenced = new Set<ValuesProvider>();

  /** Providers by `kind/name` (valuesFrom lookups are per reference; a linear scan is quadratic on big repos). */
  private readonly byName = new Map<string, ValuesProvider[]>();

  constructor(
    providers: readonly ValuesProvider[],
    private readonly nsOf: (m: RepoManifest) => string | undefined,
    private readonly findings: Finding[],
  ) {
    for (const p of providers) {
      const k = `${p.kind}/${p.name}`;
      const list = this.byName.get(k);
      if (list) list.push(p);
      else this.byName.set(k, [p]);
    }
  }

  /**
   * Effective values of a HelmRelease computed like helm-controller: each valuesFrom in order (a map
   * deep-merged, or one value set at targetPath), then spec.values merged on top. Unresolvable references
   * become findings (errors unless optional); unknown contributions are reported once as info.
   */
  resolve(hr: RepoManifest): EffectiveValues {
    const spec = isRecord(hr.body.spec) ? hr.body.spec : {};
    const layers: ValuesLayer[] = [];
    let incomplete = false;
    let result: Record<string, unknown> = {};
    const refs = Array.isArray(spec.valuesFrom) ? spec.valuesFrom : [];
    refs.forEach((ref, i) => {
      const refAt = (k?: string): Location =>
        hr.locate(k ? ["spec", "valuesFrom", i, k] : ["spec", "valuesFrom", i]) ?? { file: hr.file };
      if (!isRecord(ref)) return;
      const kind = ref.kind;
      const name = ref.name;
      const optional = ref.optional === true;
      const key = typeof ref.valuesKey === "string" && ref.valuesKey !== "" ? ref.valuesKey : "values.yaml";
      if (kind !== "ConfigMap" && kind !== "Secret") {
        this.findings.push({
          ...refAt("kind"),
          ruleId: "flux/values-from-invalid",
          severity: "error",
          message: `valuesFrom[${i}].kind must be ConfigMap or Secret, not ${JSON.stringify(kind)}`,
        });
        return;
      }
      if (typeof name !== "string" || name === "") {
        this.findings.push({
          ...refAt(),
          ruleId: "flux/values-from-invalid",
          severity: "error",
          message: `valuesFrom[${i}] has no name`,
        });
        return;
      }
      if (name.includes("${")) {
        incomplete = true; // Flux post-build substitution decides the name: nothing to resolve offline.
        return;
      }
      const ns = this.nsOf(hr);
      const candidates = (this.byName.get(`${kind}/${name}`) ?? []).filter((p) => sameNamespace(p.namespace, ns));
      const provider = candidates.find((p) => p.namespace === ns) ?? candidates[0];
      const label = `${kind} ${ns ? `${ns}/` : ""}${name}`;
      if (!provider) {
        if (!optional) {
          incomplete = true; // helm-controller would stop here; later rules must not guess what was meant
          this.findings.push({
            ...refAt("name"),
            ruleId: "flux/values-from-unresolved",
            severity: "error",
            message: `${hrLabel(hr)} takes values from ${label}, which no manifest in the repository defines${ns ? ` in namespace ${ns}` : ""}`,
            hint: "Add the ConfigMap/Secret (same namespace as the HelmRelease), fix the name, or mark the reference `optional: true` if it is created elsewhere.",
          });
        }
        return;
      }
      // Every same-named candidate counts as used (copies in archived folders, generator + manifest).
      for (const c of candidates) this.referenced.add(c);
      if (!provider.entries) {
        incomplete = true;
        this.findings.push({
          ...refAt("name"),
          ruleId: "flux/values-external-unknown",
          severity: "info",
          message: `${hrLabel(hr)}: ${label} is produced outside the repository (${provider.file}); its values are not known offline`,
        });
        return;
      }
      const entry = provider.entries.get(key);
      if (!entry) {
        if (!optional) {
          incomplete = true;
          this.findings.push({
            ...refAt(typeof ref.valuesKey === "string" ? "valuesKey" : "name"),
            ruleId: "flux/values-key-missing",
            severity: "error",
            message: `${label} has no key ${JSON.stringify(key)} (valuesFrom[${i}] of ${hrLabel(hr)})`,
            hint: `Keys present: ${[...provider.entries.keys()].join(", ") || "none"}. valuesKey defaults to values.yaml.`,
          });
        }
        return;
      }
      if (entry.text === undefined) {
        incomplete = true;
        if (provider.source === "encrypted") {
          this.findings.push({
            ...refAt("name"),
            ruleId: "flux/values-encrypted-unknown",
            severity: "info",
            message: `${hrLabel(hr)}: values from ${label} are SOPS-encrypted and no age identity was given; their contribution is not checked`,
            hint: "Pass --age-key-file (or SOPS_AGE_KEY_FILE / SOPS_AGE_KEY) to check the decrypted values in memory.",
          });
        }
        return;
      }
      const targetPath = typeof ref.targetPath === "string" && ref.targetPath !== "" ? ref.targetPath : undefined;
      if (targetPath) {
        const segs = parseTargetPath(targetPath);
        const v = targetPathValue(entry.text);
        if (!segs || "error" in v) {
          this.findings.push({
            ...refAt("targetPath"),
            ruleId: "flux/values-target-path-invalid",
            severity: "error",
            message: !segs
              ? `targetPath ${JSON.stringify(targetPath)} is not a valid Helm --set path`
              : `${label} key ${key}: ${(v as { error: string }).error}`,
            hint: "Escape commas as \\, or quote the whole value; use a.b[0].c path syntax.",
          });
          return;
        }
        result = cloneValues(result);
        setAtPath(result, segs, v.value);
        layers.push({
          label: `${label} (${key} → ${targetPath})`,
          targetPath: segs,
          at: entry.at,
          locate: () => entry.at,
          locateInString: () => entry.at,
        });
        return;
      }
      const parsed = this.parseEntry(provider, entry, label, key);
      if (!parsed.value) {
        incomplete = true;
        return;
      }
      result = mergeMaps(result, parsed.value);
      layers.push(entryLayer(`${label} (${key})`, entry, parsed));
    });
    if (isRecord(spec.values)) {
      result = mergeMaps(result, spec.values);
      layers.push({
        label: `${hrLabel(hr)} spec.values`,
        value: spec.values,
        at: hr.locate(["spec", "values"]) ?? { file: hr.file },
        locate: (p) => hr.locate(["spec", "values", ...p]),
        locateInString: (p, l, c) => hr.locateInString(["spec", "values", ...p], l, c),
      });
    }
    return { release: hr, values: result, layers, incomplete };
  }

  private parseEntry(_provider: ValuesProvider, entry: ProviderEntry, label: string, key: string): ParsedEntry {
    const hit = this.parsedEntries.get(entry);
    if (hit) return hit;
    const out: ParsedEntry = {};
    this.parsedEntries.set(entry, out);
    if (entry.origin?.kind === "file") {
      // The generator's file is a repo file: already parsed and its YAML problems already reported.
      const doc = entry.origin.view.parsed.docs[0];
      const js = doc ? toJS(doc) : { value: {} };
      out.view = entry.origin.view;
      if ("value" in js && (isRecord(js.value) || js.value == null)) out.value = js.value ?? {};
      else this.notAMap(entry.at, label, key);
      return out;
    }
    const text = entry.text ?? "";
    const parsed = parseYaml(text, { merge: true });
    const view =
      entry.origin?.kind === "string"
        ? embeddedView(entry.origin.view, entry.origin.docIndex, entry.origin.path, text, parsed)
        : undefined;
    if (view) out.view = view;
    const file = entry.at.file;
    for (const f of yamlProblemFindings(file, parsed, text.includes("{{"))) {
      const mapped = view && f.line !== undefined ? view.toOuter({ line: f.line, column: f.column ?? 1 }) : entry.at;
      const { line: _l, column: _c, ...rest } = f;
      this.findings.push({ ...rest, ...(mapped ?? entry.at), message: `${f.message} (in ${label} key ${key})` });
    }
    const doc = parsed.docs[0];
    if (parsed.docs.length > 1) {
      this.findings.push({
        ...entry.at,
        ruleId: "flux/values-invalid",
        severity: "error",
        message: `${label} key ${key} holds ${parsed.docs.length} YAML documents; Helm reads values as one document`,
      });
    }
    const js = doc ? toJS(doc) : { value: {} };
    if ("value" in js && (isRecord(js.value) || js.value == null)) out.value = js.value ?? {};
    else this.notAMap(entry.at, label, key);
    return out;
  }

  private notAMap(at: Location, label: string, key: string): void {
    this.findings.push({
      ...at,
      ruleId: "flux/values-invalid",
      severity: "error",
      message: `${label} key ${key} is not a YAML mapping, so helm-controller cannot use it as values`,
    });
  }
}

function entryLayer(label: string, entry: ProviderEntry, parsed: ParsedEntry): ValuesLayer {
  const view = parsed.view;
  const layer: ValuesLayer = {
    label,
    at: entry.at,
    locate: (p) => (view ? (locateInView(view, 0, p) ?? entry.at) : entry.at),
    locateInString: (p, l, c) => (view ? (locateInStringOfView(view, 0, p, l, c) ?? entry.at) : entry.at),
  };
  if (parsed.value) layer.value = parsed.value;
  return layer;
}

/** `HelmRelease ns/name` for messages. */
export function hrLabel(hr: RepoManifest): string {
  return `HelmRelease ${hr.namespace ? `${hr.namespace}/` : ""}${hr.name ?? "?"}`;
}

/** True when `path` exists in `v`. */
export function hasPath(v: unknown, path: readonly PathSeg[]): boolean {
  let cur = v;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === "number") cur = cur[seg];
    else if (isRecord(cur) && Object.prototype.hasOwnProperty.call(cur, String(seg))) cur = cur[String(seg)];
    else return false;
    if (cur === undefined) return false;
  }
  return true;
}

/** Where `path` of the effective values was written: the last layer that set it. */
export function locateEffective(ev: EffectiveValues, path: readonly PathSeg[]): Location | undefined {
  let partial: Location | undefined;
  for (let i = ev.layers.length - 1; i >= 0; i--) {
    const l = ev.layers[i];
    if (l.targetPath) {
      const t = l.targetPath;
      const n = Math.min(t.length, path.length);
      if (t.slice(0, n).every((s, j) => String(s) === String(path[j]))) {
        if (path.length >= t.length) return l.at;
        partial ??= l.at;
      }
    } else if (hasPath(l.value, path)) return l.locate(path);
  }
  return partial;
}

/** Map a position inside the string at `path` of the effective values to the repository. */
export function locateInStringEffective(
  ev: EffectiveValues,
  path: readonly PathSeg[],
  line: number,
  column: number,
): Location | undefined {
  for (let i = ev.layers.length - 1; i >= 0; i--) {
    const l = ev.layers[i];
    if (l.targetPath) {
      if (l.targetPath.length <= path.length && l.targetPath.every((s, j) => String(s) === String(path[j])))
        return l.at;
    } else if (hasPath(l.value, path)) return l.locateInString(path, line, column);
  }
  return undefined;
}

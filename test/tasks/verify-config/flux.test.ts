import { describe, expect, it } from "vitest";
import { mergeMaps } from "../../../src/tasks/verify-config/flux/merge.js";
import { parseTargetPath, setAtPath, targetPathValue } from "../../../src/tasks/verify-config/flux/target-path.js";
import { findingsFor, ofRule, tempRepo, testDeps } from "./helpers.js";
import { verifyOffline } from "../../../src/tasks/verify-config/index.js";

const hr = (name: string, extra: string) =>
  [
    "apiVersion: helm.toolkit.fluxcd.io/v2",
    "kind: HelmRelease",
    "metadata:",
    `  name: ${name}`,
    "  namespace: apps",
    "spec:",
    "  interval: 1h",
    "  chart:",
    "    spec:",
    "      chart: podinfo",
    "      version: 6.5.0",
    "      sourceRef: {kind: HelmRepository, name: podinfo}",
    extra,
  ].join("\n");

const cm = (name: string, ns: string, body: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n${body}`;

describe("helm-controller merge semantics", () => {
  it("deep-merges maps and replaces lists and scalars", () => {
    expect(mergeMaps({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3], e: 2 }, d: { x: 1 } })).toEqual({
      a: { b: 1, c: [3], e: 2 },
      d: { x: 1 },
    });
  });

  it("parses targetPath like helm --set (escaped dots, indexes)", () => {
    expect(parseTargetPath("a.b\\.c[1].d")).toEqual(["a", "b.c", 1, "d"]);
    expect(parseTargetPath("x[0][2]")).toEqual(["x", 0, 2]);
    expect(parseTargetPath("")).toBeUndefined();
  });

  it("types targetPath values like strvals and keeps quoted values as strings", () => {
    expect(targetPathValue("true")).toEqual({ value: true });
    expect(targetPathValue("0123")).toEqual({ value: "0123" });
    expect(targetPathValue("42")).toEqual({ value: 42 });
    expect(targetPathValue('"42"')).toEqual({ value: "42" });
    expect(targetPathValue("{a,b}")).toEqual({ value: ["a", "b"] });
    expect(targetPathValue("a\\,b")).toEqual({ value: "a,b" });
    expect("error" in targetPathValue("a,b")).toBe(true);
    const v: Record<string, unknown> = { a: { keep: 1 } };
    setAtPath(v, ["a", "list", 1, "k"], "x");
    expect(v).toEqual({ a: { keep: 1, list: [null, { k: "x" }] } });
  });
});

describe("flux rules", () => {
  it("checks Kustomization spec.path against the repository", async () => {
    const ks = (name: string, p: string, src = "GitRepository") =>
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ${p}\n  prune: true\n  sourceRef:\n    kind: ${src}\n    name: flux-system\n`;
    const f = await findingsFor({
      "clusters/home/apps.yaml": [
        ks("ok", "./apps"),
        ks("bad", "./app"),
        ks("oci", "./whatever", "OCIRepository"),
        ks("subst", "./apps/${CLUSTER}"),
      ].join("---\n"),
      "apps/kustomization.yaml": "resources: []\n",
    });
    expect(ofRule(f, "flux/kustomization-path-missing")).toMatchObject([
      { file: "clusters/home/apps.yaml", line: 21, message: expect.stringContaining("./app") as string },
    ]);
  });

  it("requires a chart and warns on an unpinned HelmRepository chart", async () => {
    const f = await findingsFor({
      "a.yaml": hr("pinned", ""),
      "b.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: nochart\nspec:\n  interval: 1h\n",
      "c.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: float\nspec:\n  chart:\n    spec:\n      chart: x\n      sourceRef: {kind: HelmRepository, name: r}\n",
      "d.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ref\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: r\n",
      "e.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: git\nspec:\n  chart:\n    spec:\n      chart: ./charts/x\n      sourceRef: {kind: GitRepository, name: r}\n",
    });
    expect(ofRule(f, "flux/helmrelease-chart-missing")).toMatchObject([{ file: "b.yaml" }]);
    expect(ofRule(f, "flux/helmrelease-version-missing")).toMatchObject([{ file: "c.yaml", severity: "warning" }]);
  });

  it("resolves valuesFrom in the same namespace, with valuesKey and optional", async () => {
    const f = await findingsFor({
      "hr.yaml": hr(
        "app",
        [
          "  valuesFrom:",
          "    - kind: ConfigMap",
          "      name: app-values",
          "    - kind: ConfigMap",
          "      name: other-ns",
          "    - kind: Secret",
          "      name: missing-optional",
          "      optional: true",
          "    - kind: ConfigMap",
          "      name: app-values",
          "      valuesKey: extra.yaml",
          "    - kind: ConfigMap",
          "      name: app-values",
          "      valuesKey: nope.yaml",
          "",
        ].join("\n"),
      ),
      "cm.yaml":
        cm("app-values", "apps", "  values.yaml: |\n    replicas: 2\n  extra.yaml: |\n    a: 1\n") +
        "---\n" +
        cm("other-ns", "elsewhere", "  values.yaml: |\n    x: 1\n"),
    });
    expect(ofRule(f, "flux/values-from-unresolved")).toMatchObject([
      { file: "hr.yaml", line: 17, message: expect.stringContaining("other-ns") as string },
    ]);
    expect(ofRule(f, "flux/values-key-missing")).toMatchObject([
      { file: "hr.yaml", line: 26, message: expect.stringContaining("nope.yaml") as string },
    ]);
    expect(f.filter((x) => x.severity === "error")).toHaveLength(2);
  });

  it("warns about values ConfigMaps nobody references, not about referenced ones", async () => {
    const f = await findingsFor({
      "hr.yaml": hr("app", "  valuesFrom:\n    - kind: ConfigMap\n    name: used\n".replace("    name", "      name")),
      "cm.yaml":
        cm("used", "apps", "  values.yaml: |\n    a: 1\n") +
        "---\n" +
        cm("orphan", "apps", "  values.yaml: |\n    a: 1\n") +
        "---\n" +
        cm("plain", "apps", "  key: v\n"),
    });
    expect(ofRule(f, "flux/values-source-unused")).toMatchObject([
      { file: "cm.yaml", message: expect.stringContaining("orphan") as string, severity: "warning" },
    ]);
  });

  it("reports YAML problems inside a values.yaml block at the outer line, and non-map values", async () => {
    const f = await findingsFor({
      "hr.yaml": hr(
        "app",
        "  valuesFrom:\n    - kind: ConfigMap\n      name: v\n    - kind: ConfigMap\n      name: v\n      valuesKey: list.yaml\n",
      ),
      "cm.yaml": cm("v", "apps", "  values.yaml: |\n    a: 1\n    b: 2\n    a: 3\n  list.yaml: |\n    - 1\n"),
    });
    expect(ofRule(f, "yaml/duplicate-key")).toMatchObject([{ file: "cm.yaml", line: 10, column: 5 }]);
    expect(ofRule(f, "flux/values-invalid")).toMatchObject([{ file: "cm.yaml", line: 11 }]);
  });

  it("flags an unescaped comma in targetPath data and resolves kustomize generators", async () => {
    const f = await findingsFor({
      "app/hr.yaml": hr(
        "app",
        "  valuesFrom:\n    - kind: ConfigMap\n      name: gen\n    - kind: Secret\n      name: tok\n      valuesKey: list\n      targetPath: ingress.hosts\n    - kind: Secret\n      name: ext\n",
      ),
      "app/kustomization.yaml":
        "namespace: apps\nresources:\n  - hr.yaml\n  - es.yaml\nconfigMapGenerator:\n  - name: gen\n    files:\n      - values.yaml=gen-values.yaml\nsecretGenerator:\n  - name: tok\n    literals:\n      - list=a,b\n",
      "app/gen-values.yaml": "replicas: 3\n",
      "app/es.yaml":
        "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ext\nspec:\n  target:\n    name: ext\n",
    });
    expect(ofRule(f, "flux/values-target-path-invalid")).toHaveLength(1);
    expect(ofRule(f, "flux/values-from-unresolved")).toEqual([]);
    expect(ofRule(f, "flux/values-external-unknown")).toMatchObject([{ severity: "info" }]);
  });

  it("computes effective values in helm-controller order with provenance", async () => {
    const root = tempRepo({
      "hr.yaml": [
        "apiVersion: helm.toolkit.fluxcd.io/v2",
        "kind: HelmRelease",
        "metadata: {name: ess, namespace: matrix}",
        "spec:",
        "  chart:",
        "    spec: {chart: matrix-stack, version: 26.4.0, sourceRef: {kind: HelmRepository, name: ess}}",
        "  valuesFrom:",
        "    - {kind: ConfigMap, name: base}",
        "    - {kind: ConfigMap, name: base, valuesKey: host, targetPath: synapse.ingress.host}",
        "  values:",
        "    serverName: example.org",
        "",
      ].join("\n"),
      "cm.yaml": cm(
        "base",
        "matrix",
        "  values.yaml: |\n    serverName: wrong.org\n    synapse:\n      enabled: true\n  host: matrix.example.org\n",
      ),
    });
    const r = await verifyOffline({ root }, testDeps(root));
    const ctx = r.essContexts[0];
    expect(ctx?.values).toEqual({
      serverName: "example.org",
      synapse: { enabled: true, ingress: { host: "matrix.example.org" } },
    });
    expect(ctx?.locate(["serverName"])).toMatchObject({ file: "hr.yaml", line: 11 });
    expect(ctx?.locate(["synapse", "enabled"])).toMatchObject({ file: "cm.yaml", line: 10, column: 7 });
    expect(ctx?.locate(["synapse", "ingress", "host"])).toMatchObject({ file: "cm.yaml", line: 11 });
    expect(ctx?.chartVersion).toBe("26.4.0");
  });
});

describe("namespaces from kustomization.yaml", () => {
  it("gives manifests without metadata.namespace the namespace of the kustomization that lists them", async () => {
    const f = await findingsFor({
      "apps/ess/kustomization.yaml": "namespace: matrix\nresources:\n  - hr.yaml\n  - values\n",
      "apps/ess/hr.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ess}\nspec:\n  chart: {spec: {chart: c, version: 1.0.0, sourceRef: {kind: HelmRepository, name: r}}}\n  valuesFrom:\n    - {kind: ConfigMap, name: v}\n    - {kind: ConfigMap, name: w}\n",
      "apps/ess/values/kustomization.yaml": "resources: [cm.yaml]\n",
      "apps/ess/values/cm.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: v}\ndata:\n  values.yaml: |\n    a: 1\n",
      "apps/other/cm.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w, namespace: elsewhere}\ndata:\n  values.yaml: |\n    a: 1\n",
    });
    expect(ofRule(f, "flux/values-from-unresolved").map((x) => x.message)).toEqual([
      expect.stringContaining("ConfigMap matrix/w"),
    ]);
  });
});

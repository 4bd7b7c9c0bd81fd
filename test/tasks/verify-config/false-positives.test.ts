import { describe, expect, it } from "vitest";
import { findingsFor, ofRule } from "./helpers.js";

// Regressions from measuring public home-ops repositories: shapes their owners deploy successfully.
const ks = (name: string, p: string, src = "flux-system") =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: ${name}, namespace: flux-system}\nspec:\n  path: ${p}\n  sourceRef: {kind: GitRepository, name: ${src}}\n`;
const hr = (name: string, extra = "") =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ${name}, namespace: apps}\nspec:\n  chart: {spec: {chart: c, version: 1.0.0, sourceRef: {kind: HelmRepository, name: r}}}\n${extra}`;

describe("no false positives on deployed repository shapes", () => {
  it("kustomize patch files holding partial HelmReleases are not manifests", async () => {
    const f = await findingsFor({
      "app/kustomization.yaml":
        "resources: [hr.yaml]\npatches:\n  - path: patches/postgres.yaml\npatchesStrategicMerge:\n  - patches/env.yaml\n",
      "app/hr.yaml": hr("app"),
      "app/patches/postgres.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: app, namespace: apps}\nspec:\n  values:\n    postgres: {enabled: true}\n",
      "app/patches/env.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: app}\nspec:\n  values: {env: {}}\n",
    });
    expect(f).toEqual([]);
  });

  it("a Kustomization from another Git repository is not checked against this one; this one's still is", async () => {
    const f = await findingsFor({
      "flux/install.yaml": `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata: {name: flux-installation, namespace: flux-system}\nspec:\n  url: https://github.com/fluxcd/flux2\n---\n${ks("flux-installation", "./manifests/install", "flux-installation")}---\n${ks("apps", "./app")}---\n${ks("typo", "./apps")}`,
      "app/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
    });
    expect(ofRule(f, "flux/kustomization-path-missing").map((x) => x.message)).toEqual([
      expect.stringContaining("typo"),
    ]);
  });

  it("ObjectBucketClaim and cert-manager Certificate make the ConfigMap/Secret a HelmRelease reads", async () => {
    const f = await findingsFor({
      "hr.yaml": hr(
        "loki",
        "  valuesFrom:\n    - {kind: ConfigMap, name: bucket, valuesKey: BUCKET_HOST, targetPath: s3.host}\n    - {kind: Secret, name: bucket, valuesKey: AWS_ACCESS_KEY_ID, targetPath: s3.key}\n    - {kind: Secret, name: tls, valuesKey: tls.crt, targetPath: cert}\n",
      ),
      "obc.yaml":
        "apiVersion: objectbucket.io/v1alpha1\nkind: ObjectBucketClaim\nmetadata: {name: bucket, namespace: apps}\nspec: {bucketName: b, storageClassName: s}\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c, namespace: apps}\nspec: {secretName: tls, dnsNames: [a.example.org], issuerRef: {name: x}}\n",
    });
    expect(ofRule(f, "flux/values-from-unresolved")).toEqual([]);
    expect(ofRule(f, "flux/values-external-unknown")).toHaveLength(3);
  });

  it("values sources referenced from nested valuesFrom lists or duplicated in an archive folder are used", async () => {
    const gen = (_dir: string) =>
      `configMapGenerator:\n  - name: vals\n    namespace: apps\n    files: [values.yaml=./values.yaml]\nresources: []\n`;
    const f = await findingsFor({
      "a/kustomization.yaml": gen("a"),
      "a/values.yaml": "x: 1\n",
      ".archive/a/kustomization.yaml": gen(".archive/a"),
      ".archive/a/values.yaml": "x: 1\n",
      "hr.yaml": hr("app", "  valuesFrom:\n    - {kind: ConfigMap, name: vals}\n"),
      "rs.yaml":
        "apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata: {name: rs, namespace: flux-system}\nspec:\n  resources:\n    - apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      spec:\n        valuesFrom:\n          - {kind: ConfigMap, name: nested-vals}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: nested-vals, namespace: flux-system}\ndata:\n  values.yaml: |\n    a: 1\n",
    });
    expect(ofRule(f, "flux/values-source-unused")).toEqual([]);
  });

  it("a broken kustomization that no Flux Kustomization reaches is a warning, a reached one an error", async () => {
    const f = await findingsFor({
      "flux/apps.yaml": ks("apps", "./apps"),
      "apps/kustomization.yaml": "resources:\n  - ./used\n  # - ./unused\n",
      "apps/used/kustomization.yaml": "resources: [missing.yaml]\n",
      "apps/unused/kustomization.yaml": "resources: [rbac.yaml]\n",
    });
    expect(ofRule(f, "k8s/kustomize-missing-file").map((x) => [x.file, x.severity])).toEqual([
      ["apps/unused/kustomization.yaml", "warning"],
      ["apps/used/kustomization.yaml", "error"],
    ]);
  });
});

describe("files Flux never applies", () => {
  it("downgrades k8s/flux/ess errors outside what the entry points reach (with ${VAR} paths over-approximated)", async () => {
    const fks = (name: string, p: string) =>
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: ${name}, namespace: flux-system}\nspec:\n  path: ${p}\n  sourceRef: {kind: GitRepository, name: flux-system}\n`;
    const f = await findingsFor({
      "clusters/main/flux-system/gotk-sync.yaml": fks("flux-system", "./clusters/main"),
      "clusters/main/apps.yaml": fks("apps", "./apps/${CLUSTER}"),
      "apps/main/ks.yaml": fks("broken-live", "./apps/main/missing"),
      ".archive/ks.yaml": fks("broken-archived", "./apps/old"),
      ".archive/cm.yaml": "apiVersion: v1\nkind: ConfigMap\n",
    });
    expect(f.map((x) => [x.ruleId, x.file, x.severity])).toEqual([
      ["k8s/missing-name", ".archive/cm.yaml", "warning"],
      ["flux/kustomization-path-missing", ".archive/ks.yaml", "warning"],
      ["flux/kustomization-path-missing", "apps/main/ks.yaml", "error"],
    ]);
  });
});

describe("self-applying roots", () => {
  it("a root Kustomization whose path holds its own file is an entry point like flux-system", async () => {
    // joryirving/home-ops shape: `cluster` (sourceRef home-kubernetes) applies ./kubernetes/main/flux, itself included.
    const fks = (name: string, p: string, src = "home-kubernetes") =>
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: ${name}, namespace: flux-system}\nspec:\n  path: ${p}\n  sourceRef: {kind: GitRepository, name: ${src}}\n`;
    const f = await findingsFor({
      "kubernetes/main/flux/config/cluster.yaml": fks("cluster", "./kubernetes/main/flux"),
      "kubernetes/main/flux/apps.yaml": fks("cluster-apps", "./kubernetes/main/apps"),
      // The upstream Flux manifests as an OCI artifact: its `./` is that artifact, not this repository.
      "kubernetes/main/flux/config/flux.yaml": fks("flux", "./").replace("GitRepository", "OCIRepository"),
      "kubernetes/main/apps/web/ks.yaml": fks("web", "./kubernetes/main/apps/web/missing"),
      ".archive/kubernetes/main/apps/old/ks.yaml": fks("old", "./kubernetes/main/apps/old/app"),
    });
    expect(f.map((x) => [x.ruleId, x.file, x.severity])).toEqual([
      ["flux/kustomization-path-missing", ".archive/kubernetes/main/apps/old/ks.yaml", "warning"],
      ["flux/kustomization-path-missing", "kubernetes/main/apps/web/ks.yaml", "error"],
    ]);
  });
});

describe("overlays and tool dotfiles", () => {
  it("does not ask for a version the overlay patch sets, nor a name in a tool's dotfile config", async () => {
    const f = await findingsFor({
      ".fluxschema.yml": "apiVersion: schema.plugin.fluxcd.io/v1beta1\nkind: Config\nvalidate: {}\n",
      "base/release.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: podinfo, namespace: podinfo}\nspec:\n  chart:\n    spec:\n      chart: podinfo\n      sourceRef: {kind: HelmRepository, name: podinfo}\n",
      "base/kustomization.yaml": "resources: [release.yaml]\n",
      "production/kustomization.yaml":
        "resources: [../base]\npatches:\n  - path: values.yaml\n    target: {kind: HelmRelease}\n",
      "production/values.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: podinfo, namespace: podinfo}\nspec:\n  chart:\n    spec:\n      version: 6.5.0\n",
    });
    expect(f).toEqual([]);
  });
});

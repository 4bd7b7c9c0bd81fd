import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultDeps } from "../../../src/core/deps.js";
import type { Finding } from "../../../src/core/finding.js";
import { runSopsCheck } from "../../../src/tasks/sops-check/index.js";

// Real-shaped trees after onedr0p/cluster-template descendants (lucas-dclrcq/homelabitty, sulibot/home-ops,
// chkpwd/iac; MIT), cut down; the encrypted Secret is the repository's own example, encrypted to the demo key.
const ENCRYPTED = readFileSync(path.resolve("examples/gitops/apps/matrix/ess-secret-values.sops.yaml"), "utf8");
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

async function flux(files: Record<string, string>): Promise<Finding[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), "mxops-flux-"));
  temps.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const report = await runSopsCheck({ root }, defaultDeps({ cwd: root }));
  return report.findings.filter((f) => f.ruleId === "sops/flux-no-decryption");
}

const ks = (
  name: string,
  p: string,
  o: { labels?: string; decrypt?: boolean; source?: string; patches?: string } = {},
) =>
  [
    "---",
    "apiVersion: kustomize.toolkit.fluxcd.io/v1",
    "kind: Kustomization",
    "metadata:",
    `  name: ${name}`,
    "  namespace: flux-system",
    ...(o.labels ? ["  labels:", `    ${o.labels}`] : []),
    "spec:",
    "  interval: 1h",
    `  path: ${p}`,
    "  prune: true",
    `  sourceRef: {kind: ${o.source ?? "GitRepository"}, name: ${o.source ? "flux-manifests" : "flux-system"}}`,
    ...(o.decrypt ? ["  decryption: {provider: sops, secretRef: {name: sops-age}}"] : []),
    ...(o.patches ? [o.patches] : []),
    "",
  ].join("\n");

const LABEL_PATCH = [
  "  patches:",
  "    - patch: |-",
  "        apiVersion: kustomize.toolkit.fluxcd.io/v1",
  "        kind: Kustomization",
  "        metadata: {name: not-used}",
  "        spec: {decryption: {provider: sops, secretRef: {name: sops-age}}}",
  "      target:",
  "        group: kustomize.toolkit.fluxcd.io",
  "        kind: Kustomization",
  "        labelSelector: substitution.flux.home.arpa/disabled notin (true)",
].join("\n");

/** The cluster-template layout: flux-system → cluster-apps (patches children) → namespace kustomization → ks.yaml. */
function clusterTemplate(child: string, parentPatches = LABEL_PATCH): Record<string, string> {
  return {
    "kubernetes/flux/cluster/ks.yaml": ks("cluster-apps", "./kubernetes/apps", {
      decrypt: true,
      patches: parentPatches,
    }),
    "kubernetes/flux/config/flux.yaml": ks("flux", "./", { source: "OCIRepository" }),
    "kubernetes/apps/vault/kustomization.yaml": "resources:\n  - ./vault/ks.yaml\n",
    "kubernetes/apps/vault/vault/ks.yaml": child,
    "kubernetes/apps/vault/vault/app/kustomization.yaml": "resources:\n  - ./secret.sops.yaml\n",
    "kubernetes/apps/vault/vault/app/secret.sops.yaml": ENCRYPTED,
  };
}

describe("sops/flux-no-decryption as the controller sees it", () => {
  it("a child patched by its parent (label selector) decrypts; an OCIRepository-sourced Kustomization applies nothing here", async () => {
    expect(await flux(clusterTemplate(ks("vault", "./kubernetes/apps/vault/vault/app")))).toEqual([]);
  });

  it("a child the label selector excludes is reported at the child, the Secret listed as related", async () => {
    const child = ks("vault", "./kubernetes/apps/vault/vault/app", {
      labels: 'substitution.flux.home.arpa/disabled: "true"',
    });
    const fs = await flux(clusterTemplate(child));
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      file: "kubernetes/apps/vault/vault/ks.yaml",
      line: 2,
      severity: "error",
      related: [{ file: "kubernetes/apps/vault/vault/app/secret.sops.yaml", line: 1 }],
    });
  });

  it("decryption patched in as JSON 6902 or through a kustomize component also counts", async () => {
    const json6902 = [
      "  patches:",
      "    - patch: |-",
      "        - op: add",
      "          path: /spec/decryption",
      "          value: {provider: sops, secretRef: {name: sops-age}}",
      "      target: {kind: Kustomization}",
    ].join("\n");
    expect(await flux(clusterTemplate(ks("vault", "./kubernetes/apps/vault/vault/app"), json6902))).toEqual([]);
    const viaComponent = {
      ...clusterTemplate(ks("vault", "./kubernetes/apps/vault/vault/app"), ""),
      "kubernetes/apps/vault/kustomization.yaml":
        "resources:\n  - ./vault/ks.yaml\ncomponents:\n  - ../../components/sops\n",
      "kubernetes/components/sops/kustomization.yaml": [
        "apiVersion: kustomize.config.k8s.io/v1alpha1",
        "kind: Component",
        "patches:",
        "  - target: {kind: Kustomization}",
        "    patch: |-",
        "      - {op: add, path: /spec/decryption, value: {provider: sops}}",
        "",
      ].join("\n"),
    };
    expect(await flux(viaComponent)).toEqual([]);
  });

  it("a ks.yaml that no live build lists (a typo in the parent's resources) is never applied", async () => {
    const orphan = ks("onepassword", "./kubernetes/apps/vault/onepassword/app", {
      labels: 'substitution.flux.home.arpa/disabled: "true"',
    });
    const files = {
      ...clusterTemplate(ks("vault", "./kubernetes/apps/vault/vault/app")),
      "kubernetes/apps/vault/onepassword/ks.yaml": orphan,
      "kubernetes/apps/vault/onepassword/app/secret.sops.yaml": ENCRYPTED,
    };
    // Without an entry point every Kustomization counts; with flux-operator's sync path only what it reaches.
    expect((await flux(files)).map((f) => f.file)).toEqual(["kubernetes/apps/vault/onepassword/ks.yaml"]);
    const instance =
      "apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: {name: flux}\nspec:\n  sync:\n    kind: GitRepository\n    path: kubernetes/flux/cluster\n";
    expect(await flux({ ...files, "kubernetes/flux/instance.yaml": instance })).toEqual([]);
  });

  it("an odd spelling of spec.path does not hide a missing decryption", async () => {
    const fs = await flux(clusterTemplate(ks("vault", "./kubernetes//apps/./vault/vault/x/../app/"), ""));
    expect(fs.map((f) => f.file)).toEqual(["kubernetes/apps/vault/vault/ks.yaml"]);
  });

  it("a tier Kustomization building only ks.yaml files does not apply the Secrets beside them", async () => {
    const fs = await flux({
      "kubernetes/flux/tiers.yaml": ks("tier-0-foundation", "./kubernetes/apps/tier-0-foundation"),
      "kubernetes/apps/tier-0-foundation/kustomization.yaml": "resources:\n  - ./ceph-csi/ks.yaml\n",
      "kubernetes/apps/tier-0-foundation/ceph-csi/ks.yaml": ks(
        "ceph-csi",
        "./kubernetes/apps/tier-0-foundation/ceph-csi/app",
        { decrypt: true },
      ),
      "kubernetes/apps/tier-0-foundation/ceph-csi/app/csi-ceph-admin-secret.yaml": ENCRYPTED,
    });
    expect(fs).toEqual([]);
  });

  it("a root Kustomization without kustomization.yaml takes in every encrypted file below its path; .archive/ unreached is not", async () => {
    const fs = await flux({
      "kubernetes/flux-system/gotk-sync.yaml": ks("flux-system", "./kubernetes/infrastructure"),
      "kubernetes/infrastructure/secrets.sops.yaml": ENCRYPTED,
      "kubernetes/infrastructure/sub/more.sops.yaml": ENCRYPTED,
      ".archive/apps/ks.yaml": ks("old", "./kubernetes/apps/old/app"),
      ".archive/apps/app/secret.sops.yaml": ENCRYPTED,
    });
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ file: "kubernetes/flux-system/gotk-sync.yaml" });
    expect(fs[0].related!.map((r) => r.file)).toEqual([
      "kubernetes/infrastructure/secrets.sops.yaml",
      "kubernetes/infrastructure/sub/more.sops.yaml",
    ]);
  });
});

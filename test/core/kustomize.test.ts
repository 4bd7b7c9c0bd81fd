import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { isFluxKustomization, KustomizeTree, normaliseSourcePath } from "../../src/core/kustomize/build.js";
import { labelSelectorMatches, objectId, selectorMatches } from "../../src/core/kustomize/select.js";
import { requireTool } from "../helpers/tools.js";

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): { root: string; tree: KustomizeTree } {
  const root = mkdtempSync(path.join(os.tmpdir(), "mxops-kustomize-"));
  temps.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const t = new KustomizeTree(Object.keys(files), (rel) => {
    try {
      return Promise.resolve(readFileSync(path.join(root, rel), "utf8"));
    } catch {
      return Promise.resolve(undefined);
    }
  });
  return { root, tree: t };
}

const ks = (name: string, p: string, extra = "") =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\n${extra}spec:\n  interval: 1h\n  path: ${p}\n  sourceRef: {kind: GitRepository, name: flux-system}\n`;
const secret = (name: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n  token: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  version: 3.9.0\n`;
const SOPS_PATCH =
  "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: not-used\nspec:\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n";

/** An apps tree in the cluster-template shape: children by ks.yaml, patches through a component, JSON 6902 and SMP. */
const APPS: Record<string, string> = {
  "apps/kustomization.yaml": [
    "apiVersion: kustomize.config.k8s.io/v1beta1",
    "kind: Kustomization",
    "resources:",
    "  - ./media",
    "  - ./db/ks.yaml",
    "  - ./web/ks.yaml",
    "components:",
    "  - ../components/sops",
    "patches:",
    "  - target: {kind: Kustomization, name: web}",
    "    patch: |-",
    "      - op: add",
    "        path: /spec/decryption",
    "        value: {provider: sops, secretRef: {name: sops-age}}",
    "",
  ].join("\n"),
  "apps/media/kustomization.yaml": "resources:\n  - ./plex/ks.yaml\n  - ./arr/ks.yaml\n",
  "apps/media/plex/ks.yaml": ks("plex", "./apps/media/plex/app"),
  "apps/media/plex/app/secret.sops.yaml": secret("plex"),
  "apps/media/arr/ks.yaml": ks("arr", "./apps/media/arr/app", "  labels:\n    sops.example/disabled: 'true'\n"),
  "apps/media/arr/app/secret.sops.yaml": secret("arr"),
  "apps/db/ks.yaml": ks("db", "./apps/db/app", "  labels:\n    sops.example/disabled: 'true'\n"),
  "apps/web/ks.yaml": ks("web", "./apps/web/app", "  labels:\n    sops.example/disabled: 'true'\n"),
  "apps/.archive/old/ks.yaml": ks("old", "./apps/old"),
  "apps/.archive/old/secret.sops.yaml": secret("old"),
  "components/sops/kustomization.yaml": [
    "apiVersion: kustomize.config.k8s.io/v1alpha1",
    "kind: Component",
    "patches:",
    "  - target:",
    "      group: kustomize.toolkit.fluxcd.io",
    "      kind: Kustomization",
    "      labelSelector: sops.example/disabled notin (true)",
    "    patch: |-",
    ...SOPS_PATCH.trimEnd()
      .split("\n")
      .map((l) => `      ${l}`),
    "",
  ].join("\n"),
};

/** kind/name of each object kubectl kustomize emits, and the Flux Kustomizations it gives sops decryption. */
function kubectlBuild(dir: string): { objects: string[]; decrypting: string[] } {
  const kubectl = requireTool("kubectl", "install kubectl (with its built-in kustomize 5.x)");
  const out = execFileSync(kubectl, ["kustomize", dir], { encoding: "utf8" });
  const docs = parseAllDocuments(out).map((d) => d.toJS() as Record<string, unknown>);
  const objects = docs.map((o) => `${String(o.kind)}/${String((o.metadata as { name: string }).name)}`).sort();
  const decrypting = docs
    .filter((o) => isFluxKustomization(objectId(o)))
    .filter((o) => (o.spec as { decryption?: { provider?: string } }).decryption?.provider === "sops")
    .map((o) => (o.metadata as { name: string }).name)
    .sort();
  return { objects, decrypting };
}

describe("kustomize selectors", () => {
  it("label selectors as Kubernetes reads them; notin and != also match an absent key", () => {
    const on = { "sops.example/disabled": "true", app: "web" };
    expect(labelSelectorMatches("sops.example/disabled notin (true)", {})).toBe(true);
    expect(labelSelectorMatches("sops.example/disabled notin (true)", on)).toBe(false);
    expect(labelSelectorMatches("app in (web, db)", on)).toBe(true);
    expect(labelSelectorMatches("app=web,!missing", on)).toBe(true);
    expect(labelSelectorMatches("app!=web", on)).toBe(false);
    expect(labelSelectorMatches("app!=web", {})).toBe(true);
    expect(labelSelectorMatches("app==db", on)).toBe(false);
    expect(labelSelectorMatches("app", {})).toBe(false);
    expect(labelSelectorMatches("app in (web", on)).toBe(false);
  });
  it("each target field is an anchored regular expression; group and version come from apiVersion", () => {
    const id = objectId({
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata: { name: "web-app", namespace: "flux-system" },
    });
    expect(selectorMatches({ kind: "Kustomization", name: "web" }, id)).toBe(false);
    expect(selectorMatches({ kind: "Kustomization", name: "web-.*" }, id)).toBe(true);
    expect(selectorMatches({ group: "kustomize.toolkit.fluxcd.io", version: "v1" }, id)).toBe(true);
    expect(selectorMatches({ group: "apps" }, id)).toBe(false);
    expect(selectorMatches({ namespace: "default" }, id)).toBe(false);
  });
  it("normalises spec.path as the controller joins it to the source root", () => {
    expect(normaliseSourcePath("./a/./b")).toBe("a/b");
    expect(normaliseSourcePath("a//b/")).toBe("a/b");
    expect(normaliseSourcePath("a/b/..")).toBe("a");
    expect(normaliseSourcePath("/a")).toBe("a");
    expect(normaliseSourcePath("../../a")).toBe("a");
    expect(normaliseSourcePath("./")).toBe("");
  });
});

describe("kustomize build evaluation (kubectl kustomize as the oracle)", () => {
  it("resources, nested directories, components, JSON 6902 and label-selected patches agree with kubectl", async () => {
    const { root, tree: t } = tree(APPS);
    const built = await t.buildKustomize("apps");
    const want = kubectlBuild(path.join(root, "apps"));
    const objects = built.map((r) => `${r.id.kind}/${r.id.name}`).sort();
    expect(objects, "objects differ from kubectl kustomize").toEqual(want.objects);
    const decrypting = built
      .filter((r) => r.patchedSops)
      .map((r) => r.id.name!)
      .sort();
    expect(decrypting, "decrypting Kustomizations differ from kubectl kustomize").toEqual(want.decrypting);
    expect(decrypting).toEqual(["plex", "web"]);
    // Only ks.yaml files are listed: the Secrets beside them and the .archive tree are not part of this build.
    expect(built.some((r) => r.file.includes(".archive") || r.id.kind === "Secret")).toBe(false);
  });

  it("Flux spec.patches act like patches of a kustomization wrapping the path (target-less by kind and name)", async () => {
    const fluxPatches = [
      {
        patch: SOPS_PATCH.replace("name: not-used", "name: db\n  namespace: flux-system"),
      },
      {
        patch: SOPS_PATCH,
        target: { kind: "Kustomization", labelSelector: "sops.example/disabled notin (true)" },
      },
    ];
    const wrapper = {
      ...APPS,
      "flux/kustomization.yaml": `resources:\n  - ../apps\npatches: ${JSON.stringify(fluxPatches)}\n`,
    };
    const { root, tree: t } = tree(wrapper);
    const built = (await t.buildFlux("apps", fluxPatches))!;
    const want = kubectlBuild(path.join(root, "flux"));
    expect(built.map((r) => `${r.id.kind}/${r.id.name}`).sort()).toEqual(want.objects);
    const decrypting = built
      .filter((r) => r.patchedSops)
      .map((r) => r.id.name!)
      .sort();
    expect(decrypting).toEqual(want.decrypting);
    expect(decrypting).toEqual(["db", "plex", "web"]);
  });

  it("without a kustomization file Flux takes every YAML below the path, whole kustomize directories where they start", async () => {
    const { tree: t } = tree({
      "cluster/secret.sops.yaml": secret("top"),
      "cluster/nested/deeper/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\n",
      "cluster/notes.md": "# not a manifest\n",
      "cluster/app/kustomization.yaml": "resources: [./listed.yaml]\n",
      "cluster/app/listed.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: listed}\n",
      "cluster/app/unlisted.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: unlisted}\n",
    });
    const built = (await t.buildFlux("cluster", undefined))!;
    expect(built.map((r) => `${r.file}:${r.id.name}`).sort()).toEqual([
      "cluster/app/listed.yaml:listed",
      "cluster/nested/deeper/cm.yaml:deep",
      "cluster/secret.sops.yaml:top",
    ]);
    expect(await t.buildFlux("missing", undefined)).toBeUndefined();
  });
});

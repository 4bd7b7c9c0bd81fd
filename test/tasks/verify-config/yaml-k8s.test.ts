import { describe, expect, it } from "vitest";
import { findingsFor, ofRule } from "./helpers.js";

const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: b\n";

describe("yaml rules", () => {
  it("reports syntax errors with line:column in every document and keeps checking other files", async () => {
    const f = await findingsFor({
      "a.yaml": "a: [1, 2\nb: 3\n---\nx:\n  y: 1\n z: 2\n",
      "b.yaml": "apiVersion: v1\nkind: ConfigMap\n",
    });
    const syntax = ofRule(f, "yaml/syntax");
    expect(syntax.map((s) => [s.file, s.line])).toEqual([
      ["a.yaml", 2],
      ["a.yaml", 6],
    ]);
    expect(syntax.every((s) => typeof s.column === "number")).toBe(true);
    expect(ofRule(f, "k8s/missing-name")).toHaveLength(1);
  });

  it("reports one syntax error per document, not the parser's recovery after it", async () => {
    // Shape of a committed JSON 6902 patch list with a stray `target:` key (sulibot/home-ops, MIT), twice.
    const doc = (cidr: string) =>
      `---\n- op: replace\n  path: /spec/cidrs/0/cidr\n  value: "${cidr}"\ntarget:\n  kind: CiliumLoadBalancerIPPool\n  name: lb-pool\n`;
    // A block scalar broken out of at column 0: every following line used to be one more error.
    const dump = [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  annotations:",
      "    note: |",
      "      text",
      "cat <<EOF",
      "  a: b: c",
      "x: [1,",
      "y: 2",
      "y: 3",
      "",
    ].join("\n");
    const f = await findingsFor({
      "ippools-patch.yaml": doc("10.0.0.0/24") + doc("fd00::/120"),
      "dump.yaml": dump,
      "dup-first.yaml": "a: 1\na: 2\nb: [1,\nc: 3\n",
    });
    const lines = (file: string) => f.filter((x) => x.file === file && x.ruleId.startsWith("yaml/")).map((x) => x.line);
    expect(lines("ippools-patch.yaml")).toEqual([5, 12]);
    expect(lines("dump.yaml")).toHaveLength(1);
    // A duplicate key before the syntax error is its own problem and still reported.
    expect(f.filter((x) => x.file === "dup-first.yaml").map((x) => x.ruleId)).toEqual([
      "yaml/duplicate-key",
      "yaml/syntax",
    ]);
  });

  it("flags duplicate keys and tab indentation; valid YAML is silent", async () => {
    const f = await findingsFor({ "d.yaml": "a: 1\nb: 2\na: 3\n", "t.yaml": "a:\n\tb: 1\n", "ok.yaml": CM });
    expect(ofRule(f, "yaml/duplicate-key")).toMatchObject([{ file: "d.yaml", line: 3, column: 1 }]);
    expect(ofRule(f, "yaml/tab-indent")).toMatchObject([{ file: "t.yaml", line: 2 }]);
    expect(f.filter((x) => x.file === "ok.yaml")).toEqual([]);
  });

  it("accepts duplicate anchors, merge keys and custom tags; flags an unknown alias once", async () => {
    const f = await findingsFor({
      "anchors.yaml": "x: &a 1\ny: &a 2\nz: *a\nbase: &b {p: 1}\nc:\n  <<: *b\n  q: 2\n",
      "tags.yaml": "password: !env_var DB_PASSWORD\nlist: !reference [a, b]\n",
      "alias.yaml": "x: *nope\n",
    });
    expect(f.filter((x) => x.file !== "alias.yaml")).toEqual([]);
    expect(ofRule(f, "yaml/alias-expansion")).toMatchObject([{ file: "alias.yaml", line: 1 }]);
  });

  it("flags an unquoted Go template but not a quoted one or one inside a block scalar", async () => {
    const f = await findingsFor({
      "es.yaml": [
        "apiVersion: external-secrets.io/v1",
        "kind: ExternalSecret",
        "metadata:",
        "  name: db",
        "spec:",
        "  target:",
        "    template:",
        "      data:",
        "        password: {{ .password }}",
        '        user: "{{ .user }}"',
        "        url: postgres://{{ .user }}:{{ .password }}@db",
        "        config.yaml: |",
        "          token: {{ .token }}",
        "",
      ].join("\n"),
    });
    expect(ofRule(f, "yaml/unquoted-template")).toMatchObject([{ file: "es.yaml", line: 9 }]);
    expect(f.filter((x) => x.ruleId !== "yaml/unquoted-template")).toEqual([]);
  });

  it("skips Helm chart templates (Go templates, not YAML)", async () => {
    const f = await findingsFor({
      "chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
      "chart/templates/cm.yaml": "{{- if .Values.x }}\nkind: ConfigMap\n{{- end }}\n",
      "chart/values.yaml": "x: true\n",
    });
    expect(f).toEqual([]);
  });
});

describe("k8s shape", () => {
  it("requires apiVersion, kind and metadata.name on manifests", async () => {
    const f = await findingsFor({
      "noname.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {a: b}\n",
      "nokind.yaml": "apiVersion: v1\nmetadata:\n  name: x\n",
      "noapi.yaml": "kind: Service\nmetadata:\n  name: x\n",
      "gen.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: run-\n",
    });
    expect(ofRule(f, "k8s/missing-name")).toMatchObject([{ file: "noname.yaml", line: 3 }]);
    expect(ofRule(f, "k8s/missing-kind")).toMatchObject([{ file: "nokind.yaml", line: 1 }]);
    expect(ofRule(f, "k8s/missing-api-version")).toMatchObject([{ file: "noapi.yaml" }]);
    expect(f.filter((x) => x.file === "gen.yaml")).toEqual([]);
  });

  it("does not flag CI workflows, SOPS config, kustomization.yaml, Helm files or tool configs", async () => {
    const f = await findingsFor({
      ".gitea/workflows/deploy.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: []\n",
      ".github/workflows/ci.yaml": "name: ci\non: [push]\njobs: {}\n",
      ".sops.yaml": "creation_rules:\n  - path_regex: .*\\.sops\\.yaml$\n    age: age1xyz\n",
      "apps/kustomization.yaml":
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n",
      "apps/cm.yaml": CM,
      "charts/x/Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\n",
      "kind-config.yaml": "apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: []\n",
      "Taskfile.yaml": "version: '3'\ntasks: {}\n",
      "kubeconfig.yaml": "apiVersion: v1\nkind: Config\nclusters: []\n",
      "talos/patches/network.yaml": "apiVersion: v1alpha1\nkind: NetworkDefaultActionConfig\ningress: block\n",
    });
    expect(f).toEqual([]);
  });

  it("flags kustomization.yaml entries that point at missing files", async () => {
    const f = await findingsFor({
      "apps/kustomization.yaml":
        "resources:\n  - cm.yaml\n  - missing.yaml\n  - https://example.org/x.yaml\n  - ../base\nconfigMapGenerator:\n  - name: v\n    files:\n      - values.yaml=gone.yaml\n",
      "apps/cm.yaml": CM,
    });
    expect(ofRule(f, "k8s/kustomize-missing-file").map((x) => [x.line, x.message])).toEqual([
      [3, expect.stringContaining("missing.yaml")],
      [5, expect.stringContaining("../base")],
      [9, expect.stringContaining("gone.yaml")],
    ]);
  });
});

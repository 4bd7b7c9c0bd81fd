/**
 * Which YAML files and documents are Kubernetes manifests. Repositories hold plenty of YAML that is not
 * applied to a cluster (CI workflows, SOPS and lint configs, Helm charts and values, tool configs);
 * those must never be flagged for missing apiVersion/kind/metadata.
 */

/** Paths whose YAML is never a Kubernetes manifest. */
const NON_MANIFEST_PATHS: RegExp[] = [
  /(^|\/)\.(gitea|github|forgejo|gitlab|circleci|buildkite|woodpecker|taskfiles|devcontainer|vscode|renovate)\//,
  /(^|\/)\.(sops|pre-commit-config|pre-commit-hooks|yamllint|gitlab-ci|markdownlint|prettierrc|lefthook|goreleaser|ansible-lint|mise|editorconfig)(\.ya?ml)?$/,
  /(^|\/)\.yamllint(\.ya?ml)?$/,
  /(^|\/)(Chart|Taskfile|taskfile|mkdocs|docker-compose|compose|renovate|talconfig|talenv|requirements|galaxy|ct|lintconf|codecov|dependabot|makejinja|config\.sample)\.ya?ml$/,
  /(^|\/)(values[^/]*|[^/]*\.values)\.ya?ml$/,
  /(^|\/)ansible\//,
  /(^|\/)(playbooks?|roles|group_vars|host_vars|inventory)\//,
];

/** True when nothing in this file is expected to be a Kubernetes manifest (dotfiles are tool configs). */
export function isNonManifestPath(rel: string): boolean {
  return NON_MANIFEST_PATHS.some((r) => r.test(rel)) || /(^|\/)\.[^/]+\.ya?ml$/.test(rel);
}

/** API groups of configuration files read by tools (not objects applied to a cluster): no metadata.name needed. */
const TOOL_CONFIG_API =
  /^(kustomize\.config\.k8s\.io|[a-z0-9.-]*\.config\.k8s\.io|kubeadm\.k8s\.io|kind\.x-k8s\.io|k3d\.io|ctlptl\.dev|skaffold\/|talos\.dev|config\.kubernetes\.io|kpt\.dev|clusterctl\.cluster\.x-k8s\.io)/;

/** True for documents that are tool configuration (kustomization.yaml, kubeconfig, kind/k3d configs, lists). */
export function isToolConfig(apiVersion: string, kind: string): boolean {
  if (TOOL_CONFIG_API.test(apiVersion)) return true;
  // Kubernetes' only group-less API is `v1`; `v1alpha1` without a group is Talos machine config and the like.
  if (!apiVersion.includes("/") && apiVersion !== "v1") return true;
  if (apiVersion === "v1" && (kind === "Config" || kind === "List")) return true;
  return kind.endsWith("List") && apiVersion === "v1";
}

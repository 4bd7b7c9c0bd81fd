// Real repositories are messy: whatever shape the values take, no component rule may throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REPO_CHECKS, VALUES_CHECKS } from "../../../../src/tasks/verify-config/components/index.js";
import type { EssValuesContext } from "../../../../src/tasks/verify-config/components/types.js";
import { repoFrom } from "./context.js";

const snippet = fc.constantFrom(
  "a: 1\n",
  "a: [1\n",
  "{{ .Values.x }}\n",
  "matrix_rtc: {transports: [{}, 1, null]}\n",
  "upstream_oauth2: {providers: [null, {id: 5}, {claims_imports: {skip_confirmation: true}}]}\n",
  "account: 5\npolicy: {data: {admin_clients: [1, null]}}\nclients: 'x'\n",
  "experimental_features: [1]\n",
  "!env_var X\n",
  '{"brand": 1, "sso_redirect_options": [1]}',
  "[1, 2]",
  "",
);
const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), snippet);
const tree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom("config", "additional", "enabled", "ingress", "host", "password", "secret", "value", "x"),
      tie("node"),
      { maxKeys: 4 },
    ),
  ),
})).node;
const additional = fc.dictionary(
  fc.string({ maxLength: 4 }),
  fc.oneof(fc.record({ config: fc.oneof(snippet, tree) }), tree),
  { maxKeys: 3 },
);
const values = fc.record({
  serverName: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
  synapse: fc.oneof(tree, fc.record({ additional })),
  matrixAuthenticationService: fc.oneof(tree, fc.record({ additional, ingress: fc.record({ host: leaf }) })),
  elementWeb: fc.oneof(
    tree,
    fc.record({ additional: fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(snippet, tree), { maxKeys: 3 }) }),
  ),
  matrixRTC: tree,
});

describe("component rules on arbitrary values", () => {
  it("never throw", () => {
    const repo = repoFrom({ "x.yaml": "kind: ConfigMap\ndata: {a.env: 'PASSWORD=x'}\n" });
    fc.assert(
      fc.property(values, (v) => {
        const ctx: EssValuesContext = {
          values: v,
          locate: () => undefined,
          locateInString: () => undefined,
          subject: "fuzz",
          chartVersion: "26.8.1",
          repo,
        };
        for (const c of VALUES_CHECKS) expect(Array.isArray(c(ctx))).toBe(true);
      }),
      { numRuns: 100, seed: 42 },
    );
    for (const c of REPO_CHECKS) expect(Array.isArray(c(repo))).toBe(true);
  });
});

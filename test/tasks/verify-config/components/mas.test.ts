import { describe, expect, it } from "vitest";
import { checkMas } from "../../../../src/tasks/verify-config/components/mas/index.js";
import { isUlid } from "../../../../src/tasks/verify-config/components/mas/rules.js";
import { dedent, valuesFrom } from "./context.js";

/** Values text with one MAS additional entry holding `body` (indented into the block scalar). */
function masText(body: string, extra = ""): string {
  const inner = dedent(body)
    .split("\n")
    .map((l) => (l ? `        ${l}` : l))
    .join("\n");
  return `serverName: example.org\nmatrixAuthenticationService:\n  additional:\n    auth:\n      config: |\n${inner}\n${extra}`;
}
const mas = (body: string, extra = "") => valuesFrom(masText(body, extra));
const rules = (fs: { ruleId: string; severity: string; line?: number }[]) =>
  fs.map((f) => `${f.ruleId}:${f.severity}:${f.line}`);

const PROVIDER = `
  upstream_oauth2:
    providers:
      - id: 01JA7Q2Z8M5X4C3B2N1V0W9E8R
        issuer: https://sso.example.org/application/o/matrix/
        client_id: mas
        client_secret_file: /secrets/authentik
        token_endpoint_auth_method: client_secret_basic
        scope: openid profile email
        claims_imports:
          localpart: {action: require, template: "{{ user.preferred_username }}"}
`;

describe("MAS additional config", () => {
  it("accepts a correct provider config", () => {
    expect(checkMas(mas(PROVIDER))).toEqual([]);
  });

  it("reproduces the invented-key incident (upstream_oauth2_config, user_mapping_provider, access.auto_provision)", () => {
    const ctx = mas(`
      upstream_oauth2_config:
        providers: []
      user_mapping_provider:
        config: {}
      access:
        auto_provision: true
    `);
    const fs = checkMas(ctx).filter((f) => f.ruleId === "mas/unknown-key");
    expect(fs.map((f) => [f.line, f.keyPath])).toEqual([
      [6, "matrixAuthenticationService.additional.auth.config#upstream_oauth2_config"],
      [8, "matrixAuthenticationService.additional.auth.config#user_mapping_provider"],
      [10, "matrixAuthenticationService.additional.auth.config#access"],
    ]);
    expect(fs[0].message).toContain('did you mean "upstream_oauth2"');
    expect(fs[1].hint).toContain("claims_imports");
  });

  it("flags unknown keys at nested levels with did-you-mean", () => {
    const ctx = mas(`
      account:
        password_registraton_enabled: false
      upstream_oauth2:
        providers:
          - id: 01JA7Q2Z8M5X4C3B2N1V0W9E8R
            issuer: https://sso.example.org/application/o/matrix/
            client_id: mas
            client_secret_file: /s
            token_endpoint_auth_method: client_secret_basic
            claim_imports: {}
    `);
    const fs = checkMas(ctx).filter((f) => f.ruleId === "mas/unknown-key");
    expect(fs.map((f) => [f.line, f.message])).toEqual([
      [
        7,
        '"account.password_registraton_enabled" is not a MAS config key; did you mean "password_registration_enabled"?',
      ],
      [15, '"upstream_oauth2.providers[0].claim_imports" is not a MAS config key; did you mean "claims_imports"?'],
    ]);
  });

  it("validates against the schema with MAS formats", () => {
    const bad = checkMas(
      mas(`
      email:
        transport: smtpp
        from: "Matrix <noreply@example.org>"
    `),
    );
    expect(rules(bad)).toEqual(["mas/schema:error:7"]);
    expect(bad[0].message).toContain("must be one of");
    const good = checkMas(
      mas(`
      email:
        transport: smtp
        from: "Matrix <noreply@example.org>"
        hostname: smtp.example.org
    `),
    );
    expect(good).toEqual([]);
  });

  it("requires ULID provider ids", () => {
    expect(isUlid("01JA7Q2Z8M5X4C3B2N1V0W9E8R")).toBe(true);
    expect(isUlid("81JA7Q2Z8M5X4C3B2N1V0W9E8R")).toBe(false);
    expect(isUlid("01JA7Q2Z8M5X4C3B2N1V0W9E8I")).toBe(false);
    const fs = checkMas(mas(PROVIDER.replace("01JA7Q2Z8M5X4C3B2N1V0W9E8R", "authentik")));
    expect(rules(fs)).toEqual(["mas/provider-id-not-ulid:error:8"]);
    expect(fs[0].message).toContain("9 characters");
  });

  it("warns about the deprecated registration_token_required", () => {
    const fs = checkMas(
      mas(`
      account:
        registration_token_required: true
    `),
    );
    expect(rules(fs)).toEqual(["mas/deprecated-registration-token-required:warning:7"]);
    expect(checkMas(mas("account:\n  password_registration_token_required: true\n"))).toEqual([]);
  });

  it("reports open registration on a federating server", () => {
    const open = `
      account:
        password_registration_enabled: true
        password_registration_email_required: false
    `;
    expect(rules(checkMas(mas(open)))).toEqual(["mas/open-registration:error:7"]);
    const withToken = `${open.trimEnd()}\n        password_registration_token_required: true\n`;
    expect(checkMas(mas(withToken))).toEqual([]);
    const notFederating = mas(
      open,
      "synapse:\n  additional:\n    fed:\n      config: |\n        federation_domain_whitelist: []\n",
    );
    expect(checkMas(notFederating)).toEqual([]);
    const emailOnly = checkMas(mas("account:\n  password_registration_enabled: true\n"));
    expect(rules(emailOnly)).toEqual(["mas/open-registration:warning:7"]);
  });

  it("checks admin clients against clients[]", () => {
    const base = `
      clients:
        - client_id: 01M8AZC778RY3NX8MCBXYEGB3X
          client_auth_method: client_secret_basic
          client_secret_file: /secrets/admin
      policy:
        data:
          admin_clients:
            - 01M8AZC778RY3NX8MCBXYEGB3X
    `;
    expect(checkMas(mas(base))).toEqual([]);
    const fs = checkMas(mas(base.replace(/- 01M8AZC778RY3NX8MCBXYEGB3X\n(\s*)$/, "- 01M8AZC778RY3NX8MCBXYEGB3Y\n$1")));
    expect(rules(fs)).toEqual(["mas/admin-client-unknown:error:13"]);
  });

  it("applies MAS's own provider rules", () => {
    const noSecret = checkMas(mas(PROVIDER.replace("client_secret_file: /secrets/authentik", "brand_name: authentik")));
    expect(rules(noSecret)).toEqual(["mas/provider-client-auth:error:12"]);
    const noIssuer = checkMas(mas(PROVIDER.replace(/\n *issuer: .*/, "")));
    expect(rules(noIssuer)).toEqual(["mas/provider-issuer-missing:error:8"]);
    const skip2 = checkMas(
      mas(
        PROVIDER.replace(
          "localpart: {action: require",
          "skip_confirmation: true\n          localpart: {action: suggest",
        ),
      ),
    );
    expect(rules(skip2)).toEqual(["mas/claims-skip-confirmation:error:15"]);
  });

  it("reads config the same way when it came from a decrypted SOPS values Secret", () => {
    // The task decrypts the Secret in memory and hands the effective values over: nothing else to do here.
    const ctx = valuesFrom(
      "matrixAuthenticationService:\n  additional:\n    auth:\n      config: |\n        user_mapping_provider: {}\n",
      { file: "apps/matrix/ess-values.sops.yaml" },
    );
    const [f] = checkMas(ctx);
    expect([f.ruleId, f.file, f.line]).toEqual(["mas/unknown-key", "apps/matrix/ess-values.sops.yaml", 5]);
  });

  it("reports broken YAML and skips a disabled MAS", () => {
    expect(rules(checkMas(mas("a: [1\n")))).toEqual(["mas/config-not-yaml:error:7"]);
    const off = valuesFrom(
      "matrixAuthenticationService:\n  enabled: false\n  additional:\n    a:\n      config: 'x: 1'\n",
    );
    expect(checkMas(off)).toEqual([]);
  });

  it("requires ULID client ids, unique provider ids, and warns on forward_login_hint", () => {
    const fs = checkMas(
      mas(`
      clients:
        - client_id: mxops-admin
          client_auth_method: client_secret_basic
          client_secret_file: /s
      upstream_oauth2:
        providers:
          - id: 01JA7Q2Z8M5X4C3B2N1V0W9E8R
            issuer: https://a.example.org/
            client_id: a
            token_endpoint_auth_method: none
            forward_login_hint: true
          - id: 01JA7Q2Z8M5X4C3B2N1V0W9E8R
            issuer: https://b.example.org/
            client_id: b
            token_endpoint_auth_method: none
    `),
    );
    expect(rules(fs)).toEqual([
      "mas/client-id-not-ulid:error:7",
      "mas/deprecated-key:warning:16",
      "mas/duplicate-provider-id:error:17",
    ]);
  });

  it("judges registration-token keys by the MAS version the pinned chart ships", () => {
    const legacy = "account:\n  registration_token_required: true\n";
    const split = "account:\n  password_registration_token_required: true\n";
    // ESS 26.4.0 ships MAS 1.15: the old key is the right one, the new one is ignored.
    expect(checkMas(valuesFrom(masText(legacy), { chartVersion: "26.4.0" }))).toEqual([]);
    const fs = checkMas(valuesFrom(masText(split), { chartVersion: "26.4.0" }));
    expect(rules(fs)).toEqual(["mas/key-needs-newer-mas:error:7"]);
    expect(fs[0].message).toContain("ships MAS 1.15.0");
    // ESS 26.8.1 ships MAS 1.23: the old key is deprecated, the new one is fine.
    expect(rules(checkMas(valuesFrom(masText(legacy), { chartVersion: "26.8.1" })))).toEqual([
      "mas/deprecated-registration-token-required:warning:7",
    ]);
    expect(checkMas(valuesFrom(masText(split), { chartVersion: "26.8.1" }))).toEqual([]);
  });

  it("warns about sections the chart writes after the additional configs", () => {
    const text = `
      http:
        public_base: https://auth.example.org/
        listeners:
          - name: web
            resources: [{name: human}]
            binds: [{port: 8080}]
      matrix:
        homeserver: example.org
    `;
    expect(rules(checkMas(mas(text)))).toEqual([
      "mas/set-by-chart:warning:7",
      "mas/set-by-chart:warning:8",
      "mas/set-by-chart:warning:13",
    ]);
    // Without Synapse in the chart, the operator must write the matrix section.
    const ctx = mas("matrix:\n  homeserver: example.org\n", "synapse:\n  enabled: false\n");
    expect(checkMas(ctx)).toEqual([]);
  });

  it("warns about keys beside config in an additional entry", () => {
    const fs = checkMas(
      valuesFrom(
        "matrixAuthenticationService:\n  additional:\n    a:\n      config: 'account: {}'\n      enabled: true\n",
      ),
    );
    expect(rules(fs)).toEqual(["mas/unknown-entry-key:warning:5"]);
  });

  it("merges entries as ESS does and points into the entry that wrote a list item", () => {
    const text = dedent(`
      matrixAuthenticationService:
        additional:
          a-clients:
            config: |
              clients:
                - client_id: 01M8AZC778RY3NX8MCBXYEGB3X
                  client_auth_method: none
              upstream_oauth2:
                providers:
                  - id: 01JA7Q2Z8M5X4C3B2N1V0W9E8S
                    issuer: https://sso.example.org/
                    client_id: first
                    token_endpoint_auth_method: none
          b-more:
            config: |
              clients:
                - client_id: 01M8AZC778RY3NX8MCBXYEGB3Y
                  client_auth_method: none
              policy:
                data:
                  admin_clients: [01M8AZC778RY3NX8MCBXYEGB3X, 01M8AZC778RY3NX8MCBXYEGB3Z]
              upstream_oauth2:
                providers:
                  - id: 01JA7Q2Z8M5X4C3B2N1V0W9E8R
                    client_id: a
                    token_endpoint_auth_method: none
    `);
    const fs = checkMas(valuesFrom(text));
    expect(fs.map((f) => [f.ruleId, f.line, f.keyPath])).toEqual([
      [
        "mas/provider-issuer-missing",
        24,
        "matrixAuthenticationService.additional.b-more.config#upstream_oauth2.providers[0]",
      ],
      [
        "mas/admin-client-unknown",
        21,
        "matrixAuthenticationService.additional.b-more.config#policy.data.admin_clients[1]",
      ],
    ]);
  });

  it("warns about a plain-http issuer under strict discovery", () => {
    const fs = checkMas(mas(PROVIDER.replace("https://sso.example.org", "http://sso.example.org")));
    expect(rules(fs)).toEqual(["mas/provider-issuer-insecure:warning:9"]);
    expect(
      checkMas(
        mas(
          PROVIDER.replace("https://sso.example.org", "http://sso.example.org").replace(
            "scope:",
            "discovery_mode: insecure\n        scope:",
          ),
        ),
      ),
    ).toEqual([]);
  });
});

// Derives the component facts mxops ships (MAS config schema, Synapse and Element Web key lists) from the
// reference copies of the upstream documents (a folder laid out as specs/<component>/…). Synapse and MAS are
// AGPL: we ship derived facts (types, property names, enums, key names) with a `source` naming the upstream
// repo/path/version, never their prose. The MAS Admin API subset the test fake validates against is derived
// the same way into test/fixtures/specs/mas/.
//
// Run from the project root: `node src/build/derive-components.mjs SPECS_DIR` (or `npm run derive -- SPECS_DIR`).
// Output is deterministic.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const specs = process.argv[2];
if (!specs) {
  console.error("usage: node src/build/derive-components.mjs SPECS_DIR  (a folder with mas/, synapse/, element-web/)");
  process.exit(2);
}
const out = path.resolve("src", "data");

function write(rel, value) {
  const file = path.join(out, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 1) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

function lines(file) {
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

// ---------- MAS ----------
// Keep only what validation needs; drop human text (description, title, examples) and defaults.
const DROP = new Set(["description", "title", "examples", "default"]);
function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === "object") {
    const outNode = {};
    for (const key of Object.keys(node)) {
      // Property names are handled by stripProps, so a config key called "default" is never dropped.
      if (DROP.has(key)) continue;
      outNode[key] = key === "properties" ? stripProps(node[key]) : strip(node[key]);
    }
    return outNode;
  }
  return node;
}
function stripProps(props) {
  const res = {};
  for (const name of Object.keys(props)) res[name] = strip(props[name]);
  return res;
}

const masSchemaText = readFileSync(path.join(specs, "mas", "config.schema.json"), "utf8");
const masSchema = JSON.parse(masSchemaText);
const masFacts = readFileSync(path.join(specs, "mas", "FACTS.md"), "utf8");
const masTag = /`(v\d+\.\d+\.\d+)` \(`([0-9a-f]{40})`/.exec(masFacts);
const derived = strip(masSchema);
write("mas/config-schema.json", {
  source: {
    repo: "github.com/element-hq/matrix-authentication-service",
    path: "docs/config.schema.json",
    version: masTag ? masTag[1] : "unknown",
    commit: masTag ? masTag[2] : undefined,
    derivation: "descriptions, titles, examples and defaults removed; types, properties, enums, required, formats kept",
  },
  schema: derived,
});

// The Admin API document the MAS test fake validates against: paths, operations, parameters and schemas,
// without summaries, descriptions, titles or examples.
const OPENAPI_DROP = new Set(["description", "summary", "title", "examples", "example", "externalDocs"]);
function stripApi(node, inNameMap) {
  if (Array.isArray(node)) return node.map((n) => stripApi(n, false));
  if (node && typeof node === "object") {
    const outNode = {};
    for (const key of Object.keys(node)) {
      // Keys of name maps (properties, paths, responses, schemas) are names, never prose to drop.
      if (!inNameMap && OPENAPI_DROP.has(key)) continue;
      outNode[key] = stripApi(node[key], NAME_MAPS.has(key) && !inNameMap);
    }
    return outNode;
  }
  return node;
}
const NAME_MAPS = new Set(["properties", "paths", "responses", "schemas", "parameters", "securitySchemes", "content"]);
const adminApi = JSON.parse(readFileSync(path.join(specs, "mas", "admin-api.openapi.json"), "utf8"));
const adminDerived = stripApi(adminApi, false);
delete adminDerived.tags;
adminDerived["x-mxops-source"] = {
  repo: "github.com/element-hq/matrix-authentication-service",
  path: "docs/api/spec.json",
  version: masTag ? masTag[1] : "unknown",
  commit: masTag ? masTag[2] : undefined,
  derivation: "summaries, descriptions, titles, examples and tag texts removed; paths, operations, schemas kept",
};
{
  const file = path.resolve("test", "fixtures", "specs", "mas", "admin-api.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(adminDerived, null, 1) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

// Facts about MAS keys the schema keeps but MAS deprecates (from MAS FACTS, section 6).
write("mas/deprecations.json", {
  source: {
    repo: "github.com/element-hq/matrix-authentication-service",
    path: "crates/config/src/sections/account.rs",
    version: masTag ? masTag[1] : "unknown",
  },
  deprecated: [
    {
      path: ["account", "registration_token_required"],
      since: "1.19.0",
      replacement:
        "account.password_registration_token_required and upstream_oauth2.providers[].registration_token_required",
      note: "still honoured and OR-ed into both password and upstream-provider sign-up",
    },
    {
      path: ["upstream_oauth2", "providers", "*", "forward_login_hint"],
      since: "unknown",
      replacement: 'additional_authorization_parameters.login_hint: "{{ params.login_hint }}"',
      note: "still honoured: MAS injects the login_hint template when the flag is set",
    },
  ],
});

// ---------- Synapse ----------
const synFacts = readFileSync(path.join(specs, "synapse", "FACTS.md"), "utf8");
const synKeys = lines(path.join(specs, "synapse", "config-keys.txt"));
const legacyMatch = /rather than an error\):\s*([\s\S]*?)\n\s*\(Found by/.exec(synFacts);
if (!legacyMatch) throw new Error("synapse FACTS.md: legacy key list not found");
const legacy = legacyMatch[1]
  .split(",")
  .map((s) => s.trim().replace(/\.$/, ""))
  .filter(Boolean);
const synTag = /tag `(v\d+\.\d+\.\d+)` \(commit `([0-9a-f]{40})`/.exec(synFacts);
write("synapse/config-keys.json", {
  source: {
    repo: "github.com/element-hq/synapse",
    path: "schema/synapse-config.schema.yaml (top-level properties) + experimental_features; legacy keys from synapse/config/*.py",
    version: synTag ? synTag[1] : "unknown",
    commit: synTag ? synTag[2] : undefined,
  },
  keys: [...new Set(synKeys)].sort(),
  legacy: [...new Set(legacy)].sort(),
  // experimental_features flags that were removed or replaced; Synapse ignores (or, for msc3861, rejects) them.
  removedExperimental: {
    msc3266_enabled: { removedIn: "1.153.0", note: "MSC3266 (room summary) was stabilised; the flag is ignored" },
    msc3861: {
      removedIn: "1.157.0",
      deprecatedIn: "1.136.0",
      note: "replaced by the top-level matrix_authentication_service section; a non-empty value stops Synapse >= 1.157 from starting",
    },
  },
});

// ---------- Element Web ----------
const ewFacts = readFileSync(path.join(specs, "element-web", "FACTS.md"), "utf8");
const ewKeys = [...new Set(lines(path.join(specs, "element-web", "config-keys.txt")))].sort();
const ewVersion = /app version is `([0-9.]+)`/.exec(ewFacts);
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const legacyEw = {};
for (const k of ewKeys) {
  const c = camel(k);
  if (c !== k) legacyEw[c] = k;
}
// Old names from the Riot-era docs that map to current keys or are gone.
Object.assign(legacyEw, {
  piwik: null,
  roomDirectory: "room_directory",
  embeddedPages: "embedded_pages",
  showLabsSettings: "show_labs_settings",
  sso_immediate_redirect: "sso_redirect_options",
});
write("element-web/config-keys.json", {
  source: {
    repo: "github.com/element-hq/element-web",
    path: "apps/web/src/IConfigOptions.ts (IConfigOptions) + WebConfigJson",
    version: ewVersion ? ewVersion[1] : "unknown",
    commit: "1cb2254d4d726e24e0048f255a8db333199b58f4",
  },
  keys: ewKeys,
  // legacy name -> current key (null: removed without a replacement)
  legacy: Object.fromEntries(Object.entries(legacyEw).sort(([a], [b]) => (a < b ? -1 : 1))),
  // Keys of closed nested objects (from the IConfigOptions/WebConfigJson interfaces listed in FACTS.md);
  // free maps (setting_defaults, features, oidc_static_clients, desktop_builds) are not listed.
  nested: {
    branding: ["auth_footer_links", "auth_header_logo_url", "logo_link_url", "welcome_background_url"],
    element_call: ["brand", "disable", "guest_spa_url", "participant_limit", "use_exclusively"],
    embedded_pages: ["home_url", "login_for_welcome", "welcome_url"],
    feedback: ["existing_issues_url", "new_issue_url"],
    jitsi: ["preferred_domain"],
    mobile_builds: ["android", "fdroid", "ios"],
    oidc_metadata: ["client_uri", "contacts", "logo_uri", "policy_uri", "tos_uri"],
    posthog: ["api_host", "project_api_key"],
    report_event: ["admin_message_md"],
    room_directory: ["servers"],
    sentry: ["dsn", "environment"],
    sso_redirect_options: ["immediate", "on_login_page", "on_welcome_page"],
    user_notice: ["description", "show_once", "title"],
    voip: ["obey_asserted_identity"],
  },
  // set by the app itself or only meaningful for Element Desktop
  forbidden: { validated_server_config: "set by Element Web at startup", web_base_url: "Element Desktop only" },
});

// ---------- ESS chart → component image versions (optional: needs an ess-helm checkout with tags) ----------
// `ESS_HELM_DIR=/path/to/ess-helm node src/build/derive-components.mjs`; without it the shipped file is kept.
const essHelm = process.env.ESS_HELM_DIR;
if (essHelm) {
  const { execFileSync } = await import("node:child_process");
  const git = (...args) => execFileSync("git", ["-C", essHelm, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  const tags = git("tag")
    .split("\n")
    .filter((t) => /^\d+\.\d+\.\d+$/.test(t))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const tagOf = (values, repo) => {
    const lines = values.split("\n");
    const i = lines.findIndex((l) => new RegExp(`^\\s+repository: (element-hq/)?${repo}$`).test(l));
    if (i < 0) return undefined;
    for (const l of lines.slice(i, i + 8)) {
      const m = /^\s+tag:\s*"?v?([0-9]+\.[0-9]+\.[0-9]+)/.exec(l);
      if (m) return m[1];
    }
    return undefined;
  };
  const charts = {};
  for (const t of tags) {
    let values;
    try {
      values = git("show", `${t}:charts/matrix-stack/values.yaml`);
    } catch {
      continue;
    }
    const synapse = tagOf(values, "synapse");
    const mas = tagOf(values, "matrix-authentication-service");
    if (synapse || mas) charts[t] = { ...(synapse ? { synapse } : {}), ...(mas ? { mas } : {}) };
  }
  write("synapse/ess-chart-images.json", {
    source: {
      repo: "github.com/element-hq/ess-helm",
      path: "charts/matrix-stack/values.yaml (image tags of synapse and matrix-authentication-service at each release tag)",
      version: tags[tags.length - 1],
    },
    charts,
  });
}

import { type BackendName, type Lang } from "./types.js";
/**
 * Non-secret settings from `mxops.yaml` (section `invite:`), merged with flags. Secrets never live here:
 * they come from the environment (see `InviteSecrets`).
 */
export interface InviteConfig {
    backend: BackendName;
    mas?: {
        /** Base URL of MAS (the Admin API is served under /api/admin/v1). */
        url: string;
        /** OIDC issuer for discovery; defaults to `url`. */
        issuer: string;
        clientId: string;
        clientAuthMethod: "client_secret_basic" | "client_secret_post";
        /** Where recipients register; default `<url>/register`. */
        registrationUrl: string;
    };
    authentik?: {
        url: string;
        flowSlug: string;
    };
    smtp?: {
        host: string;
        port: number;
        secure: "tls" | "starttls" | "none";
        user?: string;
        name?: string;
    };
    mail: {
        from?: string;
        replyTo?: string;
        subject?: Partial<Record<Lang, string>>;
        templatesDir?: string;
        siteName?: string;
    };
    /** Link template (MAS); `{token}` is replaced by the URL-encoded token. */
    linkTemplate?: string;
    auditLog: string;
    /** Default expiry as a duration (e.g. `7d`). */
    expires: string;
    lang: Lang;
    caFile?: string;
    synapse?: {
        url: string;
        rooms: string[];
    };
    /** GitOps repo for the preflight MAS config check. */
    gitopsRepo?: string;
    /** Keys in the `invite:` section mxops does not know (typos), as `invite.smtp.hots`. */
    unknownKeys?: string[];
}
/** Secrets, read at the edge from env or *_FILE and registered with the redactor before use. */
export interface InviteSecrets {
    masClientSecret?: string;
    authentikToken?: string;
    smtpPassword?: string;
    synapseAdminToken?: string;
}
/** Environment variables for secrets (each also accepts `<NAME>_FILE` pointing at a file). */
export declare const SECRET_ENV: {
    readonly masClientSecret: "MXOPS_MAS_CLIENT_SECRET";
    readonly authentikToken: "AUTHENTIK_TOKEN";
    readonly smtpPassword: "MXOPS_SMTP_PASSWORD";
    readonly synapseAdminToken: "MXOPS_SYNAPSE_ADMIN_TOKEN";
};
type Raw = Record<string, unknown>;
/**
 * Check a service URL: https always, plain http only for loopback hosts (tests, port-forwards). Throws MXOPS_CONFIG.
 */
export declare function checkServiceUrl(value: string, what: string): string;
/** Read `mxops.yaml` (or `file`); a missing default file yields an empty config, a missing explicit file throws. */
export declare function readConfigFile(cwd: string, file: string | undefined): Promise<{
    raw: Raw;
    dir: string;
}>;
/** Build the typed config from the `invite:` mapping; relative paths resolve against the config file's directory. */
export declare function parseConfig(raw: Raw, dir: string): InviteConfig;
/** Read one secret from `NAME` or the file named by `NAME_FILE` (trailing newline trimmed). Throws MXOPS_INPUT. */
export declare function readSecret(env: Readonly<Record<string, string | undefined>>, name: string, cwd: string): Promise<string | undefined>;
/** Longest expiry an invite may get: 3650 days (about ten years); beyond it is a typo, not a plan. */
export declare const MAX_EXPIRY_DAYS = 3650;
/**
 * Parse `7d`, `36h`, `90m`, `2w` (or ISO date-time) into an absolute expiry, at most {@link MAX_EXPIRY_DAYS}
 * ahead. Throws MXOPS_USAGE (never a RangeError from an impossible date).
 */
export declare function parseExpiry(value: string, now: Date): Date;
export {};

import type { PathSeg } from "../../../../core/yaml.js";
import { type ShippedVersions } from "../util/versions.js";
/** A MAS problem found on the merged config, before it is positioned. */
export interface MasIssue {
    ruleId: string;
    severity: "error" | "warning" | "info";
    path: PathSeg[];
    message: string;
    hint?: string;
}
/** True for a canonical ULID: 26 Crockford base32 characters, first one 0-7 (128 bits). */
export declare function isUlid(s: unknown): boolean;
/** ULID checks for `upstream_oauth2.providers[].id` and `clients[].client_id` of one config. */
export declare function ulidIssues(cfg: Record<string, unknown>): MasIssue[];
/**
 * Deprecated keys that MAS still reads (warnings), judged by the MAS version the chart ships when known:
 * before 1.19 `account.registration_token_required` is the only token switch, and the newer per-flow
 * switches do not exist, so MAS ignores them and sign-up is not gated at all (error).
 */
export declare function deprecationIssues(cfg: Record<string, unknown>, shipped?: ShippedVersions, chart?: string): MasIssue[];
/** What MAS checks on upstream providers beyond the schema (crates/config/src/sections/upstream_oauth2.rs). */
export declare function providerIssues(cfg: Record<string, unknown>): MasIssue[];
/** Every `policy.data.admin_clients` id must be a static client in `clients[]`. */
export declare function adminClientIssues(cfg: Record<string, unknown>): MasIssue[];
/**
 * Open self-service registration: password sign-up on, no registration token, no email verification,
 * on a homeserver that federates. Anyone can create accounts that spam other servers.
 */
export declare function registrationIssues(cfg: Record<string, unknown>, federating: boolean): MasIssue[];

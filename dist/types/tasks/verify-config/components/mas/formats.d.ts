/**
 * Format checks that follow how MAS itself parses each value (Rust `url::Url`, lettre `Mailbox`,
 * `std::net::IpAddr`, its `Hostname` type), instead of a generic validator's stricter defaults.
 * Integer formats (uint16, …) only carry bounds, which the schema also states with minimum/maximum.
 */
/** An absolute URL with a scheme, as `url::Url::parse` accepts. */
export declare function isMasUrl(s: string): boolean;
/**
 * A mailbox as lettre parses it: `user@example.org`, `Name <user@example.org>` or
 * `"Quoted, Name" <user@example.org>`.
 */
export declare function isMailbox(s: string): boolean;
/** A DNS name (labels of letters, digits, hyphens; optional trailing dot) or an IP literal. */
export declare function isHostname(s: string): boolean;
/** Format name → validator, registered with ajv for the MAS schema. */
export declare const MAS_FORMATS: Record<string, {
    type: "string" | "number";
    validate: (v: never) => boolean;
}>;

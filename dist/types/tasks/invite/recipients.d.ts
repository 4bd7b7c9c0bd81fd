/** Invite lists beyond this are refused (a mistake, or hostile input), not read into memory. */
export declare const MAX_LIST_BYTES: number;
import { type Recipient } from "./types.js";
/** A recipient from a list file, with its 1-based line, or the reason the row is unusable. */
export interface ListRow {
    line: number;
    recipient?: Recipient;
    error?: string;
}
/** Validate an address; returns an error string or undefined. */
export declare function emailProblem(email: string): string | undefined;
/** Trim and drop control characters (no line breaks may reach a mail header or the audit line). */
export declare function cleanField(v: unknown): string;
/**
 * Read an invite list: CSV (header with `email`, optional `name`, `lang`, `username`; `,` or `;`) or YAML
 * (a list of mappings or of plain addresses, or `{invites: [...]}`). Bad rows are returned with an error, not thrown;
 * an unreadable or unparsable file throws MXOPS_INPUT.
 */
export declare function readInviteList(file: string, cwd: string): Promise<ListRow[]>;
/** Parse an invite list already in memory (`file` decides the format and names errors). Same contract as readInviteList. */
export declare function parseInviteList(file: string, text: string): ListRow[];

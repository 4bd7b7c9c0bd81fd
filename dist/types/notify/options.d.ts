import type { MatrixTarget, NotifyContext } from "./matrix.js";
/** Notification flags taken off a CLI argv before the task parses it. */
export interface NotifyFlags {
    enabled: boolean;
    homeserver?: string;
    room?: string;
}
/**
 * Split `--notify-matrix`, `--matrix-homeserver URL` and `--matrix-room ROOM` (also `=VALUE`) off argv,
 * stopping at `--`. Throws MXOPS_USAGE when a value is missing. The token is never a flag.
 */
export declare function extractNotifyArgs(argv: readonly string[]): {
    rest: string[];
    flags: NotifyFlags;
};
/**
 * The Matrix target for the CLI: `--notify-matrix` with homeserver/room from flags or
 * MXOPS_MATRIX_HOMESERVER/MXOPS_MATRIX_ROOM, token from MXOPS_MATRIX_TOKEN. Undefined when not asked for;
 * MXOPS_USAGE when asked for but incomplete.
 */
export declare function cliNotifyTarget(flags: NotifyFlags, env: Readonly<Record<string, string | undefined>>): MatrixTarget | undefined;
/** What the run was about, from the workflow environment (all optional). */
export declare function notifyContext(env: Readonly<Record<string, string | undefined>>): NotifyContext;

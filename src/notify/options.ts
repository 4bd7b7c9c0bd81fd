import { usageError } from "../core/errors.js";
import type { MatrixTarget, NotifyContext } from "./matrix.js";

/** Notification flags taken off a CLI argv before the task parses it. */
export interface NotifyFlags {
  enabled: boolean;
  homeserver?: string;
  room?: string;
}

const VALUED = ["--matrix-homeserver", "--matrix-room"] as const;

/**
 * Split `--notify-matrix`, `--matrix-homeserver URL` and `--matrix-room ROOM` (also `=VALUE`) off argv,
 * stopping at `--`. Throws MXOPS_USAGE when a value is missing. The token is never a flag.
 */
export function extractNotifyArgs(argv: readonly string[]): { rest: string[]; flags: NotifyFlags } {
  const rest: string[] = [];
  const flags: NotifyFlags = { enabled: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === "--notify-matrix") {
      flags.enabled = true;
      continue;
    }
    const name = VALUED.find((v) => a === v || a.startsWith(`${v}=`));
    if (!name) {
      rest.push(a);
      continue;
    }
    let value: string | undefined;
    if (a.length > name.length) value = a.slice(name.length + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === "" || value.startsWith("--")) throw usageError(`${name} needs a value`);
    if (name === "--matrix-homeserver") flags.homeserver = value;
    else flags.room = value;
  }
  return { rest, flags };
}

/**
 * The Matrix target for the CLI: `--notify-matrix` with homeserver/room from flags or
 * MXOPS_MATRIX_HOMESERVER/MXOPS_MATRIX_ROOM, token from MXOPS_MATRIX_TOKEN. Undefined when not asked for;
 * MXOPS_USAGE when asked for but incomplete.
 */
export function cliNotifyTarget(
  flags: NotifyFlags,
  env: Readonly<Record<string, string | undefined>>,
): MatrixTarget | undefined {
  if (!flags.enabled) return undefined;
  const homeserver = flags.homeserver ?? env.MXOPS_MATRIX_HOMESERVER;
  const room = flags.room ?? env.MXOPS_MATRIX_ROOM;
  const token = env.MXOPS_MATRIX_TOKEN;
  if (!homeserver || !room)
    throw usageError(
      "--notify-matrix needs --matrix-homeserver and --matrix-room (or MXOPS_MATRIX_HOMESERVER / MXOPS_MATRIX_ROOM)",
    );
  if (!token) throw usageError("--notify-matrix needs the access token in MXOPS_MATRIX_TOKEN");
  return { homeserver, room, token };
}

/** What the run was about, from the workflow environment (all optional). */
export function notifyContext(env: Readonly<Record<string, string | undefined>>): NotifyContext {
  const ctx: NotifyContext = {};
  if (env.GITHUB_REPOSITORY) ctx.repo = env.GITHUB_REPOSITORY;
  const ref = env.GITHUB_REF?.startsWith("refs/tags/") ? env.GITHUB_REF.slice("refs/tags/".length) : env.GITHUB_SHA;
  if (ref) ctx.ref = ref;
  // Gitea addresses its run pages by the per-repository run index (run_number), GitHub by run id.
  const run = env.GITEA_ACTIONS === "true" ? env.GITHUB_RUN_NUMBER : env.GITHUB_RUN_ID;
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && run) {
    ctx.runUrl = `${env.GITHUB_SERVER_URL.replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}/actions/runs/${run}`;
  }
  return ctx;
}

// A real Synapse homeserver (matrix-synapse from the test venv, pinned in test/requirements.txt) for the tests
// that talk to Synapse: one process per test file on 127.0.0.1 (port chosen by the OS), SQLite in a temp dir,
// registration by shared secret. Start it in beforeAll with SYNAPSE_HOOK_TIMEOUT_MS and stop it in afterAll:
// stop() also runs when start failed half-way, and removes the temp dir.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import YAML from "yaml";
import { venvPython } from "./tools.js";

/** Deadline for Synapse to answer /_matrix/client/versions (imports alone take ~3 s of CPU; 2 shared cores). */
export const SYNAPSE_READY_DEADLINE_MS = 150_000;
/** Hook timeout for the beforeAll that starts Synapse (above the deadline, so the helper's message wins). */
export const SYNAPSE_HOOK_TIMEOUT_MS = SYNAPSE_READY_DEADLINE_MS + 30_000;

/** A rate limit as Synapse's `rc_*` settings take it. */
export interface RateLimit {
  per_second: number;
  burst_count: number;
}

export interface SynapseOptions {
  /** `server_name`; user ids and aliases end in it. Default example.org. */
  serverName?: string;
  /** `public_baseurl` (turns on the client well-known). Default https://matrix.<serverName>/. */
  publicBaseUrl?: string;
  /** `extra_well_known_client_content` (e.g. org.matrix.msc4143.rtc_foci). */
  extraWellKnownClient?: Record<string, unknown>;
  /** Synapse's own `rc_message`; every other limit is relaxed. Default: relaxed too. */
  rcMessage?: RateLimit;
}

export interface MatrixUser {
  userId: string;
  accessToken: string;
}

/** A room event as the client API returns it (the fields the tests read). */
export interface RoomEvent {
  event_id: string;
  type: string;
  sender: string;
  room_id: string;
  content: Record<string, unknown>;
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

// Runs Synapse's homeserver module, and SIGTERMs it when stdin closes: the pipe from this process closes when
// the test worker dies without calling stop() (a crash, a killed worker), so no Synapse outlives its test file.
const LAUNCHER = [
  "import os, runpy, signal, sys, threading",
  "def watch():",
  // os.read on the raw fd: a daemon thread blocked in a buffered stdin read aborts interpreter shutdown.
  "    while os.read(0, 4096): pass",
  "    os.kill(os.getpid(), signal.SIGTERM)",
  "threading.Thread(target=watch, daemon=True).start()",
  'sys.argv = ["synapse.app.homeserver", "-c", sys.argv[1]]',
  'runpy.run_module("synapse.app.homeserver", run_name="__main__", alter_sys=True)',
].join("\n");

const RELAXED: RateLimit = { per_second: 10_000, burst_count: 10_000 };

function signingKey(): string {
  // Synapse's key file: "<alg> <version> <unpadded base64 seed>".
  const jwk = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  const seed = Buffer.from(String(jwk.d), "base64url").toString("base64").replace(/=+$/, "");
  return `ed25519 a_test ${seed}\n`;
}

/** A running Synapse. */
export class Synapse {
  /** Base URL of the plain-http listener (client, federation and key resources), e.g. http://127.0.0.1:41234. */
  url = "";
  /** Wall-clock ms from spawn to the first 200 from /_matrix/client/versions. */
  startupMs = 0;
  /** A server admin registered at start. */
  admin: MatrixUser = { userId: "", accessToken: "" };
  readonly serverName: string;
  readonly publicBaseUrl: string;
  /** The temp dir holding config, signing key, SQLite database, media and log; removed by stop(). */
  readonly dir: string;
  private readonly sharedSecret = randomBytes(24).toString("hex");
  private proc?: ChildProcess;
  private exited?: Promise<void>;
  private readonly onExit = () => this.proc?.kill("SIGKILL");

  constructor(private readonly options: SynapseOptions = {}) {
    this.serverName = options.serverName ?? "example.org";
    this.publicBaseUrl = options.publicBaseUrl ?? `https://matrix.${this.serverName}/`;
    this.dir = mkdtempSync(path.join(os.tmpdir(), "mxops-synapse-"));
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  private config(): Record<string, unknown> {
    const relaxed = RELAXED;
    return {
      server_name: this.serverName,
      public_baseurl: this.publicBaseUrl,
      serve_server_wellknown: true,
      pid_file: this.file("homeserver.pid"),
      listeners: [
        {
          port: 0,
          bind_addresses: ["127.0.0.1"],
          type: "http",
          tls: false,
          x_forwarded: true,
          resources: [{ names: ["client", "federation", "keys"], compress: false }],
        },
      ],
      database: { name: "sqlite3", args: { database: this.file("homeserver.db") } },
      log_config: this.file("log.yaml"),
      media_store_path: this.file("media"),
      signing_key_path: this.file("signing.key"),
      registration_shared_secret: this.sharedSecret,
      macaroon_secret_key: randomBytes(24).toString("hex"),
      form_secret: randomBytes(24).toString("hex"),
      report_stats: false,
      enable_metrics: false,
      // Nothing leaves 127.0.0.1: no notary servers, no URL previews, no federation partners.
      trusted_key_servers: [],
      suppress_key_server_warning: true,
      url_preview_enabled: false,
      extra_well_known_client_content: this.options.extraWellKnownClient ?? {},
      rc_message: this.options.rcMessage ?? relaxed,
      rc_registration: relaxed,
      rc_login: { address: relaxed, account: relaxed, failed_attempts: relaxed },
      rc_joins: { local: relaxed, remote: relaxed },
      rc_joins_per_room: relaxed,
      rc_invites: { per_room: relaxed, per_user: relaxed, per_issuer: relaxed },
      rc_room_creation: relaxed,
      rc_admin_redaction: relaxed,
    };
  }

  private logConfig(): Record<string, unknown> {
    return {
      version: 1,
      formatters: { precise: { format: "%(asctime)s %(name)s %(levelname)s %(message)s" } },
      handlers: { file: { class: "logging.FileHandler", formatter: "precise", filename: this.file("homeserver.log") } },
      // The listener's port and the access log at INFO; the rest only when it matters.
      loggers: { "synapse.app": { level: "INFO" }, "synapse.access": { level: "INFO" } },
      root: { level: "WARNING", handlers: ["file"] },
      disable_existing_loggers: false,
    };
  }

  /** The last lines of Synapse's log and its stdout/stderr, for failure messages. */
  logTail(lines = 40): string {
    const read = (f: string) => (existsSync(this.file(f)) ? readFileSync(this.file(f), "utf8") : "");
    return `${read("homeserver.log")}${read("console.log")}`.trimEnd().split("\n").slice(-lines).join("\n");
  }

  /** Write the config, spawn Synapse, wait until it answers, register the admin. Throws with the log tail. */
  async start(): Promise<this> {
    const python = venvPython();
    writeFileSync(this.file("homeserver.yaml"), YAML.stringify(this.config()));
    writeFileSync(this.file("log.yaml"), YAML.stringify(this.logConfig()));
    writeFileSync(this.file("signing.key"), signingKey(), { mode: 0o600 });
    const begun = Date.now();
    const out = openSync(this.file("console.log"), "a");
    try {
      this.proc = spawn(python, ["-c", LAUNCHER, this.file("homeserver.yaml")], {
        cwd: this.dir,
        stdio: ["pipe", out, out],
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
      });
    } finally {
      closeSync(out);
    }
    const proc = this.proc;
    let exitCode: number | null | undefined;
    this.exited = new Promise((resolve) => {
      proc.once("exit", (code, signal) => {
        exitCode = code ?? (signal ? -1 : null);
        resolve();
      });
      proc.once("error", () => {
        exitCode = -1;
        resolve();
      });
    });
    process.once("exit", this.onExit);
    const deadline = begun + SYNAPSE_READY_DEADLINE_MS;
    const fail = (why: string) =>
      new Error(`Synapse did not come up: ${why}\n--- Synapse log (last lines) ---\n${this.logTail()}`);
    for (;;) {
      if (exitCode !== undefined) throw fail(`the process exited (${String(exitCode)})`);
      if (Date.now() > deadline) throw fail(`no answer within ${SYNAPSE_READY_DEADLINE_MS} ms`);
      if (!this.url) {
        const m = /Synapse now listening on TCP port (\d+)/.exec(this.logTail(1_000));
        if (m) this.url = `http://127.0.0.1:${m[1]}`;
      }
      if (this.url) {
        try {
          const res = await fetch(`${this.url}/_matrix/client/versions`, { signal: AbortSignal.timeout(5_000) });
          if (res.ok) break;
        } catch {
          // not listening yet
        }
      }
      await delay(100);
    }
    this.startupMs = Date.now() - begun;
    this.admin = await this.register("mxops-admin", { admin: true });
    return this;
  }

  /** Register a user through the shared-secret admin API (HMAC-SHA1 over nonce, name, password, admin flag). */
  async register(localpart: string, o: { admin?: boolean } = {}): Promise<MatrixUser> {
    const nonce = (await this.request<{ nonce: string }>("GET", "/_synapse/admin/v1/register")).body.nonce;
    const password = randomBytes(12).toString("hex");
    const mac = createHmac("sha1", this.sharedSecret)
      .update([nonce, localpart, password, o.admin ? "admin" : "notadmin"].join("\0"))
      .digest("hex");
    const res = await this.request<{ user_id: string; access_token: string }>("POST", "/_synapse/admin/v1/register", {
      body: { nonce, username: localpart, password, admin: o.admin === true, mac },
    });
    if (res.status !== 200)
      throw new Error(`registering ${localpart} failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return { userId: res.body.user_id, accessToken: res.body.access_token };
  }

  /** A JSON request to Synapse's listener; `token` as the bearer. Never throws on HTTP errors. */
  async request<T = Record<string, unknown>>(
    method: string,
    urlPath: string,
    o: { token?: string; body?: unknown } = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.url}${urlPath}`, {
      method,
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { raw: text };
    }
    return { status: res.status, headers: res.headers, body: body as T };
  }

  /** Create a room as `owner`; `alias` is the local part of #alias:server. Returns the room id. */
  async createRoom(
    owner: MatrixUser,
    o: { alias?: string; space?: boolean; public?: boolean; name?: string } = {},
  ): Promise<string> {
    const res = await this.request<{ room_id: string }>("POST", "/_matrix/client/v3/createRoom", {
      token: owner.accessToken,
      body: {
        preset: o.public ? "public_chat" : "private_chat",
        ...(o.alias ? { room_alias_name: o.alias } : {}),
        ...(o.name ? { name: o.name } : {}),
        ...(o.space ? { creation_content: { type: "m.space" } } : {}),
      },
    });
    if (res.status !== 200) throw new Error(`createRoom failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.room_id;
  }

  /** Join a local user to a room (id or alias) through the Admin API, as the server admin. */
  async join(user: MatrixUser, room: string): Promise<void> {
    const res = await this.request("POST", `/_synapse/admin/v1/join/${encodeURIComponent(room)}`, {
      token: this.admin.accessToken,
      body: { user_id: user.userId },
    });
    if (res.status !== 200) throw new Error(`join failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** Take a user out of `rc_message` limiting (Synapse's per-user override with a zero rate). */
  async exemptFromMessageLimit(user: MatrixUser): Promise<void> {
    const res = await this.request(
      "POST",
      `/_synapse/admin/v1/users/${encodeURIComponent(user.userId)}/override_ratelimit`,
      { token: this.admin.accessToken, body: { messages_per_second: 0, burst_count: 0 } },
    );
    if (res.status !== 200)
      throw new Error(`override_ratelimit failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** Local user ids joined to a room (as the admin sees them through the Admin API). */
  async members(roomId: string): Promise<string[]> {
    const res = await this.request<{ members: string[] }>(
      "GET",
      `/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/members`,
      { token: this.admin.accessToken },
    );
    if (res.status !== 200) throw new Error(`room members failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return [...res.body.members].sort();
  }

  /** The room's m.room.message events, oldest first, read through the client API as `reader`. */
  async messages(reader: MatrixUser, roomId: string): Promise<RoomEvent[]> {
    const res = await this.request<{ chunk: RoomEvent[] }>(
      "GET",
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=100`,
      { token: reader.accessToken },
    );
    if (res.status !== 200) throw new Error(`messages failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.chunk.filter((e) => e.type === "m.room.message").reverse();
  }

  /** SIGTERM, then SIGKILL after 10 s; removes the temp dir. Safe to call when start failed or never ran. */
  async stop(): Promise<void> {
    process.removeListener("exit", this.onExit);
    const proc = this.proc;
    try {
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        proc.kill("SIGTERM");
        const killed = await Promise.race([this.exited?.then(() => true), delay(10_000).then(() => false)]);
        if (!killed) {
          proc.kill("SIGKILL");
          await this.exited;
        }
      }
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/**
 * Start a Synapse; on failure it is stopped (temp dir removed) before the error propagates. Use as
 * `beforeAll(async () => { hs = await startSynapse(); }, SYNAPSE_HOOK_TIMEOUT_MS)` and `afterAll(() => hs?.stop())`.
 */
export async function startSynapse(options: SynapseOptions = {}): Promise<Synapse> {
  const hs = new Synapse(options);
  try {
    return await hs.start();
  } catch (e) {
    await hs.stop();
    throw e;
  }
}

/**
 * Wait for every start (each assigning what it started), then throw the first failure: unlike Promise.all this
 * never leaves a server running unassigned, so afterAll can stop everything that did come up.
 */
export async function allStarted(starts: Array<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(starts)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

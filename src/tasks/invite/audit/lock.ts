import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { link, lstat, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { MxopsError } from "../../../core/errors.js";

/** A held lock; `release` is idempotent. */
export interface Lock {
  release(): Promise<void>;
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
  /** Random per acquisition, so a takeover can tell the stale lock it judged from a fresh one. */
  nonce: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readInfo(file: string): Promise<{ text: string; info?: LockInfo } | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return typeof info.pid === "number" ? { text, info } : { text };
  } catch {
    return { text };
  }
}

/**
 * Take `<file>.lock` exclusively so two runs never invite from the same audit log at once. The lock is written
 * to a temp file and hard-linked into place, so it never exists half-written. A lock left by a dead process on this
 * host (or garbage) is stale and taken over; a lock held by a live process, or by another host (until
 * `staleAfterMs`, default 12 h, since its pid cannot be checked from here), throws MXOPS_STATE naming the holder.
 */
export async function acquireLock(
  file: string,
  options: { staleAfterMs?: number; now?: () => Date } = {},
): Promise<Lock> {
  const lockFile = `${file}.lock`;
  const now = options.now ?? (() => new Date());
  const me: LockInfo = {
    pid: process.pid,
    host: hostname(),
    since: now().toISOString(),
    nonce: randomBytes(8).toString("hex"),
  };
  // The audit log's directory is created on first use (private: it lists who was invited).
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 }).catch(() => undefined);
  // A planted symbolic link in place of the log or its lock would redirect writes (and chmod) elsewhere: refused.
  for (const f of [file, lockFile]) {
    if ((await lstat(f).catch(() => undefined))?.isSymbolicLink())
      throw new MxopsError("MXOPS_INPUT", `${f}: is a symbolic link; refusing to follow it`, { file: f });
  }
  const tmp = `${lockFile}.${me.nonce}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(me), { mode: 0o600 });
  } catch (e) {
    throw new MxopsError(
      "MXOPS_STATE",
      `${lockFile}: cannot create lock (${(e as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  try {
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        await link(tmp, lockFile);
        let released = false;
        return {
          async release() {
            if (released) return;
            released = true;
            // Only remove the lock if it is still ours.
            const cur = await readInfo(lockFile);
            if (cur?.info?.nonce === me.nonce) await unlink(lockFile).catch(() => undefined);
          },
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
          throw new MxopsError(
            "MXOPS_STATE",
            `${lockFile}: cannot create lock (${(e as NodeJS.ErrnoException).code ?? "error"})`,
          );
        }
      }
      const held = await readInfo(lockFile);
      if (!held) continue; // released meanwhile: try again
      const h = held.info;
      const age = h ? now().getTime() - Date.parse(h.since) : Infinity;
      const stale = !h || (h.host === me.host ? !alive(h.pid) : age > (options.staleAfterMs ?? 12 * 3_600_000));
      if (!stale) {
        throw new MxopsError(
          "MXOPS_STATE",
          `${file} is locked by pid ${h.pid} on ${h.host} since ${h.since}; another invite run is active (remove ${lockFile} only if it is not)`,
        );
      }
      // Only one run at a time may remove a stale lock; the others look again shortly.
      if (!(await takeOver(lockFile, held.text, now))) await new Promise((r) => setTimeout(r, 25));
    }
    throw new MxopsError("MXOPS_STATE", `${lockFile}: could not take over a stale lock`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/**
 * Remove a stale lock without ever removing a fresh one. Removal is serialised by `<lock>.takeover` (O_EXCL; itself
 * stale after 30 s); under it the lock is removed only if it still holds the text that was judged stale.
 * Returns false when another run is doing the takeover.
 */
async function takeOver(lockFile: string, staleText: string, now: () => Date): Promise<boolean> {
  const guard = `${lockFile}.takeover`;
  try {
    await writeFile(guard, now().toISOString(), { flag: "wx", mode: 0o600 });
  } catch {
    const since = Date.parse(await readFile(guard, "utf8").catch(() => ""));
    // A takeover guard left by a run that died mid-takeover.
    if (!Number.isNaN(since) && now().getTime() - since > 30_000) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    const cur = await readInfo(lockFile);
    if (cur && cur.text === staleText) await unlink(lockFile).catch(() => undefined);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

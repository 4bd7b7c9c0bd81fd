import { hostname } from "node:os";
import { mkdir, open, readFile, unlink } from "node:fs/promises";
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

/**
 * Take `<file>.lock` exclusively (O_EXCL) so two runs never invite from the same audit log at once.
 * A lock left by a dead process on this host (or unreadable garbage) is stale and taken over; a lock held by a
 * live process, or by another host, throws MXOPS_STATE naming the holder. `staleAfterMs` lets a lock from another
 * host expire (default 12 h), because its pid cannot be checked from here.
 */
export async function acquireLock(file: string, options: { staleAfterMs?: number; now?: () => Date } = {}): Promise<Lock> {
  const lockFile = `${file}.lock`;
  const now = options.now ?? (() => new Date());
  const me: LockInfo = { pid: process.pid, host: hostname(), since: now().toISOString() };
  // The audit log's directory is created on first use (private: it lists who was invited).
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 }).catch(() => undefined);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(lockFile, "wx", 0o600);
      await fh.writeFile(JSON.stringify(me));
      await fh.sync();
      await fh.close();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await unlink(lockFile).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new MxopsError("MXOPS_STATE", `${lockFile}: cannot create lock (${(e as NodeJS.ErrnoException).code ?? "error"})`);
      }
    }
    let holder: LockInfo | undefined;
    try {
      holder = JSON.parse(await readFile(lockFile, "utf8")) as LockInfo;
    } catch {
      holder = undefined;
    }
    const age = holder ? now().getTime() - Date.parse(holder.since) : Infinity;
    const stale =
      !holder || typeof holder.pid !== "number" || (holder.host === me.host ? !alive(holder.pid) : age > (options.staleAfterMs ?? 12 * 3_600_000));
    if (!stale) {
      throw new MxopsError("MXOPS_STATE", `${file} is locked by pid ${holder!.pid} on ${holder!.host} since ${holder!.since}; another invite run is active (remove ${lockFile} only if it is not)`);
    }
    await unlink(lockFile).catch(() => undefined);
  }
  throw new MxopsError("MXOPS_STATE", `${lockFile}: could not take over a stale lock`);
}

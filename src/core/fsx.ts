import { randomBytes } from "node:crypto";
import { close, constants, fsync, open, rename, unlink, write } from "node:fs";
import { open as openFile } from "node:fs/promises";
import { promisify } from "node:util";
import path from "node:path";

const openP = promisify(open);
const writeP = promisify(write);
const fsyncP = promisify(fsync);
const closeP = promisify(close);
const renameP = promisify(rename);
const unlinkP = promisify(unlink);

/**
 * Write a file atomically: a temp file in the same directory, fsync, rename over the target.
 * Readers see the old or the new content, never a partial one. `mode` defaults to 0600.
 */
export async function writeFileAtomic(target: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = await openP(tmp, "wx", mode);
  try {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < buf.length) off += (await writeP(fd, buf, off, buf.length - off)).bytesWritten;
    await fsyncP(fd);
  } finally {
    await closeP(fd);
  }
  try {
    await renameP(tmp, target);
  } catch (e) {
    await unlinkP(tmp).catch(() => undefined);
    throw e;
  }
}

/** Open flags that refuse a symbolic link as the last path component (ELOOP), for files mxops owns. */
export const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Append one line durably (O_APPEND + fsync). A single write() of a line is atomic with respect to other
 * appenders on local filesystems, so concurrent writers never interleave within a line. A symbolic link at
 * `target` is never followed: the open fails with ELOOP (O_NOFOLLOW), so a planted link cannot redirect the
 * append to another file.
 */
export async function appendLineDurable(target: string, line: string, mode = 0o600): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NO_FOLLOW;
  const fd = await openP(target, flags, mode);
  try {
    const buf = Buffer.from(line.endsWith("\n") ? line : `${line}\n`, "utf8");
    let off = 0;
    while (off < buf.length) off += (await writeP(fd, buf, off, buf.length - off)).bytesWritten;
    await fsyncP(fd);
  } finally {
    await closeP(fd);
  }
}

/** Most bytes read from a key, secret or certificate file (1 MiB): such files are a few kilobytes at most. */
export const MAX_SMALL_FILE_BYTES = 1024 * 1024;

/**
 * Read a small text file (a key, a secret, a CA bundle) as UTF-8, reading at most `maxBytes` + 1 bytes: a
 * device or a huge file (`/dev/zero`) fails at once with an error whose `code` is `EFBIG` instead of filling
 * memory. Other failures are the usual fs errors (ENOENT, EACCES, EISDIR).
 */
export async function readSmallFile(file: string, maxBytes = MAX_SMALL_FILE_BYTES): Promise<string> {
  const fh = await openFile(file, "r");
  try {
    const buf = Buffer.alloc(maxBytes + 1);
    let off = 0;
    while (off < buf.length) {
      const { bytesRead } = await fh.read(buf, off, buf.length - off, null);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    if (off > maxBytes) {
      throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: "EFBIG" });
    }
    return buf.subarray(0, off).toString("utf8");
  } finally {
    await fh.close();
  }
}

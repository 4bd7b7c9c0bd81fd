import { randomBytes } from "node:crypto";
import { close, fsync, open, rename, unlink, write } from "node:fs";
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

/**
 * Append one line durably (O_APPEND + fsync). A single write() of a line is atomic with respect to other
 * appenders on local filesystems, so concurrent writers never interleave within a line.
 */
export async function appendLineDurable(target: string, line: string, mode = 0o600): Promise<void> {
  const fd = await openP(target, "a", mode);
  try {
    const buf = Buffer.from(line.endsWith("\n") ? line : `${line}\n`, "utf8");
    let off = 0;
    while (off < buf.length) off += (await writeP(fd, buf, off, buf.length - off)).bytesWritten;
    await fsyncP(fd);
  } finally {
    await closeP(fd);
  }
}

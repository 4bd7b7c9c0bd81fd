/**
 * Write a file atomically: a temp file in the same directory, fsync, rename over the target.
 * Readers see the old or the new content, never a partial one. `mode` defaults to 0600.
 */
export declare function writeFileAtomic(target: string, data: string | Buffer, mode?: number): Promise<void>;
/** Open flags that refuse a symbolic link as the last path component (ELOOP), for files mxops owns. */
export declare const NO_FOLLOW: number;
/**
 * Append one line durably (O_APPEND + fsync). A single write() of a line is atomic with respect to other
 * appenders on local filesystems, so concurrent writers never interleave within a line. A symbolic link at
 * `target` is never followed: the open fails with ELOOP (O_NOFOLLOW), so a planted link cannot redirect the
 * append to another file.
 */
export declare function appendLineDurable(target: string, line: string, mode?: number): Promise<void>;
/** Most bytes read from a key, secret or certificate file (1 MiB): such files are a few kilobytes at most. */
export declare const MAX_SMALL_FILE_BYTES: number;
/**
 * Read a small text file (a key, a secret, a CA bundle) as UTF-8, reading at most `maxBytes` + 1 bytes: a
 * device or a huge file (`/dev/zero`) fails at once with an error whose `code` is `EFBIG` instead of filling
 * memory. Other failures are the usual fs errors (ENOENT, EACCES, EISDIR).
 */
export declare function readSmallFile(file: string, maxBytes?: number): Promise<string>;

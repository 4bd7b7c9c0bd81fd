/**
 * Write a file atomically: a temp file in the same directory, fsync, rename over the target.
 * Readers see the old or the new content, never a partial one. `mode` defaults to 0600.
 */
export declare function writeFileAtomic(target: string, data: string | Buffer, mode?: number): Promise<void>;
/**
 * Append one line durably (O_APPEND + fsync). A single write() of a line is atomic with respect to other
 * appenders on local filesystems, so concurrent writers never interleave within a line.
 */
export declare function appendLineDurable(target: string, line: string, mode?: number): Promise<void>;

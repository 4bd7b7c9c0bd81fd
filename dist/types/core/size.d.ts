/**
 * Parse a byte size such as `4194304`, `512k`, `8M`, `1GiB` (binary units). Throws MXOPS_USAGE naming `option`.
 */
export declare function parseByteSize(s: string, option: string): number;

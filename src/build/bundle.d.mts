// Types of bundle.mjs for the package test.

/** Build the distribution into outDir (replaced); `declarations: false` skips the tsc pass. */
export function buildDist(outDir: string, options?: { declarations?: boolean }): Promise<void>;

// Types of licenses.mjs for the TypeScript tests.

/** esbuild metafile subset read by thirdPartyNotices. */
export interface BundleMetafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

/** The installed package folder an esbuild input path belongs to, or undefined for the project's own files. */
export function packageDirOf(input: string): string | undefined;

/** Text of dist/licenses.txt for the packages bundled per the metafile; throws when a package ships no licence file. */
export function thirdPartyNotices(
  metafile: BundleMetafile,
  options?: { cwd?: string; label?: (output: string) => string },
): string;

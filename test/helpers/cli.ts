import { runCli } from "../../src/cli.js";

/** Result of an in-process CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output and the given environment (process.env is not read). */
export async function cli(
  argv: string[],
  env: Record<string, string | undefined> = {},
  isTTY = false,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env, isTTY });
  return { code, stdout, stderr };
}

import { runCli } from "./cli.js";

// Entry point of dist/cli.js. Failures that escape everything still end as one line and exit 2.
process.on("unhandledRejection", (e) => {
  process.stderr.write(`mxops: internal error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
  process.exit(2);
});

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
});
// Let stdout drain before exiting (large reports piped to another program).
process.exitCode = code;

// The Synapse fixture's failure path: a Synapse that cannot start is reported with its own log lines, and
// nothing is left behind (no process, no temp dir). The happy path is every test file that uses it.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Synapse, SYNAPSE_HOOK_TIMEOUT_MS } from "./synapse.js";

describe("Synapse test fixture", () => {
  it(
    "fails with Synapse's log tail when the server does not come up, and removes its temp dir",
    async () => {
      const hs = new Synapse({ serverName: "not a server name" });
      try {
        const err = await hs.start().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(Error);
        const message = (err as Error).message;
        expect(message).toMatch(
          /^Synapse did not come up: the process exited \(1\)\n--- Synapse log \(last lines\) ---\n/,
        );
        expect(message).toContain("Server name 'not a server name' has an invalid format");
        expect(message).not.toContain("Fatal Python error");
      } finally {
        await hs.stop();
      }
      expect(existsSync(hs.dir)).toBe(false);
    },
    SYNAPSE_HOOK_TIMEOUT_MS,
  );
});

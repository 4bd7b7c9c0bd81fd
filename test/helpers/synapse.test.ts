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
        await expect(hs.start()).rejects.toThrow(
          /^Synapse did not come up: the process exited \(\d+\)\n--- Synapse log \(last lines\) ---\n[\s\S]*server.?name/i,
        );
      } finally {
        await hs.stop();
      }
      expect(existsSync(hs.dir)).toBe(false);
    },
    SYNAPSE_HOOK_TIMEOUT_MS,
  );
});

import type { TaskSpec } from "./types.js";

/** Task names in help order. Each spec is loaded only when its task runs (fast cold start). */
export const TASK_NAMES = ["sops-check", "verify-config", "invite", "milestone-release"] as const;
export type TaskName = (typeof TASK_NAMES)[number];

/** One-line summaries for `mxops --help`, kept here so help does not load every task. */
export const TASK_SUMMARIES: Record<TaskName, string> = {
  "sops-check": "check that every file that should be SOPS-encrypted is, per key; verify MACs with an age identity",
  "verify-config": "lint the GitOps repo (YAML, Kubernetes, Flux, ESS, MAS, Synapse, Element) and probe the live stack",
  invite: "registration invites via the MAS Admin API or Authentik, mailed and audited",
  "milestone-release": "create or update a Gitea/GitHub release for a milestone tag",
};

/** Load a task's spec. */
export async function loadTask(name: TaskName): Promise<TaskSpec> {
  switch (name) {
    case "sops-check":
      return (await import("./sops-check/spec.js")).spec;
    case "verify-config":
      return (await import("./verify-config/spec.js")).spec;
    case "invite":
      return (await import("./invite/spec.js")).spec;
    case "milestone-release":
      return (await import("./milestone-release/spec.js")).spec;
  }
}

/** True when `name` is a task. */
export function isTaskName(name: string): name is TaskName {
  return (TASK_NAMES as readonly string[]).includes(name);
}

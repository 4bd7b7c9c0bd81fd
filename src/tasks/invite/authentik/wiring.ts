import type { CheckResult } from "../types.js";

/** A flow stage binding as authentik lists it (the parts the wiring check reads). */
export interface Binding {
  pk: string;
  order: number;
  stage: string;
  stage_obj: { pk: string; name: string; meta_model_name: string; component: string };
}

/** The stage types an invitation enrollment flow needs, in order (the operators' troubleshooting sequence). */
const REQUIRED = [
  { kind: "invitation", model: ".invitationstage", why: "without it the itoken is never checked" },
  { kind: "prompt", model: ".promptstage", why: "collects username/email/name (fixed_data fills it)" },
  { kind: "user_write", model: ".userwritestage", why: "creates the user" },
  { kind: "user_login", model: ".userloginstage", why: "logs the new user in" },
];

/**
 * Check an enrollment flow's bindings: designation `enrollment`, invitation → (identification) → prompt →
 * user_write → user_login in that order, and the invitation stage not letting people through without an invite.
 */
export function checkFlowWiring(
  slug: string,
  designation: string,
  bindings: readonly Binding[],
  invitationStages: ReadonlyArray<{ pk: string; continue_flow_without_invitation?: boolean }>,
): CheckResult[] {
  const out: CheckResult[] = [];
  out.push(
    designation === "enrollment"
      ? { check: "authentik-flow", ok: true, detail: `flow ${slug} exists (designation enrollment)` }
      : { check: "authentik-flow", ok: false, detail: `flow ${slug} has designation ${designation}, not enrollment` },
  );
  const sorted = [...bindings].sort((a, b) => a.order - b.order);
  const positions = REQUIRED.map((r) => sorted.findIndex((b) => b.stage_obj.meta_model_name.endsWith(r.model)));
  const missing = REQUIRED.filter((_, i) => positions[i] < 0);
  const present = positions.filter((p) => p >= 0);
  const ordered = present.every((p, i) => i === 0 || p > present[i - 1]);
  if (missing.length > 0) {
    out.push({
      check: "authentik-flow-stages",
      ok: false,
      detail: `flow ${slug} lacks ${missing.map((m) => `${m.kind} (${m.why})`).join(", ")}`,
    });
  } else if (!ordered) {
    out.push({
      check: "authentik-flow-stages",
      ok: false,
      detail: `flow ${slug} stages are out of order; expected invitation → identification → prompt → user_write → user_login`,
    });
  } else {
    out.push({
      check: "authentik-flow-stages",
      ok: true,
      detail: `flow ${slug}: ${sorted.map((b) => b.stage_obj.meta_model_name.split(".")[1]?.replace(/stage$/, "")).join(" → ")}`,
    });
  }
  const inv = sorted.find((b) => b.stage_obj.meta_model_name.endsWith(".invitationstage"));
  const stage = inv ? invitationStages.find((s) => s.pk === inv.stage) : undefined;
  if (stage?.continue_flow_without_invitation) {
    out.push({
      check: "authentik-invitation-required",
      ok: false,
      detail: `invitation stage ${inv!.stage_obj.name} has continue_flow_without_invitation on: anyone can enroll without an invite`,
    });
  }
  return out;
}

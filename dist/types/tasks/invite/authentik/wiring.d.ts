import type { CheckResult } from "../types.js";
/** A flow stage binding as authentik lists it (the parts the wiring check reads). */
export interface Binding {
    pk: string;
    order: number;
    stage: string;
    stage_obj: {
        pk: string;
        name: string;
        meta_model_name: string;
        component: string;
    };
}
/**
 * Check an enrollment flow's bindings: designation `enrollment`, invitation → (identification) → prompt →
 * user_write → user_login in that order, and the invitation stage not letting people through without an invite.
 */
export declare function checkFlowWiring(slug: string, designation: string, bindings: readonly Binding[], invitationStages: ReadonlyArray<{
    pk: string;
    continue_flow_without_invitation?: boolean;
}>): CheckResult[];

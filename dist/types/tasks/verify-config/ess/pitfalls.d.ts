import type { Finding } from "../../../core/finding.js";
import type { EssValuesContext } from "../components/types.js";
/**
 * MatrixRTC on with the chart's well-known delegation off: the chart then publishes no
 * `org.matrix.msc4143.rtc_foci` (nor m.server/m.homeserver), so Element Call fails with
 * MISSING_MATRIX_RTC_FOCUS unless something else serves those files on the server name.
 */
export declare function checkRtcWithoutWellKnown(ctx: EssValuesContext): Finding[];
/**
 * Two components (or a component and the server name) on one host: with the chart's Ingresses and
 * cert-manager that is two Ingresses and two certificate orders for one name, and a component on the
 * apex (serverName) collides with the well-known Ingress there. Warning: some operators route a shared
 * host on purpose.
 */
export declare function checkSharedHosts(ctx: EssValuesContext): Finding[];
/** The chart's own render-time validations (templates/z_validation): required hosts and server name. */
export declare function checkRequiredValues(ctx: EssValuesContext): Finding[];
/**
 * serverName and ingress hosts must be bare host names: a scheme, path or port ends up in Ingress rules,
 * certificates and the well-known JSON verbatim and breaks them.
 */
export declare function checkHostSyntax(ctx: EssValuesContext): Finding[];

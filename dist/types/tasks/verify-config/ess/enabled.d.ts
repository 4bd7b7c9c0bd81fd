import type { EssValuesContext } from "../components/types.js";
/** Whether a chart component is on: its `enabled` value, else the chart default (values.yaml). */
export declare function isEnabled(values: Record<string, unknown>, section: string): boolean;
/** `<section>.ingress.host` when set to a string. */
export declare function ingressHost(values: Record<string, unknown>, section: string): string | undefined;
/** A value at a path, or undefined. */
export declare function valueAt(ctx: EssValuesContext, path: readonly string[]): unknown;
/** Components with their own Ingress host, in the chart's naming. */
export declare const HOST_COMPONENTS: readonly ["synapse", "matrixAuthenticationService", "matrixRTC", "elementWeb", "elementAdmin"];

import type { ValuesCheck } from "./types.js";
/**
 * `wellKnownDelegation.additional.{client,server,support}` are JSON strings the chart merges into the
 * well-known files it serves on serverName: they must parse as JSON objects.
 */
export declare const checkWellKnownJson: ValuesCheck;
/**
 * Element Web's `default_server_config` written in `elementWeb.additional` wins over the chart's own, so a
 * base URL or server name that disagrees with the chart's values sends every client to the wrong server.
 */
export declare const checkElementHomeserver: ValuesCheck;

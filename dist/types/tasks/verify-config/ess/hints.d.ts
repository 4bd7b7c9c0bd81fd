import type { EssValuesContext } from "../components/types.js";
import type { LiveHints } from "../live/index.js";
/**
 * What the live probes need from the repo: server name, component hosts, RTC on/off and MAS upstream
 * providers, from the first ESS values set that names a server (the usual single deployment).
 */
export declare function liveHints(contexts: readonly EssValuesContext[]): LiveHints;

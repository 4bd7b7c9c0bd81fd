import type { Finding } from "../../../core/finding.js";
import type { EssValuesContext } from "../components/types.js";
/**
 * `elementWeb.additional.<name>` whose name is an Element Web config key (e.g. `setting_defaults`): the
 * name is only a label — the chart merges each entry's JSON at the top level of config.json — so unless
 * the JSON itself starts with that key, its settings land at the top level where Element ignores them.
 */
export declare function checkElementAdditionalNames(ctx: EssValuesContext): Finding[];

import { checkChartVersionPins, checkHostDomains, checkIssuerConsistency } from "./consistency.js";
import { checkRepoCredentials, checkValuesCredentials } from "./creds.js";
import { checkElementWeb } from "./element.js";
import { checkMas } from "./mas/index.js";
import { checkSynapse } from "./synapse.js";
import type { RepoCheck, ValuesCheck } from "./types.js";
import { checkElementHomeserver, checkWellKnownJson } from "./wellknown.js";

/** Component rules (Synapse, MAS, Element Web, credentials, cross-file) run on every effective values set. */
export const VALUES_CHECKS: ValuesCheck[] = [
  checkSynapse,
  checkMas,
  checkElementWeb,
  checkValuesCredentials,
  checkIssuerConsistency,
  checkHostDomains,
  checkWellKnownJson,
  checkElementHomeserver,
];

/** Rules run once over the whole repository. */
export const REPO_CHECKS: RepoCheck[] = [checkRepoCredentials, checkChartVersionPins];

import type { Deps } from "../../../core/deps.js";
import type { CheckResult } from "../types.js";
/**
 * Preflight's GitOps check: the MAS config in the repo must require registration tokens for password sign-up
 * (`account.password_registration_enabled` and `password_registration_token_required` or the deprecated
 * `registration_token_required`) and have a real email transport (`email.transport` smtp or sendmail; the
 * default is blackhole). Later fragments override earlier ones, like ESS merges `additional` configs.
 */
export declare function checkGitopsMas(repo: string, deps: Deps): Promise<CheckResult[]>;

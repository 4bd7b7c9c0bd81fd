/**
 * mxops library API. Every task is a function returning a Report; nothing here prints or exits.
 * Errors of mxops itself are thrown as MxopsError; problems in the checked configuration are findings.
 */
export type { Finding, RelatedLocation, Report, Severity, Counts, FailOn } from "./core/finding.js";
export { countFindings, failsAt } from "./core/finding.js";
export { MxopsError, type ErrorCode } from "./core/errors.js";
export { Redactor } from "./core/redact.js";
export { defaultDeps, type Deps } from "./core/deps.js";
export { createHttpClient, type HttpClient, type HttpClientOptions } from "./core/http.js";
export { render, FORMATS, type Format } from "./format/index.js";
export { VERSION } from "./version.js";
export { verifyConfig, type VerifyConfigOptions } from "./tasks/verify-config/index.js";
export { sopsCheck, type SopsCheckOptions } from "./tasks/sops-check/index.js";
export type { AgeKeyOptions } from "./tasks/sops-check/keys.js";
export { milestoneRelease, type MilestoneReleaseOptions, type MilestoneReleaseResults, type ReleaseAction, } from "./tasks/milestone-release/index.js";
export { notifyMatrix, notifyMessage, notifyTxnId, type MatrixTarget, type NotifyContext, type NotifyResult, } from "./notify/matrix.js";
export { runInvite, type InviteOptions, type InviteCommand, type InviteConfig, type InviteSecrets, type InviteRuntime, type RowResult as InviteRowResult, } from "./tasks/invite/index.js";
export { loadInviteConfig, inviteSend, inviteBatch, inviteList, inviteStatus, inviteRevoke, inviteUnrevoke, inviteExtend, invitePreflight, inviteOnboard, type InviteBase, } from "./tasks/invite/api.js";
export type { Recipient as InviteRecipient } from "./tasks/invite/types.js";

import type { RepoCheck, RepoIndex, ValuesCheck } from "./types.js";
/** Hosts the repository serves Authentik on: its HelmRelease values, and Ingresses/HTTPRoutes to an authentik backend. */
export declare function authentikHosts(repo: RepoIndex): Set<string>;
/**
 * MAS upstream providers vs the Authentik deployment in the repository: Authentik's issuer is
 * `https://<authentik host>/application/o/<slug>/` (trailing slash included) and MAS compares it byte for byte
 * with the discovery document, so a missing slash or another host breaks sign-in.
 */
export declare const checkIssuerConsistency: ValuesCheck;
/** True when `host` is the server name, below it, or a sibling of it under the same parent domain. */
export declare function relatedHost(host: string, serverName: string): boolean;
/** Component hosts outside the serverName's domain: usually a typo or a copy from another deployment. */
export declare const checkHostDomains: ValuesCheck;
/** A chart version that is a range or wildcard rather than one release. */
export declare function isVersionRange(v: string): boolean;
/**
 * HelmReleases whose chart version is a semver range, and OCIRepositories (the source of `chartRef`) that follow
 * a semver range instead of a tag or digest: every reconcile may upgrade without review.
 */
export declare const checkChartVersionPins: RepoCheck;

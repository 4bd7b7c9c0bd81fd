import type { Finding } from "../../../core/finding.js";
import { type PathSeg } from "../../../core/yaml.js";
import type { Location, RepoManifest } from "../components/types.js";
import type { ValuesProvider } from "./providers.js";
/** One contribution to a HelmRelease's values, in merge order. */
export interface ValuesLayer {
    label: string;
    /** Parsed values (map layers). */
    value?: Record<string, unknown>;
    /** For targetPath layers: where the value is set. */
    targetPath?: PathSeg[];
    at: Location;
    locate(path: readonly PathSeg[]): Location | undefined;
    locateInString(path: readonly PathSeg[], line: number, column: number): Location | undefined;
}
/** A HelmRelease's values after helm-controller's merge, with provenance. */
export interface EffectiveValues {
    release: RepoManifest;
    values: Record<string, unknown>;
    layers: ValuesLayer[];
    /** True when a source's content could not be known offline (encrypted without identity, external). */
    incomplete: boolean;
}
/** Resolves valuesFrom references against the repository's ConfigMaps and Secrets. */
export declare class ValuesResolver {
    private readonly nsOf;
    private readonly findings;
    private readonly parsedEntries;
    /** Providers referenced by some HelmRelease (for the unused-source rule). */
    readonly referenced: Set<ValuesProvider>;
    /** Providers by `kind/name` (valuesFrom lookups are per reference; a linear scan is quadratic on big repos). */
    private readonly byName;
    constructor(providers: readonly ValuesProvider[], nsOf: (m: RepoManifest) => string | undefined, findings: Finding[]);
    /**
     * Effective values of a HelmRelease computed like helm-controller: each valuesFrom in order (a map
     * deep-merged, or one value set at targetPath), then spec.values merged on top. Unresolvable references
     * become findings (errors unless optional); unknown contributions are reported once as info.
     */
    resolve(hr: RepoManifest): EffectiveValues;
    private parseEntry;
    private notAMap;
}
/** `HelmRelease ns/name` for messages. */
export declare function hrLabel(hr: RepoManifest): string;
/** True when `path` exists in `v`. */
export declare function hasPath(v: unknown, path: readonly PathSeg[]): boolean;
/** Where `path` of the effective values was written: the last layer that set it. */
export declare function locateEffective(ev: EffectiveValues, path: readonly PathSeg[]): Location | undefined;
/** Map a position inside the string at `path` of the effective values to the repository. */
export declare function locateInStringEffective(ev: EffectiveValues, path: readonly PathSeg[], line: number, column: number): Location | undefined;

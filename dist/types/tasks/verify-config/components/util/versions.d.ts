/** Compare dotted numeric versions (`1.153.0` < `1.157.1`); missing parts count as 0. */
export declare function compareVersions(a: string, b: string): number;
/** Component versions a chart release ships, and whether they are exact or a lower bound. */
export interface ShippedVersions {
    synapse?: string;
    mas?: string;
    /** True when the chart release is not one mxops knows: the versions of the closest older release are a lower bound. */
    atLeast: boolean;
}
/**
 * Synapse and MAS versions shipped by an ESS `matrix-stack` release, from the image tags of its values.yaml.
 * Unknown chart versions between releases use the closest older release; undefined without a usable version.
 * Operators can override the images, so this is the default, not a certainty.
 */
export declare function essComponentVersions(chartVersion: string | undefined): ShippedVersions | undefined;

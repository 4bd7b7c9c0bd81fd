import { loadData } from "../../../../core/data.js";

interface ChartImages {
  charts: Record<string, { synapse?: string; mas?: string }>;
}

/** Compare dotted numeric versions (`1.153.0` < `1.157.1`); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a
    .replace(/^v/, "")
    .split(/[.-]/)
    .map((x) => Number.parseInt(x, 10) || 0);
  const pb = b
    .replace(/^v/, "")
    .split(/[.-]/)
    .map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

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
export function essComponentVersions(chartVersion: string | undefined): ShippedVersions | undefined {
  if (!chartVersion || !/^\d+\.\d+\.\d+/.test(chartVersion.trim())) return undefined;
  const { charts } = loadData<ChartImages>("synapse/ess-chart-images.json");
  const v = chartVersion.trim();
  if (charts[v]) return { ...charts[v], atLeast: false };
  const older = Object.keys(charts)
    .filter((k) => compareVersions(k, v) <= 0)
    .sort(compareVersions);
  const base = older[older.length - 1];
  return base ? { ...charts[base], atLeast: true } : undefined;
}

import type { Report } from "../core/finding.js";
import type { RenderOptions } from "./types.js";
/**
 * Human-readable report: findings grouped by file, then findings without a file, then a summary line.
 * Colour only when `color` is set (the CLI sets it for a TTY without NO_COLOR).
 */
export declare function formatText(report: Report, options?: RenderOptions): string;

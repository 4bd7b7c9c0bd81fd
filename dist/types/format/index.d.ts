import type { Report } from "../core/finding.js";
import type { Format, RenderOptions } from "./types.js";
export { FORMATS, type Format, type RenderOptions } from "./types.js";
/** Render a report in one of the output formats. Pure: no I/O. Callers pass the result through the redactor. */
export declare function render(report: Report, format: Format, options?: RenderOptions): string;

import type { Report } from "../core/finding.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";
import type { Format, RenderOptions } from "./types.js";

export { FORMATS, type Format, type RenderOptions } from "./types.js";

/** Render a report in one of the output formats. Pure: no I/O. Callers pass the result through the redactor. */
export function render(report: Report, format: Format, options: RenderOptions = {}): string {
  switch (format) {
    case "text":
      return formatText(report, options);
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report);
    case "github":
      return formatGithub(report);
  }
}

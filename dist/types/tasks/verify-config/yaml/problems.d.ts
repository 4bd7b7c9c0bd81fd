import type { Finding } from "../../../core/finding.js";
import type { ParsedYaml } from "../../../core/yaml.js";
/**
 * Findings for every YAML problem in every document of a file: syntax errors, duplicate keys, tabs used
 * as indentation, and unquoted Go templates (`key: {{ .x }}` parses as a nested flow mapping, not a string).
 */
export declare function yamlProblemFindings(file: string, parsed: ParsedYaml, hasTemplate?: boolean): Finding[];

import { type ParsedYaml, type PathSeg, type Span } from "../../../../core/yaml.js";
/**
 * Map a 1-based line/column inside the string value at `path` (a YAML string scalar) to a position in the
 * YAML source `text`. Exact for block scalars (`|`, `|-`, `>`; the usual way to embed a config) and for the
 * first line of quoted or plain scalars; later lines of flow scalars keep the inner column (best effort).
 */
export declare function mapIntoScalar(text: string, parsed: ParsedYaml, docIndex: number, path: readonly PathSeg[], line: number, column: number): Span | undefined;

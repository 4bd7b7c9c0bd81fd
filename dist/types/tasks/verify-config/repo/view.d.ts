import { type ParsedYaml, type PathSeg } from "../../../core/yaml.js";
import type { Location } from "../components/types.js";
import { type TextPos } from "./scalar-map.js";
/**
 * A parsed YAML text and the way back from its positions to a repository file. A file on disk maps
 * 1:1; a YAML document embedded in a string (a ConfigMap's `values.yaml: |`) maps through the outer
 * scalar, so nested block scalars compose.
 */
export interface YamlView {
    text: string;
    parsed: ParsedYaml;
    /** Map a 1-based position in `text` to the repository file; undefined when unknown. */
    toOuter(pos: TextPos): Location | undefined;
}
/** A view of a whole file. */
export declare function fileView(file: string, text: string, parsed: ParsedYaml): YamlView;
/** Where the key at `path` of document `docIndex` is written, mapped to the repository file. */
export declare function locateInView(view: YamlView, docIndex: number, path: readonly PathSeg[]): Location | undefined;
/** Map a position inside the string at `path` (block scalar holding YAML/JSON) to the repository file. */
export declare function locateInStringOfView(view: YamlView, docIndex: number, path: readonly PathSeg[], line: number, column: number): Location | undefined;
/** A view of the YAML text held in the string at `path` of a document of `outer`. */
export declare function embeddedView(outer: YamlView, docIndex: number, path: readonly PathSeg[], text: string, parsed: ParsedYaml): YamlView;

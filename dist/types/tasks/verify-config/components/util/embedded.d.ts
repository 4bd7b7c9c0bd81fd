import { type PathSeg, type Span } from "../../../../core/yaml.js";
/** A problem inside an embedded document, positioned inside the string (1-based). */
export interface EmbeddedProblem {
    message: string;
    line: number;
    column: number;
}
/**
 * A YAML or JSON document held in a string value (e.g. `synapse.additional.x.config`).
 * `value` is undefined when the text does not parse; `span` finds a key inside the string.
 */
export interface EmbeddedDoc {
    value: unknown;
    problems: EmbeddedProblem[];
    span(path: readonly PathSeg[]): Span | undefined;
    /** Map a position inside a string value of this document (a further embedded config) into this document. */
    locateInString(path: readonly PathSeg[], line: number, column: number): Span | undefined;
}
/** Parse an embedded YAML string. Never throws; only the first document counts (Synapse reads one). */
export declare function parseEmbeddedYaml(text: string): EmbeddedDoc;
/** Line/column (1-based) of a character offset. */
export declare function positionOf(text: string, offset: number): {
    line: number;
    column: number;
};
/**
 * Parse an embedded JSON string the way a browser would (JSON.parse), keeping key positions.
 * The error position comes from the engine's message (`at position N`, or `line L column C` on newer Node).
 */
export declare function parseEmbeddedJson(text: string): EmbeddedDoc;

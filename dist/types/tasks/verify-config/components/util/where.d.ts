import type { Finding } from "../../../../core/finding.js";
import { type PathSeg } from "../../../../core/yaml.js";
import type { EssValuesContext, Location } from "../types.js";
import type { EmbeddedDoc } from "./embedded.js";
/** The position fields of a Finding for a location (omitted when unknown, never null). */
export declare function at(loc: Location | undefined): Pick<Finding, "file" | "line" | "column" | "endLine" | "endColumn">;
/**
 * Where a key inside an embedded document is written in the outer file: the inner key's line mapped
 * through `locateInString`, else the string value itself (`locate(outer)`).
 */
export declare function locateEmbedded(ctx: Pick<EssValuesContext, "locate" | "locateInString">, outer: readonly PathSeg[], doc: EmbeddedDoc | undefined, inner: readonly PathSeg[]): Location | undefined;
/** Key path for findings inside embedded documents: `synapse.additional.rtc.config#matrix_rtc_enabled`. */
export declare function embeddedKeyPath(outer: readonly PathSeg[], inner: readonly PathSeg[]): string;
/** Plain-object test (YAML/JSON mappings). */
export declare function isRecord(v: unknown): v is Record<string, unknown>;
/** Value at a path of plain JS, undefined when any step is missing. */
export declare function getPath(root: unknown, path: readonly PathSeg[]): unknown;

/** The identifying fields of a Kubernetes object, as kustomize's patch selectors see them. */
export interface ObjectId {
    apiVersion?: string;
    kind?: string;
    name?: string;
    namespace?: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}
/** A kustomize patch target (`patches[].target`, Flux `spec.patches[].target`). */
export interface Selector {
    group?: string;
    version?: string;
    kind?: string;
    name?: string;
    namespace?: string;
    labelSelector?: string;
    annotationSelector?: string;
}
/** The id fields of a plain manifest object. */
export declare function objectId(obj: Record<string, unknown>): ObjectId;
/** A selector read from YAML (unknown fields ignored); undefined when the value is not a mapping. */
export declare function toSelector(v: unknown): Selector | undefined;
/** True when kustomize's patch target `sel` selects the object. */
export declare function selectorMatches(sel: Selector, id: ObjectId): boolean;
/**
 * Kubernetes label-selector syntax: comma-separated `key`, `!key`, `key=v`, `key==v`, `key!=v`,
 * `key in (a,b)`, `key notin (a,b)`. `!=` and `notin` also match when the key is absent. An expression that
 * does not parse selects nothing (kustomize fails the build).
 */
export declare function labelSelectorMatches(expr: string, labels: Readonly<Record<string, string>>): boolean;

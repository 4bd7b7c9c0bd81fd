/** Own enumerable data property `key` of `obj` set to `value` (never the `__proto__` setter, never inherited). */
export declare function setOwn(obj: object, key: string, value: unknown): void;
/** The own property `key` of `obj`, or undefined (inherited members such as `constructor` never count). */
export declare function getOwn(obj: unknown, key: string | number): unknown;
/** True when `obj` has an own property `key`. */
export declare function hasOwn(obj: unknown, key: string | number): boolean;
/** Copy the own enumerable properties of `src` onto `target` as own data properties (Object.assign without setters). */
export declare function assignOwn(target: object, src: object): void;

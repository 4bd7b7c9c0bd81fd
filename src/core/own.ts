// Keys that come from repository content (YAML, JSON, dotenv, CSV headers, --set paths) are data. Plain `obj[k] = v`
// with k = "__proto__" calls the prototype setter, and `obj[k]` with k = "constructor" reads an inherited function;
// these helpers read and write own properties only, so such keys stay ordinary keys.

/** Own enumerable data property `key` of `obj` set to `value` (never the `__proto__` setter, never inherited). */
export function setOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The own property `key` of `obj`, or undefined (inherited members such as `constructor` never count). */
export function getOwn(obj: unknown, key: string | number): unknown {
  if (typeof obj !== "object" || obj === null) return undefined;
  return Object.hasOwn(obj, key) ? (obj as Record<string | number, unknown>)[key] : undefined;
}

/** True when `obj` has an own property `key`. */
export function hasOwn(obj: unknown, key: string | number): boolean {
  return typeof obj === "object" && obj !== null && Object.hasOwn(obj, key);
}

/** Copy the own enumerable properties of `src` onto `target` as own data properties (Object.assign without setters). */
export function assignOwn(target: object, src: object): void {
  for (const [k, v] of Object.entries(src)) setOwn(target, k, v);
}

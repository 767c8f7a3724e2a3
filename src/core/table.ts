/**
 * Lookup tables keyed by names read from the scanned repository (callees, file extensions, YAML keys,
 * path tokens). A plain object literal answers `toString`, `constructor` or `valueOf` with
 * Object.prototype's functions, so such tables are built without a prototype: a name that is not in
 * the table is simply absent.
 */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

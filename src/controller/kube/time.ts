// The two time formats of the Kubernetes API, as its Go types parse them.

/** metav1.Time: RFC 3339 in whole seconds (conditions, Events). */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** metav1.MicroTime: RFC 3339 with exactly six fractional digits (Leases). */
export const microTime = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

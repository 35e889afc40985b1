// Kubernetes resource quantities (resource.Quantity), exact: values are held as bigint nano-units,
// so sums and maxima never suffer floating-point rounding.

const NANO = 1_000_000_000n;

const BINARY: Record<string, bigint> = {
  Ki: 1024n,
  Mi: 1024n ** 2n,
  Gi: 1024n ** 3n,
  Ti: 1024n ** 4n,
  Pi: 1024n ** 5n,
  Ei: 1024n ** 6n,
};
// Multipliers in nano-units for the decimal SI suffixes.
const DECIMAL_NANO: Record<string, bigint> = {
  n: 1n,
  u: 1_000n,
  m: 1_000_000n,
  "": NANO,
  k: NANO * 1_000n,
  M: NANO * 1_000_000n,
  G: NANO * 1_000_000_000n,
  T: NANO * 1_000_000_000_000n,
  P: NANO * 1_000_000_000_000_000n,
  E: NANO * 1_000_000_000_000_000_000n,
};

export type QuantityFormat = "BinarySI" | "DecimalSI";

export interface Quantity {
  /** The value in nano-units (1 = 10^-9), rounded up as Kubernetes rounds sub-nano values. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/** The unscaled value of a quantity's number and suffix, with its format. */
function scaledNumerator(digits: bigint, suffix: string | undefined, exponent: string | undefined): Quantity {
  if (suffix !== undefined && suffix in BINARY) {
    return { nanos: digits * (BINARY[suffix] ?? 1n) * NANO, format: "BinarySI" };
  }
  if (exponent !== undefined) {
    const e = BigInt(exponent);
    return { nanos: e >= 0n ? digits * 10n ** e * NANO : (digits * NANO) / 10n ** -e, format: "DecimalSI" };
  }
  return { nanos: digits * (DECIMAL_NANO[suffix ?? ""] ?? NANO), format: "DecimalSI" };
}

/** Parses a quantity such as `100m`, `1.5Gi`, `2`, `1e3`; undefined when it is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, sign, number = "", suffix, exponent] = m;
  const [whole = "", fraction = ""] = number.split(".");
  const scale = 10n ** BigInt(fraction.length);
  const { nanos: numerator, format } = scaledNumerator(BigInt((whole || "0") + fraction), suffix, exponent);
  const nanos = (numerator + scale - 1n) / scale; // round up, as resource.Quantity does
  return { nanos: sign === "-" ? -nanos : nanos, format };
}

/** Formats nano-units canonically: the largest suffix of the format that divides exactly. */
export function formatQuantity(q: Quantity): string {
  const { nanos } = q;
  if (nanos === 0n) return "0";
  const sign = nanos < 0n ? "-" : "";
  const abs = nanos < 0n ? -nanos : nanos;
  if (q.format === "BinarySI" && abs % NANO === 0n) {
    const units = abs / NANO;
    for (const suffix of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
      const factor = BINARY[suffix] ?? 1n;
      if (units % factor === 0n) return `${sign}${units / factor}${suffix}`;
    }
    return `${sign}${units}`;
  }
  for (const suffix of ["E", "P", "T", "G", "M", "k", "", "m", "u", "n"]) {
    const factor = DECIMAL_NANO[suffix] ?? 1n;
    if (abs % factor === 0n) return `${sign}${abs / factor}${suffix}`;
  }
  return `${sign}${abs}n`;
}

export const addQuantities = (a: Quantity, b: Quantity): Quantity => ({
  nanos: a.nanos + b.nanos,
  format: a.format,
});

export const maxQuantity = (a: Quantity, b: Quantity): Quantity => (b.nanos > a.nanos ? b : a);

// YAML as kubectl reads it. kubectl parses manifests with sigs.k8s.io/yaml over go-yaml v2,
// which resolves plain scalars by YAML 1.1 rules rather than the YAML 1.2 core schema that
// js-yaml uses by default. The difference is not cosmetic: `defaultMode: 0400` is 256 to kubectl
// and 400 to a 1.2 parser, which the API server then reads as mode 0620.
//
// go-yaml v2's resolver (resolve.go), reproduced here for plain (unquoted) scalars:
// - null: "", "~", null, Null, NULL;
// - bool: y, Y, yes, Yes, YES, true, True, TRUE, on, On, ON and their negatives
//   n, N, no, No, NO, false, False, FALSE, off, Off, OFF;
// - int: a scalar starting with a digit or a sign, with every "_" removed, that Go's
//   strconv.ParseInt (base 0) or ParseUint accepts: 0x1F, 0b101, 0o17, 0755 (octal), -12, 1_000;
// - float: the same scalars matching `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
//   (so "08" is 8 and 1e3 is 1000), a scalar starting with "." that Go's ParseFloat accepts,
//   and .inf, -.inf, +.inf, .nan in their three spellings;
// - merge keys (<<);
// - everything else is a string. Timestamps stay strings (go-yaml keeps them as text when
//   decoding into an untyped value), and base-60 numbers (1:20) are strings, as go-yaml
//   deliberately does not support them.
import {
  FAILSAFE_SCHEMA,
  NOT_RESOLVED,
  boolYaml11Tag,
  defineScalarTag,
  mergeTag,
  nullYaml11Tag,
  type Schema,
} from "js-yaml";

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;
const SIGN_OR_DIGIT = ["-", "+", ..."0123456789"];

/** Go's strconv.ParseInt(s, 0, 64), falling back to ParseUint, as an exact integer. */
function parseGoInteger(plain: string): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|0|[1-9][0-9]*)$/.exec(plain);
  if (!m) return undefined;
  const [, sign, digits = ""] = m;
  const lower = digits.toLowerCase();
  // A leading 0 alone means octal in Go (and YAML 1.1); BigInt spells it 0o.
  const literal = /^0[0-7]/.test(lower) ? `0o${lower.slice(1)}` : lower;
  const magnitude = BigInt(literal);
  const value = sign === "-" ? -magnitude : magnitude;
  return value >= INT64_MIN && value <= UINT64_MAX ? value : undefined;
}

const intTag = defineScalarTag("tag:yaml.org,2002:int", {
  implicit: true,
  implicitFirstChars: SIGN_OR_DIGIT,
  resolve: (source) => {
    const value = parseGoInteger(source.replaceAll("_", ""));
    // Number(-0n) is 0, never -0, as in Go.
    return value === undefined ? NOT_RESOLVED : Number(value);
  },
  identify: (data) => typeof data === "number" && Number.isInteger(data),
});

const GO_YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const LEADING_DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOATS: Record<string, number> = {};
for (const spelling of ["inf", "Inf", "INF"]) {
  SPECIAL_FLOATS[`.${spelling}`] = Infinity;
  SPECIAL_FLOATS[`+.${spelling}`] = Infinity;
  SPECIAL_FLOATS[`-.${spelling}`] = -Infinity;
}
for (const spelling of [".nan", ".NaN", ".NAN"]) SPECIAL_FLOATS[spelling] = NaN;

const floatTag = defineScalarTag("tag:yaml.org,2002:float", {
  implicit: true,
  implicitFirstChars: [...SIGN_OR_DIGIT, "."],
  resolve: (source) => {
    const special = SPECIAL_FLOATS[source];
    if (special !== undefined) return special;
    // go-yaml removes underscores for digit- and sign-led scalars only.
    const text = source.startsWith(".") ? source : source.replaceAll("_", "");
    if (!(source.startsWith(".") ? LEADING_DOT_FLOAT : GO_YAML_FLOAT).test(text)) return NOT_RESOLVED;
    const value = Number(text);
    // ParseFloat reports overflow (1e400) as an error, and go-yaml then keeps the string.
    return Number.isFinite(value) ? value : NOT_RESOLVED;
  },
  identify: (data) => typeof data === "number" && !Number.isInteger(data),
});

/** The schema to load manifests with so they mean what they mean to kubectl. */
export const KUBECTL_YAML_SCHEMA: Schema = FAILSAFE_SCHEMA.withTags(
  nullYaml11Tag,
  boolYaml11Tag,
  intTag,
  floatTag,
  mergeTag,
);

// Scalars resolve as kubectl (go-yaml v2, YAML 1.1) resolves them. The expected values are
// what go-yaml v2's resolve.go yields for each plain scalar.
import { describe, expect, it } from "vitest";
import { parseDocuments } from "../../../src/api/parse.js";

/** The value of `v:` for a plain scalar. */
const plain = (scalar: string): unknown => (parseDocuments(`v: ${scalar}\n`)[0] as { v: unknown }).v;

describe("YAML read as kubectl reads it", () => {
  it.each([
    ["0400", 256],
    ["0755", 493],
    ["0644", 420],
    ["00", 0],
    ["+0755", 493],
    ["-010", -8],
    ["0o17", 15],
    ["0O17", 15],
    ["0x1F", 31],
    ["0X1f", 31],
    ["-0x10", -16],
    ["0b101", 5],
    ["0B11", 3],
    ["-0b11", -3],
    ["1_000", 1000],
    ["0x_ff", 255],
    ["+12", 12],
    ["-0", 0],
    ["0", 0],
    ["18446744073709551615", 2 ** 64], // uint64's largest: a number near it in JavaScript
  ])("int %s is %d", (scalar, value) => {
    expect(plain(scalar)).toBe(value);
  });

  it.each([
    ["08", 8],
    ["09.5", 9.5],
    ["1e3", 1000],
    ["1.5", 1.5],
    ["1.", 1],
    ["-2.5e-1", -0.25],
    [".5", 0.5],
    ["+.5", 0.5],
    ["1_000.5", 1000.5],
    ["99999999999999999999", 1e20],
  ])("float %s is %d", (scalar, value) => {
    expect(plain(scalar)).toBe(value);
  });

  it("reads the special floats", () => {
    expect(plain(".inf")).toBe(Infinity);
    expect(plain("+.Inf")).toBe(Infinity);
    expect(plain("-.INF")).toBe(-Infinity);
    expect(plain(".NaN")).toBeNaN();
  });

  it.each(["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"])("%s is true", (s) => {
    expect(plain(s)).toBe(true);
  });

  it.each(["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"])("%s is false", (s) => {
    expect(plain(s)).toBe(false);
  });

  it.each(["~", "null", "Null", "NULL", ""])("%j is null", (s) => {
    expect(plain(s)).toBeNull();
  });

  it.each([
    "1:20", // base 60: go-yaml does not support it
    "190:20:30.15",
    "2001-12-14", // timestamps stay text when decoded into an untyped value
    "2001-12-14T21:59:43.10Z",
    "0x",
    "0xG",
    "0b102",
    "1e400", // overflows: ParseFloat fails, go-yaml keeps the string
    "0x1p3",
    "._5",
    "-.nan",
    "yES",
    "nO",
    "Off!",
    "+",
    "1.2.3",
    "0x10000000000000000",
  ])("%s stays a string", (scalar) => {
    expect(plain(scalar)).toBe(scalar);
  });

  it("leaves quoted scalars alone", () => {
    expect(parseDocuments(`a: "0400"\nb: 'yes'\nc: "1e3"\n`)[0]).toEqual({ a: "0400", b: "yes", c: "1e3" });
  });

  it("resolves mapping keys the same way, as JSON strings", () => {
    // So `y:` is the key "true" for kubectl, as here.
    expect(parseDocuments("y: 1\noff: 2\n0755: x\n")[0]).toEqual({ true: 1, false: 2, 493: "x" });
  });

  it("merges << keys", () => {
    expect(parseDocuments("base: &b {a: 1, b: 2}\nmerged: {<<: *b, b: 3}\n")[0]).toEqual({
      base: { a: 1, b: 2 },
      merged: { a: 1, b: 3 },
    });
  });

  it("honours explicit tags", () => {
    expect(parseDocuments("a: !!str 0400\nb: !!int 0400\nc: !!float 1\n")[0]).toEqual({ a: "0400", b: 256, c: 1 });
  });

  it("reads a volume's defaultMode as kubectl does", () => {
    const [doc] = parseDocuments("volumes:\n  - name: s\n    secret: {secretName: s, defaultMode: 0400}\n");
    expect(doc).toEqual({ volumes: [{ name: "s", secret: { secretName: "s", defaultMode: 256 } }] });
  });
});

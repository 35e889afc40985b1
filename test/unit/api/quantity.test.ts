import { describe, expect, it } from "vitest";
import { formatQuantity, parseQuantity, addQuantities } from "../../../src/api/quantity.js";

const nanos = (s: string) => parseQuantity(s)?.nanos;

describe("quantities", () => {
  it.each([
    ["1", 1_000_000_000n],
    ["100m", 100_000_000n],
    ["0.5", 500_000_000n],
    [".5", 500_000_000n],
    ["1Ki", 1024n * 1_000_000_000n],
    ["1Gi", 1024n ** 3n * 1_000_000_000n],
    ["1.5Gi", 3n * 512n * 1024n * 1024n * 1_000_000_000n],
    ["2k", 2_000n * 1_000_000_000n],
    ["1e3", 1_000n * 1_000_000_000n],
    ["1E", 10n ** 18n * 1_000_000_000n],
    ["-2", -2_000_000_000n],
    ["1n", 1n],
  ])("parses %s", (text, expected) => expect(nanos(text)).toBe(expected));

  it.each(["", "lots", "1.2.3", "1Gb", "1 Gi", "Gi"])("rejects %j", (text) =>
    expect(parseQuantity(text)).toBeUndefined(),
  );

  it.each([
    ["350m", "350m"],
    ["1000m", "1"],
    ["1024Mi", "1Gi"],
    ["1536Mi", "1536Mi"],
    ["1500M", "1500M"],
    ["0", "0"],
    ["0.1", "100m"],
  ])("formats %s canonically as %s", (text, expected) => expect(formatQuantity(parseQuantity(text)!)).toBe(expected));

  it("adds exactly, keeping the first operand's format", () => {
    const sum = addQuantities(parseQuantity("1Gi")!, parseQuantity("512Mi")!);
    expect(formatQuantity(sum)).toBe("1536Mi");
    expect(formatQuantity(addQuantities(parseQuantity("0.1")!, parseQuantity("0.2")!))).toBe("300m");
  });
});

// render(convert(P)) gives back P for real multi-container Pods written by other projects (the
// fixtures name their sources), up to the operator's own labels and annotations and what convert
// reports it cannot carry; and for Pod specs that report must be empty.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  POD_FIXTURES,
  REFUSED_FIXTURES,
  carriedFixtures,
  convertFixture,
  fixtureDocument,
  podFixtures,
  podTemplateOf,
  renderConverted,
  roundTripDifferences,
} from "../../support/round-trip.js";

describe("round trip of real Pods through convert and render", () => {
  it("has at least 12 fixtures, each naming its source and licence", () => {
    expect(podFixtures().length).toBeGreaterThanOrEqual(12);
    for (const file of podFixtures()) {
      const head = readFileSync(join(POD_FIXTURES, file), "utf8").split("\n").slice(0, 3).join("\n");
      expect(head, file).toMatch(
        /^# Source: https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\/\S+\n# Repository: .+\n# Licence: \S+/,
      );
    }
  });

  it.each(podFixtures())("%s: convert carries every field of the Pod spec", (file) => {
    const c = convertFixture(file);
    const { specPath } = podTemplateOf(fixtureDocument(file));
    const podLost = c.lost.map((l) => l.path).filter((p) => p.startsWith(specPath) || p.includes("template.metadata"));
    expect(podLost).toEqual([]);
  });

  it.each(carriedFixtures())("%s: render(convert(P)) equals P", (file) => {
    const c = convertFixture(file);
    expect(c.invalid).toEqual([]);
    expect(roundTripDifferences(fixtureDocument(file), c, renderConverted(c))).toEqual([]);
  });

  it.each(Object.entries(REFUSED_FIXTURES))("%s: refused with a reason", (file, reason) => {
    const c = convertFixture(file);
    expect(c.invalid.join("\n")).toMatch(reason);
  });
});

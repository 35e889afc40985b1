// Property: every generated valid CompositeApp validates, renders, renders the same twice, and
// keeps its revision when its keys are written in another order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryApp, reorderKeys } from "../../support/arbitrary-app.js";
import { PROPERTY_SEED, validateAndRender } from "../../support/render-generated.js";

const RUNS = 10_000;

describe("generated CompositeApps", () => {
  it(`${RUNS} valid apps: validate accepts, render is deterministic, revision ignores key order`, () => {
    let checked = 0;
    const started = performance.now();
    fc.assert(
      fc.property(arbitraryApp, fc.integer(), (app, shuffleSeed) => {
        const first = validateAndRender(app);
        expect(first.errors).toEqual([]);
        // Deterministic down to key order: plain JSON text (canonicalJson on every Pod doubled the
        // test's time).
        const again = validateAndRender(structuredClone(app));
        expect(JSON.stringify(again.pod)).toBe(JSON.stringify(first.pod));
        let state = shuffleSeed;
        const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
        const reordered = validateAndRender(reorderKeys(app, random));
        expect(reordered.revision).toBe(first.revision);
        expect(reordered.pod).toEqual(first.pod);
        checked++;
      }),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
    expect(checked).toBe(RUNS);
    console.log(
      `generated-apps: ${checked} apps checked in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${PROPERTY_SEED})`,
    );
  }, 600_000);
});

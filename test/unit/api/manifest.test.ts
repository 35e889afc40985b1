// compositeApp(): a manifest from metadata and spec, checked by the rules `compositeapp validate`
// applies, or an error naming every problem.
import { describe, expect, it } from "vitest";
import {
  compositeApp,
  InvalidCompositeAppError,
  validateCompositeApp,
  type CompositeAppSpec,
} from "../../../src/index.js";

const spec: CompositeAppSpec = {
  volumes: [{ name: "logs" }],
  main: { name: "web", image: "registry.example/shop:1.4", ports: [{ containerPort: 8080 }] },
  sidecars: [{ name: "log-shipper", preset: { logShipper: { volume: "logs", files: ["access.log"] } } }],
};

describe("compositeApp()", () => {
  it("returns the app as written, with apiVersion and kind, and the defaults left to the server", () => {
    const app = compositeApp({ metadata: { name: "shop", namespace: "team-a" }, spec });
    expect(app).toEqual({
      apiVersion: "compositeapp.io/v1alpha1",
      kind: "CompositeApp",
      metadata: { name: "shop", namespace: "team-a" },
      spec,
    });
    expect(app.spec).not.toHaveProperty("replicas");
  });

  it("returns what it checked: a later change to the caller's objects does not reach it", () => {
    const main = { name: "web", image: "registry.example/shop:1.4" };
    const app = compositeApp({ metadata: { name: "shop" }, spec: { main } });
    main.image = "";
    expect(app.spec.main.image).toBe("registry.example/shop:1.4");
  });

  it("is what validateCompositeApp() accepts, with the defaults filled in", () => {
    const checked = validateCompositeApp(compositeApp({ metadata: { name: "shop" }, spec }));
    expect(checked.ok && checked.app.spec.replicas).toBe(1);
    expect(checked.ok && checked.app.spec.sidecars[0]?.preset?.logShipper?.mountPath).toBe("/var/log/app");
  });

  it("throws every problem of an invalid app, each with its path, as the CLI reports them", () => {
    const clash = {
      ...spec,
      main: { name: "web", image: "registry.example/shop:1.4", ports: [{ containerPort: 9102 }] },
      adapters: [{ name: "metrics", preset: { prometheusMetrics: { volume: "data", file: "m" } } }],
    };
    let thrown: unknown;
    try {
      compositeApp({ metadata: { name: "shop" }, spec: clash });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(InvalidCompositeAppError);
    const error = thrown as InvalidCompositeAppError;
    expect(error.app).toBe("shop");
    expect(error.errors).toEqual([
      'spec.adapters[0].preset.prometheusMetrics.volume: volume "data" is not declared in spec.volumes',
      'spec.adapters[0].preset.prometheusMetrics.port: port 9102/TCP is already used by container "web"; the containers of a Pod share one network namespace',
    ]);
    expect(error.message).toBe(`CompositeApp "shop" is invalid:\n  ${error.errors.join("\n  ")}`);
  });

  it("refuses what JavaScript callers can pass that the types forbid, such as a missing image", () => {
    const untyped = { metadata: { name: "shop" }, spec: { main: { name: "web" } } } as unknown as Parameters<
      typeof compositeApp
    >[0];
    expect(() => compositeApp(untyped)).toThrow("spec.main.image: required field is missing");
  });
});

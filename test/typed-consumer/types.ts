// What the exported types accept and refuse, checked by the TypeScript compiler against the packed
// package (test/unit/package/published.test.ts). Each `@ts-expect-error` marks a mistake that must
// not compile: the test also checks that each one is an error when its directive is removed.
import {
  API_VERSION,
  CompositeAppSchema,
  InvalidCompositeAppError,
  KIND,
  PRESET_NAMES,
  compositeApp,
  validateCompositeApp,
  type Adapter,
  type Ambassador,
  type CompositeApp,
  type CompositeAppSpec,
  type DisruptionBudget,
  type InitContainer,
  type MainContainer,
  type PodOptions,
  type PresetName,
  type SecurityProfile,
  type Sidecar,
  type ValidatedCompositeApp,
  type Volume,
} from "compositeapp";

const volumes: Volume[] = [{ name: "logs" }, { name: "config", configMap: { name: "shop-config" } }];
const main: MainContainer = {
  name: "web",
  image: "registry.example/shop:1.4",
  imagePullPolicy: "IfNotPresent",
  ports: [{ containerPort: 8080, protocol: "TCP" }],
  resources: { requests: { cpu: "100m", memory: "64Mi" } },
};
const migrate: InitContainer = { name: "migrate", image: "registry.example/shop-migrate:1.4" };
const reloader: Sidecar = {
  name: "reloader",
  preset: { configReloader: { volume: "config", url: "http://localhost:8080/-/reload" } },
  placement: { mode: "Native" },
};
const proxy: Ambassador = { name: "db", preset: { tcpProxy: { listenPort: 5432, upstream: "db.example:5432" } } };
const metrics: Adapter = { name: "metrics", preset: { prometheusMetrics: { volume: "logs", file: "stats" } } };
const pod: PodOptions = { terminationGracePeriodSeconds: 10, labels: { team: "shop" } };
const budget: DisruptionBudget = { maxUnavailable: "50%" };
const securityProfile: SecurityProfile = "Restricted";

// The input form: defaulted fields (replicas, sidecarMode, updateStrategy, ...) may be left out.
const spec: CompositeAppSpec = {
  volumes,
  initContainers: [migrate],
  main,
  sidecars: [reloader],
  ambassadors: [proxy],
  adapters: [metrics],
  pod,
  disruptionBudget: budget,
  securityProfile,
};
const app: CompositeApp = compositeApp({ metadata: { name: "shop", namespace: "team-a" }, spec });
const written: CompositeApp = { apiVersion: API_VERSION, kind: KIND, metadata: { name: "plain" }, spec: { main } };

// The output form, as validation returns it and the operator reads it: every default is there.
const checked = validateCompositeApp(app);
if (checked.ok) {
  const validated: ValidatedCompositeApp = checked.app;
  const replicas: number = validated.spec.replicas;
  const mode: "Auto" | "Native" | "Classic" = validated.spec.sidecarMode;
  const mountPath: string | undefined = validated.spec.adapters[0]?.preset?.prometheusMetrics?.mountPath;
  console.log(replicas, mode, mountPath);
} else {
  const errors: string[] = checked.errors;
  console.log(errors);
}
const parsed = CompositeAppSchema.safeParse(written);
const presets: readonly PresetName[] = PRESET_NAMES;
try {
  compositeApp({ metadata: { name: "bad" }, spec: { main: { name: "web", image: "" } } });
} catch (err) {
  if (err instanceof InvalidCompositeAppError) console.log(err.app, err.errors.join("\n"));
}
console.log(parsed.success, presets);

const mistakes: MainContainer[] = [
  // @ts-expect-error: the main container needs an image
  { name: "web" },
  // @ts-expect-error: a misspelt field is refused, as the API server refuses it
  { name: "web", image: "shop:1.4", imagePullPolice: "Always" },
  // @ts-expect-error: an enum of core/v1
  { name: "web", image: "shop:1.4", imagePullPolicy: "Sometimes" },
];
const wrongRole: Sidecar = {
  name: "db",
  // @ts-expect-error: tcpProxy is an ambassador's preset, not a sidecar's
  preset: { tcpProxy: { listenPort: 5432, upstream: "db.example:5432" } },
};
const wrongParam: Ambassador = {
  name: "db",
  // @ts-expect-error: a preset's parameter has its type: listenPort is a number
  preset: { tcpProxy: { listenPort: "5432", upstream: "db.example:5432" } },
};
const wrongMode: CompositeAppSpec = {
  main,
  // @ts-expect-error: sidecarMode is Auto, Native or Classic
  sidecarMode: "Sidecar",
};
// @ts-expect-error: the only profile is Restricted (Pod Security's level names are not profiles)
const wrongProfile: SecurityProfile = "Baseline";
const wrongVersion: CompositeApp = {
  // @ts-expect-error: the API's version is compositeapp.io/v1alpha1
  apiVersion: "compositeapp.io/v1",
  kind: KIND,
  metadata: { name: "old" },
  spec: { main },
};
// @ts-expect-error: what a user writes lacks the defaults the output form has (replicas, ...)
const notValidated: ValidatedCompositeApp = app;
// @ts-expect-error: compositeApp() needs the app's name
compositeApp({ metadata: {}, spec: { main } });
console.log(mistakes, wrongRole, wrongParam, wrongMode, wrongProfile, wrongVersion, notValidated);

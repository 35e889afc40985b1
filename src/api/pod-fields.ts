// Field shapes the Pod's own validation imposes (k8s.io/kubernetes pkg/apis/core/validation), in
// both forms: zod for `validate` and the operator, and OpenAPI pattern / CEL for the CRD, so an
// app the API server accepts renders to a Pod it accepts too. CEL rules here are sized for the
// API server's cost estimate: every map they iterate is bounded by maxProperties and every string
// they match by maxLength.
import { z } from "zod";
import { parseQuantity } from "./quantity.js";

// ---- names --------------------------------------------------------------------------------------

// Segments of lowercase letters and digits joined by single dashes, one segment with a letter: an
// IANA_SVC_NAME but for its length, as an RE2 pattern (no lookahead), so the CRD needs no CEL.
const IANA_SVC_NAME = /^([a-z0-9]+-)*[a-z0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const IANA_MESSAGE =
  "must be an IANA_SVC_NAME: at most 15 lowercase letters, digits and '-', with at least one letter, no '--', starting and ending with a letter or digit";
const isIanaSvcName = (s: string) => s.length <= 15 && IANA_SVC_NAME.test(s);

/** A port name: IANA_SVC_NAME, as the Pod's ports and probes require. */
export const ianaSvcName = () =>
  z
    .string()
    .max(15)
    .refine(isIanaSvcName, { error: IANA_MESSAGE })
    .meta({
      pattern: IANA_SVC_NAME.source,
      "x-kubernetes-validations": [{ rule: "self.matches('[a-z]') && !self.contains('--')", message: IANA_MESSAGE }],
    });

/** A probe's port: a number 1-65535 or a port name. */
export const probePort = () =>
  z
    .union([z.int(), z.string()])
    .refine((p) => (typeof p === "number" ? p >= 1 && p <= 65535 : isIanaSvcName(p)), {
      error: `must be a port number between 1 and 65535 or a port name that ${IANA_MESSAGE.replace("must be", "is")}`,
    })
    .meta({
      "x-kubernetes-int-or-string": true,
      // pattern and maxLength constrain the string form, minimum and maximum the int form: no CEL,
      // whose estimated cost over every probe and lifecycle handler of every container exceeds the
      // API server's budget.
      pattern: IANA_SVC_NAME.source,
      maxLength: 15,
      minimum: 1,
      maximum: 65535,
    });

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** An environment variable name every supported Kubernetes version accepts. */
export const envVarName = () =>
  z.string().min(1).max(256).regex(ENV_NAME, {
    error: "must consist of letters, digits, '_', '-' or '.', and must not start with a digit",
  });

// ---- labels and annotations ---------------------------------------------------------------------

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const QUALIFIED_MESSAGE =
  "keys must be qualified names: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const MAX_KEYS = 64;
/** A JS regex as a CEL raw string literal. */
const celRegex = (re: RegExp) => `r'${re.source.replaceAll("\\/", "/")}'`;

const qualifiedKey = () =>
  z
    .string()
    .max(253 + 1 + 63)
    .regex(QUALIFIED_NAME, { error: QUALIFIED_MESSAGE });

const keysRule = {
  rule: `self.all(k, size(k) <= 317 && k.matches(${celRegex(QUALIFIED_NAME)}))`,
  message: QUALIFIED_MESSAGE,
};

/** Labels (and node selectors): qualified-name keys, label values. */
export const labelMap = () =>
  z
    .record(
      qualifiedKey(),
      z.string().max(63).regex(LABEL_VALUE, {
        error:
          "label values must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
      }),
    )
    .refine((m) => Object.keys(m).length <= MAX_KEYS, { error: `at most ${MAX_KEYS} entries` })
    .meta({ maxProperties: MAX_KEYS, "x-kubernetes-validations": [keysRule] });

/** Annotations: qualified-name keys, any values. */
export const annotationMap = () =>
  z
    .record(qualifiedKey(), z.string())
    .refine((m) => Object.keys(m).length <= MAX_KEYS, { error: `at most ${MAX_KEYS} entries` })
    .meta({ maxProperties: MAX_KEYS, "x-kubernetes-validations": [keysRule] });

// ---- resources ----------------------------------------------------------------------------------

const RESOURCE_NAME =
  /^(cpu|memory|ephemeral-storage|hugepages-[0-9A-Za-z.]+|[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
export const MAX_RESOURCES = 16;
const MAX_QUANTITY_LENGTH = 64;
const NON_NEGATIVE_QUANTITY =
  "^\\+?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";
const RESOURCE_NAME_MESSAGE =
  "resource names must be cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed extended resource such as example.com/gpu";

/** Requests or limits: known resource names, non-negative quantities. */
export const resourceList = <Q extends z.ZodType<number | string>>(quantity: Q) =>
  z
    .record(
      z.string().max(253).regex(RESOURCE_NAME, { error: RESOURCE_NAME_MESSAGE }),
      quantity
        .refine((q) => !String(q).trim().startsWith("-"), { error: "must be greater than or equal to 0" })
        .refine((q) => String(q).length <= MAX_QUANTITY_LENGTH, {
          error: `must be at most ${MAX_QUANTITY_LENGTH} characters`,
        })
        // pattern and maxLength constrain the string form, minimum the int form: no CEL, whose
        // estimated cost over every value of every container's map exceeds the API server's budget.
        .meta({ pattern: NON_NEGATIVE_QUANTITY, maxLength: MAX_QUANTITY_LENGTH, minimum: 0 }),
    )
    .refine((m) => Object.keys(m).length <= MAX_RESOURCES, { error: `at most ${MAX_RESOURCES} resources` })
    .meta({
      maxProperties: MAX_RESOURCES,
      "x-kubernetes-validations": [
        {
          rule: `self.all(k, size(k) <= 253 && k.matches(${celRegex(RESOURCE_NAME)}))`,
          message: RESOURCE_NAME_MESSAGE,
        },
      ],
    });

// ---- whole objects (wrapped around the generated schema) ----------------------------------------

const PROBE_HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;
const ONE_HANDLER = `a probe must set exactly one handler: ${PROBE_HANDLERS.join(", ")}`;

/** A probe with exactly one handler. */
export const oneProbeHandler = <T extends z.ZodType<Partial<Record<(typeof PROBE_HANDLERS)[number], unknown>>>>(
  probe: T,
) =>
  probe
    .refine((p) => PROBE_HANDLERS.filter((h) => p[h] !== undefined).length === 1, { error: ONE_HANDLER })
    .meta({
      "x-kubernetes-validations": [
        {
          rule: `[${PROBE_HANDLERS.map((h) => `has(self.${h})`).join(", ")}].filter(x, x).size() == 1`,
          message: ONE_HANDLER,
        },
      ],
    });

const VALUE_OR_VALUE_FROM = "value and valueFrom cannot both be set";

/** An environment variable with a non-empty value or a valueFrom, not both. */
export const valueOrValueFrom = <T extends z.ZodType<{ value?: string; valueFrom?: unknown }>>(env: T) =>
  env
    .refine((e) => !(e.value && e.valueFrom), { error: VALUE_OR_VALUE_FROM, path: ["valueFrom"] })
    .meta({
      "x-kubernetes-validations": [
        { rule: "!has(self.valueFrom) || !has(self.value) || self.value == ''", message: VALUE_OR_VALUE_FROM },
      ],
    });

type Quantities = Record<string, number | string>;

/**
 * Requests at most their limits. zod only: as CEL it has to parse every value with quantity(), and
 * the API server estimates that rule, over all containers, at 13x its budget for a CRD. The API
 * server still rejects such a Pod when it is created.
 */
export const requestsWithinLimits = <T extends z.ZodType<{ requests?: Quantities; limits?: Quantities }>>(
  resources: T,
) =>
  resources.superRefine((r, ctx) => {
    for (const [name, request] of Object.entries(r.requests ?? {})) {
      const limit = r.limits?.[name];
      const req = parseQuantity(String(request));
      const lim = limit === undefined ? undefined : parseQuantity(String(limit));
      if (req && lim && req.nanos > lim.nanos) {
        ctx.addIssue({
          code: "custom",
          path: ["requests", name],
          message: `request ${request} is greater than the limit ${limit}; a request must be less than or equal to its limit`,
        });
      }
    }
  });

// Generates the CustomResourceDefinition from the zod schema, turning JSON Schema into the
// structural OpenAPI v3 subset Kubernetes accepts.
import { dump } from "js-yaml";
import { z } from "zod";
import {
  CompositeAppSpec,
  CompositeAppStatus,
  GROUP,
  KIND,
  PLURAL,
  VERSION,
  compositeAppSpecSchema,
} from "./compositeapp.js";
import { PRESETS, type AnyPreset } from "./presets.js";

type JsonSchema = Record<string, unknown>;

const SAFE_INT = 9007199254740991;
// Kubernetes' own pattern for resource.Quantity, as controller-gen emits it.
const QUANTITY_PATTERN =
  "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

/** The keywords an int-or-string node keeps: pattern and maxLength constrain the string form only,
 * minimum and maximum the int form; CEL sees either. Zod's safe-integer bounds are dropped. */
function intOrStringKeywords(node: JsonSchema, quantity: boolean): JsonSchema {
  const { pattern, maxLength, minimum, maximum, "x-kubernetes-validations": rules } = node;
  const kept: JsonSchema = {};
  if (typeof pattern === "string") kept.pattern = pattern;
  else if (quantity) kept.pattern = QUANTITY_PATTERN;
  if (typeof maxLength === "number") kept.maxLength = maxLength;
  if (typeof minimum === "number" && minimum > -SAFE_INT) kept.minimum = minimum;
  if (typeof maximum === "number" && maximum < SAFE_INT) kept.maximum = maximum;
  if (rules !== undefined) kept["x-kubernetes-validations"] = rules;
  return kept;
}

/** int-or-string nodes become the one junctor form Kubernetes allows. */
function intOrStringNode(node: JsonSchema): void {
  const quantity = node["compositeapp.io/quantity"] === true || node.pattern === QUANTITY_PATTERN;
  const kept = intOrStringKeywords(node, quantity);
  for (const key of Object.keys(node)) {
    if (key !== "description" && key !== "default") delete node[key];
  }
  Object.assign(node, { anyOf: [{ type: "integer" }, { type: "string" }], "x-kubernetes-int-or-string": true }, kept);
}

/** Removes what zod emits but a structural schema forbids or does not need. */
function stripForbidden(node: JsonSchema): void {
  if (node.additionalProperties === false) delete node.additionalProperties;
  delete node.propertyNames;
  if (node.type === "integer" && node.minimum === -SAFE_INT) delete node.minimum;
  if (node.type === "integer" && node.maximum === SAFE_INT) delete node.maximum;
  if (node.format === "date-time") delete node.pattern;
}

/** Rewrites one node in place into its structural form. */
function structural(node: JsonSchema): void {
  if (node["x-kubernetes-int-or-string"] === true) return intOrStringNode(node);
  if (node["x-kubernetes-preserve-unknown-fields"] === true) {
    node.type = "object";
    delete node.additionalProperties;
    delete node.propertyNames;
    return;
  }
  stripForbidden(node);
}

export function openApiSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: "openapi-3.0",
    io: "input",
    unrepresentable: "throw",
    override: (ctx) => structural(ctx.jsonSchema as JsonSchema),
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

/**
 * Drops upstream descriptions below a container's own fields. The container lists other than
 * spec.main repeat the core/v1 Container four times; with every description in each copy the CRD
 * would be 410 kB of JSON, so only spec.main, spec.pod and spec.volumes keep the full text
 * (`kubectl explain compositeapp.spec.main...`), and the other lists keep one line per field.
 * The project's own `preset` subtree is kept whole.
 */
function shortenDescriptions(node: JsonSchema, depth: number): void {
  if (depth <= 0) delete node.description;
  for (const [key, child] of Object.entries((node.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    if (key !== "preset") shortenDescriptions(child, depth - 1);
  }
  for (const key of ["items", "additionalProperties"]) {
    const child = node[key];
    if (child && typeof child === "object") shortenDescriptions(child as JsonSchema, depth);
  }
}

/** The spec's schema, with repeated container copies carrying short descriptions. */
function specSchema(registry: readonly AnyPreset[]): JsonSchema {
  const schema = openApiSchema(registry === PRESETS ? CompositeAppSpec : compositeAppSpecSchema(registry));
  const props = schema.properties as Record<string, JsonSchema>;
  for (const list of ["initContainers", "sidecars", "ambassadors", "adapters"]) {
    shortenDescriptions(props[list]!.items as JsonSchema, 2);
  }
  return schema;
}

export const CRD_NAME = `${PLURAL}.${GROUP}`;

/** The CRD; its presets are the registry's (the built-in one but in tests). */
export function customResourceDefinition(registry: readonly AnyPreset[] = PRESETS): JsonSchema {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: {
      name: CRD_NAME,
      labels: { "app.kubernetes.io/name": "compositeapp", "app.kubernetes.io/component": "crd" },
    },
    spec: {
      group: GROUP,
      names: {
        kind: KIND,
        listKind: `${KIND}List`,
        plural: PLURAL,
        singular: KIND.toLowerCase(),
        shortNames: ["capp"],
        categories: ["compositeapp"],
      },
      scope: "Namespaced",
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          subresources: {
            status: {},
            // kubectl scale and HorizontalPodAutoscalers read and write replicas through /scale.
            scale: {
              specReplicasPath: ".spec.replicas",
              statusReplicasPath: ".status.replicas",
              labelSelectorPath: ".status.selector",
            },
          },
          additionalPrinterColumns: [
            { name: "Replicas", type: "integer", jsonPath: ".spec.replicas", description: "Desired Pods" },
            {
              name: "Ready",
              type: "integer",
              jsonPath: ".status.readyReplicas",
              description: "Pods with every container ready",
            },
            {
              name: "Up-to-date",
              type: "integer",
              jsonPath: ".status.updatedReplicas",
              description: "Pods at the current revision",
            },
            { name: "Revision", type: "string", jsonPath: ".status.revision" },
            { name: "Status", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].reason' },
            { name: "Mode", type: "string", jsonPath: ".status.sidecarMode", priority: 1 },
            { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
          ],
          schema: {
            openAPIV3Schema: {
              type: "object",
              description:
                "CompositeApp renders and keeps Pods made of a main container and its sidecars, ambassadors and adapters.",
              required: ["spec"],
              properties: {
                apiVersion: { type: "string" },
                kind: { type: "string" },
                metadata: { type: "object" },
                spec: specSchema(registry),
                status: openApiSchema(CompositeAppStatus),
              },
              "x-kubernetes-validations": [
                {
                  rule: "size(self.metadata.name) <= 63",
                  message: "metadata.name must be at most 63 characters: it is used as a label value on the Pods",
                },
              ],
            },
          },
        },
      ],
    },
  };
}

export const CRD_FILE = "crds/compositeapp.io_compositeapps.yaml";

/** The CRD as the YAML file kept in crds/ (and printed by `compositeapp crd`). */
export function crdManifestYaml(): string {
  return `# Generated from src/api by \`npm run generate\`; do not edit by hand.\n${dump(customResourceDefinition(), { noRefs: true, lineWidth: -1 })}`;
}

// Generated from k8s.io/kubernetes@v1.33.13 (api/openapi-spec/v3/api__v1_openapi.json) by `npm run generate:core`;
// do not edit. Input: src/api/generated/core-v1.openapi.json; overlays: src/api/codegen/overlays.ts.
/* eslint-disable */
import { z } from "zod";
import { dnsLabel, intOrString, quantity, uniqueKeys } from "../refinements.js";
import { envVarName, ianaSvcName, labelMap, oneProbeHandler, probePort, requestsWithinLimits, resourceList, valueOrValueFrom } from "../pod-fields.js";

/** io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource */
export const AWSElasticBlockStoreVolumeSource = z.strictObject({
  "volumeID": z.string().meta({"description":"volumeID is unique ID of the persistent disk resource in AWS (Amazon EBS volume). More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore"}),
  "fsType": z.string().optional().meta({"description":"fsType is the filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore"}),
  "partition": z.int().optional().meta({"description":"partition is the partition in the volume that you want to mount. If omitted, the default is to mount by volume name. Examples: For volume /dev/sda1, you specify the partition as \"1\". Similarly, the volume partition for /dev/sda is \"0\" (or you can leave the property empty).","format":"int32"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly value true will force the readOnly setting in VolumeMounts. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore"}),
}).meta({"description":"Represents a Persistent Disk resource in AWS.\n\nAn AWS EBS disk must exist before mounting to a container. The disk must also be in the same AWS zone as the kubelet. An AWS EBS disk can only be mounted as read/write once. AWS EBS volumes support ownership management and SELinux relabeling."});
export type AWSElasticBlockStoreVolumeSource = z.output<typeof AWSElasticBlockStoreVolumeSource>;

/** io.k8s.api.core.v1.NodeSelectorRequirement */
export const NodeSelectorRequirement = z.strictObject({
  "key": z.string().meta({"description":"The label key that the selector applies to."}),
  "operator": z.enum(["DoesNotExist","Exists","Gt","In","Lt","NotIn"]).meta({"description":"Represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt."}),
  "values": z.array(z.string()).optional().meta({"description":"An array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer. This array is replaced during a strategic merge patch.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values."});
export type NodeSelectorRequirement = z.output<typeof NodeSelectorRequirement>;

/** io.k8s.api.core.v1.NodeSelectorTerm */
export const NodeSelectorTerm = z.strictObject({
  "matchExpressions": z.array(NodeSelectorRequirement).optional().meta({"description":"A list of node selector requirements by node's labels.","x-kubernetes-list-type":"atomic"}),
  "matchFields": z.array(NodeSelectorRequirement).optional().meta({"description":"A list of node selector requirements by node's fields.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"A null or empty node selector term matches no objects. The requirements of them are ANDed. The TopologySelectorTerm type implements a subset of the NodeSelectorTerm.","x-kubernetes-map-type":"atomic"});
export type NodeSelectorTerm = z.output<typeof NodeSelectorTerm>;

/** io.k8s.api.core.v1.NodeSelector */
export const NodeSelector = z.strictObject({
  "nodeSelectorTerms": z.array(NodeSelectorTerm).meta({"description":"Required. A list of node selector terms. The terms are ORed.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"A node selector represents the union of the results of one or more label queries over a set of nodes; that is, it represents the OR of the selectors represented by the node selector terms.","x-kubernetes-map-type":"atomic"});
export type NodeSelector = z.output<typeof NodeSelector>;

/** io.k8s.api.core.v1.PreferredSchedulingTerm */
export const PreferredSchedulingTerm = z.strictObject({
  "weight": z.int().meta({"description":"Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.","format":"int32"}),
  "preference": NodeSelectorTerm.meta({"description":"A node selector term, associated with the corresponding weight."}),
}).meta({"description":"An empty preferred scheduling term matches all objects with implicit weight 0 (i.e. it's a no-op). A null preferred scheduling term matches no objects (i.e. is also a no-op)."});
export type PreferredSchedulingTerm = z.output<typeof PreferredSchedulingTerm>;

/** io.k8s.api.core.v1.NodeAffinity */
export const NodeAffinity = z.strictObject({
  "requiredDuringSchedulingIgnoredDuringExecution": NodeSelector.optional().meta({"description":"If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to an update), the system may or may not try to eventually evict the pod from its node."}),
  "preferredDuringSchedulingIgnoredDuringExecution": z.array(PreferredSchedulingTerm).optional().meta({"description":"The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding \"weight\" to the sum if the node matches the corresponding matchExpressions; the node(s) with the highest sum are the most preferred.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"Node affinity is a group of node affinity scheduling rules."});
export type NodeAffinity = z.output<typeof NodeAffinity>;

/** io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement */
export const LabelSelectorRequirement = z.strictObject({
  "key": z.string().meta({"description":"key is the label key that the selector applies to."}),
  "operator": z.string().meta({"description":"operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist."}),
  "values": z.array(z.string()).optional().meta({"description":"values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values."});
export type LabelSelectorRequirement = z.output<typeof LabelSelectorRequirement>;

/** io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector */
export const LabelSelector = z.strictObject({
  "matchExpressions": z.array(LabelSelectorRequirement).optional().meta({"description":"matchExpressions is a list of label selector requirements. The requirements are ANDed.","x-kubernetes-list-type":"atomic"}),
  "matchLabels": z.record(z.string(), z.string()).optional().meta({"description":"matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is \"key\", the operator is \"In\", and the values array contains only \"value\". The requirements are ANDed."}),
}).meta({"description":"A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.","x-kubernetes-map-type":"atomic"});
export type LabelSelector = z.output<typeof LabelSelector>;

/** io.k8s.api.core.v1.PodAffinityTerm */
export const PodAffinityTerm = z.strictObject({
  "labelSelector": LabelSelector.optional().meta({"description":"A label query over a set of resources, in this case pods. If it's null, this PodAffinityTerm matches with no Pods."}),
  "namespaces": z.array(z.string()).optional().meta({"description":"namespaces specifies a static list of namespace names that the term applies to. The term is applied to the union of the namespaces listed in this field and the ones selected by namespaceSelector. null or empty namespaces list and null namespaceSelector means \"this pod's namespace\".","x-kubernetes-list-type":"atomic"}),
  "topologyKey": z.string().meta({"description":"This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running. Empty topologyKey is not allowed."}),
  "namespaceSelector": LabelSelector.optional().meta({"description":"A label query over the set of namespaces that the term applies to. The term is applied to the union of the namespaces selected by this field and the ones listed in the namespaces field. null selector and null or empty namespaces list means \"this pod's namespace\". An empty selector ({}) matches all namespaces."}),
  "matchLabelKeys": z.array(z.string()).optional().meta({"description":"MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with `labelSelector` as `key in (value)` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both matchLabelKeys and labelSelector. Also, matchLabelKeys cannot be set when labelSelector isn't set.","x-kubernetes-list-type":"atomic"}),
  "mismatchLabelKeys": z.array(z.string()).optional().meta({"description":"MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with `labelSelector` as `key notin (value)` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both mismatchLabelKeys and labelSelector. Also, mismatchLabelKeys cannot be set when labelSelector isn't set.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"Defines a set of pods (namely those matching the labelSelector relative to the given namespace(s)) that this pod should be co-located (affinity) or not co-located (anti-affinity) with, where co-located is defined as running on a node whose value of the label with key <topologyKey> matches that of any node on which a pod of the set of pods is running"});
export type PodAffinityTerm = z.output<typeof PodAffinityTerm>;

/** io.k8s.api.core.v1.WeightedPodAffinityTerm */
export const WeightedPodAffinityTerm = z.strictObject({
  "weight": z.int().meta({"description":"weight associated with matching the corresponding podAffinityTerm, in the range 1-100.","format":"int32"}),
  "podAffinityTerm": PodAffinityTerm.meta({"description":"Required. A pod affinity term, associated with the corresponding weight."}),
}).meta({"description":"The weights of all of the matched WeightedPodAffinityTerm fields are added per-node to find the most preferred node(s)"});
export type WeightedPodAffinityTerm = z.output<typeof WeightedPodAffinityTerm>;

/** io.k8s.api.core.v1.PodAffinity */
export const PodAffinity = z.strictObject({
  "requiredDuringSchedulingIgnoredDuringExecution": z.array(PodAffinityTerm).optional().meta({"description":"If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.","x-kubernetes-list-type":"atomic"}),
  "preferredDuringSchedulingIgnoredDuringExecution": z.array(WeightedPodAffinityTerm).optional().meta({"description":"The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding \"weight\" to the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"Pod affinity is a group of inter pod affinity scheduling rules."});
export type PodAffinity = z.output<typeof PodAffinity>;

/** io.k8s.api.core.v1.PodAntiAffinity */
export const PodAntiAffinity = z.strictObject({
  "requiredDuringSchedulingIgnoredDuringExecution": z.array(PodAffinityTerm).optional().meta({"description":"If the anti-affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the anti-affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.","x-kubernetes-list-type":"atomic"}),
  "preferredDuringSchedulingIgnoredDuringExecution": z.array(WeightedPodAffinityTerm).optional().meta({"description":"The scheduler will prefer to schedule pods to nodes that satisfy the anti-affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling anti-affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding \"weight\" to the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"Pod anti affinity is a group of inter pod anti affinity scheduling rules."});
export type PodAntiAffinity = z.output<typeof PodAntiAffinity>;

/** io.k8s.api.core.v1.Affinity */
export const Affinity = z.strictObject({
  "nodeAffinity": NodeAffinity.optional().meta({"description":"Describes node affinity scheduling rules for the pod."}),
  "podAffinity": PodAffinity.optional().meta({"description":"Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s))."}),
  "podAntiAffinity": PodAntiAffinity.optional().meta({"description":"Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s))."}),
}).meta({"description":"Affinity is a group of affinity scheduling rules."});
export type Affinity = z.output<typeof Affinity>;

/** io.k8s.api.core.v1.AppArmorProfile */
export const AppArmorProfile = z.strictObject({
  "type": z.enum(["Localhost","RuntimeDefault","Unconfined"]).meta({"description":"type indicates which kind of AppArmor profile will be applied. Valid options are:\n  Localhost - a profile pre-loaded on the node.\n  RuntimeDefault - the container runtime's default profile.\n  Unconfined - no AppArmor enforcement."}),
  "localhostProfile": z.string().optional().meta({"description":"localhostProfile indicates a profile loaded on the node that should be used. The profile must be preconfigured on the node to work. Must match the loaded name of the profile. Must be set if and only if type is \"Localhost\"."}),
}).meta({"description":"AppArmorProfile defines a pod or container's AppArmor settings."});
export type AppArmorProfile = z.output<typeof AppArmorProfile>;

/** io.k8s.api.core.v1.AzureDiskVolumeSource */
export const AzureDiskVolumeSource = z.strictObject({
  "diskName": z.string().meta({"description":"diskName is the Name of the data disk in the blob storage"}),
  "diskURI": z.string().meta({"description":"diskURI is the URI of data disk in the blob storage"}),
  "cachingMode": z.enum(["None","ReadOnly","ReadWrite"]).default("ReadWrite").meta({"description":"cachingMode is the Host Caching mode: None, Read Only, Read Write."}),
  "fsType": z.string().default("ext4").meta({"description":"fsType is Filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified."}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts."}),
  "kind": z.enum(["Dedicated","Managed","Shared"]).default("Shared").meta({"description":"kind expected values are Shared: multiple blob disks per storage account  Dedicated: single blob disk per storage account  Managed: azure managed data disk (only in managed availability set). defaults to shared"}),
}).meta({"description":"AzureDisk represents an Azure Data Disk mount on the host and bind mount to the pod."});
export type AzureDiskVolumeSource = z.output<typeof AzureDiskVolumeSource>;

/** io.k8s.api.core.v1.AzureFileVolumeSource */
export const AzureFileVolumeSource = z.strictObject({
  "secretName": z.string().meta({"description":"secretName is the  name of secret that contains Azure Storage Account Name and Key"}),
  "shareName": z.string().meta({"description":"shareName is the azure share Name"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts."}),
}).meta({"description":"AzureFile represents an Azure File Service mount on the host and bind mount to the pod."});
export type AzureFileVolumeSource = z.output<typeof AzureFileVolumeSource>;

/** io.k8s.api.core.v1.LocalObjectReference */
export const LocalObjectReference = z.strictObject({
  "name": z.string().default("").meta({"description":"Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"}),
}).meta({"description":"LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.","x-kubernetes-map-type":"atomic"});
export type LocalObjectReference = z.output<typeof LocalObjectReference>;

/** io.k8s.api.core.v1.CSIVolumeSource */
export const CSIVolumeSource = z.strictObject({
  "driver": z.string().meta({"description":"driver is the name of the CSI driver that handles this volume. Consult with your admin for the correct name as registered in the cluster."}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly specifies a read-only configuration for the volume. Defaults to false (read/write)."}),
  "fsType": z.string().optional().meta({"description":"fsType to mount. Ex. \"ext4\", \"xfs\", \"ntfs\". If not provided, the empty value is passed to the associated CSI driver which will determine the default filesystem to apply."}),
  "volumeAttributes": z.record(z.string(), z.string()).optional().meta({"description":"volumeAttributes stores driver-specific properties that are passed to the CSI driver. Consult your driver's documentation for supported values."}),
  "nodePublishSecretRef": LocalObjectReference.optional().meta({"description":"nodePublishSecretRef is a reference to the secret object containing sensitive information to pass to the CSI driver to complete the CSI NodePublishVolume and NodeUnpublishVolume calls. This field is optional, and  may be empty if no secret is required. If the secret object contains more than one secret, all secret references are passed."}),
}).meta({"description":"Represents a source location of a volume to mount, managed by an external CSI driver"});
export type CSIVolumeSource = z.output<typeof CSIVolumeSource>;

/** io.k8s.api.core.v1.Capabilities */
export const Capabilities = z.strictObject({
  "add": z.array(z.string().max(64)).max(64).optional().meta({"description":"Added capabilities","x-kubernetes-list-type":"atomic"}),
  "drop": z.array(z.string().max(64)).max(64).optional().meta({"description":"Removed capabilities","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"Adds and removes POSIX capabilities from running containers."});
export type Capabilities = z.output<typeof Capabilities>;

/** io.k8s.api.core.v1.CephFSVolumeSource */
export const CephFSVolumeSource = z.strictObject({
  "monitors": z.array(z.string()).meta({"description":"monitors is Required: Monitors is a collection of Ceph monitors More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it","x-kubernetes-list-type":"atomic"}),
  "path": z.string().optional().meta({"description":"path is Optional: Used as the mounted root, rather than the full Ceph tree, default is /"}),
  "user": z.string().optional().meta({"description":"user is optional: User is the rados user name, default is admin More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it"}),
  "secretFile": z.string().optional().meta({"description":"secretFile is Optional: SecretFile is the path to key ring for User, default is /etc/ceph/user.secret More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it"}),
  "secretRef": LocalObjectReference.optional().meta({"description":"secretRef is Optional: SecretRef is reference to the authentication secret for User, default is empty. More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly is Optional: Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts. More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it"}),
}).meta({"description":"Represents a Ceph Filesystem mount that lasts the lifetime of a pod Cephfs volumes do not support ownership management or SELinux relabeling."});
export type CephFSVolumeSource = z.output<typeof CephFSVolumeSource>;

/** io.k8s.api.core.v1.CinderVolumeSource */
export const CinderVolumeSource = z.strictObject({
  "volumeID": z.string().meta({"description":"volumeID used to identify the volume in cinder. More info: https://examples.k8s.io/mysql-cinder-pd/README.md"}),
  "fsType": z.string().optional().meta({"description":"fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Examples: \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified. More info: https://examples.k8s.io/mysql-cinder-pd/README.md"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts. More info: https://examples.k8s.io/mysql-cinder-pd/README.md"}),
  "secretRef": LocalObjectReference.optional().meta({"description":"secretRef is optional: points to a secret object containing parameters used to connect to OpenStack."}),
}).meta({"description":"Represents a cinder volume resource in Openstack. A Cinder volume must exist before mounting to a container. The volume must also be in the same region as the kubelet. Cinder volumes support ownership management and SELinux relabeling."});
export type CinderVolumeSource = z.output<typeof CinderVolumeSource>;

/** io.k8s.api.core.v1.ClusterTrustBundleProjection */
export const ClusterTrustBundleProjection = z.strictObject({
  "name": z.string().optional().meta({"description":"Select a single ClusterTrustBundle by object name.  Mutually-exclusive with signerName and labelSelector."}),
  "signerName": z.string().optional().meta({"description":"Select all ClusterTrustBundles that match this signer name. Mutually-exclusive with name.  The contents of all selected ClusterTrustBundles will be unified and deduplicated."}),
  "labelSelector": LabelSelector.optional().meta({"description":"Select all ClusterTrustBundles that match this label selector.  Only has effect if signerName is set.  Mutually-exclusive with name.  If unset, interpreted as \"match nothing\".  If set but empty, interpreted as \"match everything\"."}),
  "optional": z.boolean().optional().meta({"description":"If true, don't block pod startup if the referenced ClusterTrustBundle(s) aren't available.  If using name, then the named ClusterTrustBundle is allowed not to exist.  If using signerName, then the combination of signerName and labelSelector is allowed to match zero ClusterTrustBundles."}),
  "path": z.string().meta({"description":"Relative path from the volume root to write the bundle."}),
}).meta({"description":"ClusterTrustBundleProjection describes how to select a set of ClusterTrustBundle objects and project their contents into the pod filesystem."});
export type ClusterTrustBundleProjection = z.output<typeof ClusterTrustBundleProjection>;

/** io.k8s.api.core.v1.ConfigMapEnvSource */
export const ConfigMapEnvSource = z.strictObject({
  "name": z.string().optional().meta({"description":"Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"}),
  "optional": z.boolean().optional().meta({"description":"Specify whether the ConfigMap must be defined"}),
}).meta({"description":"ConfigMapEnvSource selects a ConfigMap to populate the environment variables with.\n\nThe contents of the target ConfigMap's Data field will represent the key-value pairs as environment variables."});
export type ConfigMapEnvSource = z.output<typeof ConfigMapEnvSource>;

/** io.k8s.api.core.v1.ConfigMapKeySelector */
export const ConfigMapKeySelector = z.strictObject({
  "name": z.string().optional().meta({"description":"Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"}),
  "key": z.string().meta({"description":"The key to select."}),
  "optional": z.boolean().optional().meta({"description":"Specify whether the ConfigMap or its key must be defined"}),
}).meta({"description":"Selects a key from a ConfigMap.","x-kubernetes-map-type":"atomic"});
export type ConfigMapKeySelector = z.output<typeof ConfigMapKeySelector>;

/** io.k8s.api.core.v1.KeyToPath */
export const KeyToPath = z.strictObject({
  "key": z.string().meta({"description":"key is the key to project."}),
  "path": z.string().meta({"description":"path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element '..'. May not start with the string '..'."}),
  "mode": z.int().optional().meta({"description":"mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.","format":"int32"}),
}).meta({"description":"Maps a string key to a path within a volume."});
export type KeyToPath = z.output<typeof KeyToPath>;

/** io.k8s.api.core.v1.ConfigMapProjection */
export const ConfigMapProjection = z.strictObject({
  "name": z.string().optional().meta({"description":"Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"}),
  "items": z.array(KeyToPath).optional().meta({"description":"items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the ConfigMap, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.","x-kubernetes-list-type":"atomic"}),
  "optional": z.boolean().optional().meta({"description":"optional specify whether the ConfigMap or its keys must be defined"}),
}).meta({"description":"Adapts a ConfigMap into a projected volume.\n\nThe contents of the target ConfigMap's Data field will be presented in a projected volume as files using the keys in the Data field as the file names, unless the items element is populated with specific mappings of keys to paths. Note that this is identical to a configmap volume source without the default mode."});
export type ConfigMapProjection = z.output<typeof ConfigMapProjection>;

/** io.k8s.api.core.v1.ConfigMapVolumeSource */
export const ConfigMapVolumeSource = z.strictObject({
  "name": z.string().optional().meta({"description":"Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"}),
  "items": z.array(KeyToPath).optional().meta({"description":"items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the ConfigMap, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.","x-kubernetes-list-type":"atomic"}),
  "defaultMode": z.int().optional().meta({"description":"defaultMode is optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.","format":"int32"}),
  "optional": z.boolean().optional().meta({"description":"optional specify whether the ConfigMap or its keys must be defined"}),
}).meta({"description":"Adapts a ConfigMap into a volume.\n\nThe contents of the target ConfigMap's Data field will be presented in a volume as files using the keys in the Data field as the file names, unless the items element is populated with specific mappings of keys to paths. ConfigMap volumes support ownership management and SELinux relabeling."});
export type ConfigMapVolumeSource = z.output<typeof ConfigMapVolumeSource>;

/** io.k8s.api.core.v1.ContainerPort */
export const ContainerPort = z.strictObject({
  "name": ianaSvcName().optional().meta({"description":"If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services."}),
  "hostPort": z.int().min(1).max(65535).optional().meta({"description":"Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.","format":"int32"}),
  "containerPort": z.int().min(1).max(65535).meta({"description":"Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.","format":"int32"}),
  "protocol": z.enum(["SCTP","TCP","UDP"]).default("TCP").meta({"description":"Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\"."}),
  "hostIP": z.string().optional().meta({"description":"What host IP to bind the external port to."}),
}).meta({"description":"ContainerPort represents a network port in a single container."});
export type ContainerPort = z.output<typeof ContainerPort>;

/** io.k8s.api.core.v1.SecretEnvSource */
export const SecretEnvSource = z.strictObject({
  "name": z.string().optional().meta({"description":"Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"}),
  "optional": z.boolean().optional().meta({"description":"Specify whether the Secret must be defined"}),
}).meta({"description":"SecretEnvSource selects a Secret to populate the environment variables with.\n\nThe contents of the target Secret's Data field will represent the key-value pairs as environment variables."});
export type SecretEnvSource = z.output<typeof SecretEnvSource>;

/** io.k8s.api.core.v1.EnvFromSource */
export const EnvFromSource = z.strictObject({
  "prefix": z.string().optional().meta({"description":"Optional text to prepend to the name of each environment variable. Must be a C_IDENTIFIER."}),
  "configMapRef": ConfigMapEnvSource.optional().meta({"description":"The ConfigMap to select from"}),
  "secretRef": SecretEnvSource.optional().meta({"description":"The Secret to select from"}),
}).meta({"description":"EnvFromSource represents the source of a set of ConfigMaps or Secrets"});
export type EnvFromSource = z.output<typeof EnvFromSource>;

/** io.k8s.api.core.v1.ObjectFieldSelector */
export const ObjectFieldSelector = z.strictObject({
  "apiVersion": z.string().optional().meta({"description":"Version of the schema the FieldPath is written in terms of, defaults to \"v1\"."}),
  "fieldPath": z.string().meta({"description":"Path of the field to select in the specified API version."}),
}).meta({"description":"ObjectFieldSelector selects an APIVersioned field of an object.","x-kubernetes-map-type":"atomic"});
export type ObjectFieldSelector = z.output<typeof ObjectFieldSelector>;

/** io.k8s.api.core.v1.ResourceFieldSelector */
export const ResourceFieldSelector = z.strictObject({
  "containerName": z.string().optional().meta({"description":"Container name: required for volumes, optional for env vars"}),
  "resource": z.string().meta({"description":"Required: resource to select"}),
  "divisor": quantity().optional().meta({"description":"Specifies the output format of the exposed resources, defaults to \"1\""}),
}).meta({"description":"ResourceFieldSelector represents container resources (cpu, memory) and their output format","x-kubernetes-map-type":"atomic"});
export type ResourceFieldSelector = z.output<typeof ResourceFieldSelector>;

/** io.k8s.api.core.v1.SecretKeySelector */
export const SecretKeySelector = z.strictObject({
  "name": z.string().optional().meta({"description":"Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"}),
  "key": z.string().meta({"description":"The key of the secret to select from.  Must be a valid secret key."}),
  "optional": z.boolean().optional().meta({"description":"Specify whether the Secret or its key must be defined"}),
}).meta({"description":"SecretKeySelector selects a key of a Secret.","x-kubernetes-map-type":"atomic"});
export type SecretKeySelector = z.output<typeof SecretKeySelector>;

/** io.k8s.api.core.v1.EnvVarSource */
export const EnvVarSource = z.strictObject({
  "fieldRef": ObjectFieldSelector.optional().meta({"description":"Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs."}),
  "resourceFieldRef": ResourceFieldSelector.optional().meta({"description":"Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported."}),
  "configMapKeyRef": ConfigMapKeySelector.optional().meta({"description":"Selects a key of a ConfigMap."}),
  "secretKeyRef": SecretKeySelector.optional().meta({"description":"Selects a key of a secret in the pod's namespace"}),
}).meta({"description":"EnvVarSource represents a source for the value of an EnvVar."});
export type EnvVarSource = z.output<typeof EnvVarSource>;

/** io.k8s.api.core.v1.EnvVar */
export const EnvVar = valueOrValueFrom(z.strictObject({
  "name": envVarName().meta({"description":"Name of the environment variable. Must be a C_IDENTIFIER."}),
  "value": z.string().optional().meta({"description":"Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Defaults to \"\"."}),
  "valueFrom": EnvVarSource.optional().meta({"description":"Source for the environment variable's value. Cannot be used if value is not empty."}),
})).meta({"description":"EnvVar represents an environment variable present in a Container."});
export type EnvVar = z.output<typeof EnvVar>;

/** io.k8s.api.core.v1.ResourceClaim */
export const ResourceClaim = z.strictObject({
  "name": z.string().meta({"description":"Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container."}),
  "request": z.string().optional().meta({"description":"Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request."}),
}).meta({"description":"ResourceClaim references one entry in PodSpec.ResourceClaims."});
export type ResourceClaim = z.output<typeof ResourceClaim>;

/** io.k8s.api.core.v1.ResourceRequirements */
export const ResourceRequirements = requestsWithinLimits(z.strictObject({
  "limits": resourceList(quantity()).optional().meta({"description":"Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"}),
  "requests": resourceList(quantity()).optional().meta({"description":"Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"}),
  "claims": z.array(ResourceClaim).superRefine(uniqueKeys(["name"])).optional().meta({"description":"Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.\n\nThis is an alpha field and requires enabling the DynamicResourceAllocation feature gate.\n\nThis field is immutable. It can only be set for containers.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}),
})).meta({"description":"ResourceRequirements describes the compute resource requirements."});
export type ResourceRequirements = z.output<typeof ResourceRequirements>;

/** io.k8s.api.core.v1.ContainerResizePolicy */
export const ContainerResizePolicy = z.strictObject({
  "resourceName": z.string().meta({"description":"Name of the resource to which this resource resize policy applies. Supported values: cpu, memory."}),
  "restartPolicy": z.string().meta({"description":"Restart policy to apply when specified resource is resized. If not specified, it defaults to NotRequired."}),
}).meta({"description":"ContainerResizePolicy represents resource resize policy for the container."});
export type ContainerResizePolicy = z.output<typeof ContainerResizePolicy>;

/** io.k8s.api.core.v1.VolumeMount */
export const VolumeMount = z.strictObject({
  "name": z.string().max(63).meta({"description":"This must match the Name of a Volume."}),
  "readOnly": z.boolean().optional().meta({"description":"Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false."}),
  "recursiveReadOnly": z.string().optional().meta({"description":"RecursiveReadOnly specifies whether read-only mounts should be handled recursively.\n\nIf ReadOnly is false, this field has no meaning and must be unspecified.\n\nIf ReadOnly is true, and this field is set to Disabled, the mount is not made recursively read-only.  If this field is set to IfPossible, the mount is made recursively read-only, if it is supported by the container runtime.  If this field is set to Enabled, the mount is made recursively read-only if it is supported by the container runtime, otherwise the pod will not be started and an error will be generated to indicate the reason.\n\nIf this field is set to IfPossible or Enabled, MountPropagation must be set to None (or be unspecified, which defaults to None).\n\nIf this field is not specified, it is treated as an equivalent of Disabled."}),
  "mountPath": z.string().min(1).max(256).meta({"description":"Path within the container at which the volume should be mounted.  Must not contain ':'."}),
  "subPath": z.string().optional().meta({"description":"Path within the volume from which the container's volume should be mounted. Defaults to \"\" (volume's root)."}),
  "mountPropagation": z.enum(["Bidirectional","HostToContainer","None"]).optional().meta({"description":"mountPropagation determines how mounts are propagated from the host to container and the other way around. When not set, MountPropagationNone is used. This field is beta in 1.10. When RecursiveReadOnly is set to IfPossible or to Enabled, MountPropagation must be None or unspecified (which defaults to None)."}),
  "subPathExpr": z.string().optional().meta({"description":"Expanded path within the volume from which the container's volume should be mounted. Behaves similarly to SubPath but environment variable references $(VAR_NAME) are expanded using the container's environment. Defaults to \"\" (volume's root). SubPathExpr and SubPath are mutually exclusive."}),
}).meta({"description":"VolumeMount describes a mounting of a Volume within a container."});
export type VolumeMount = z.output<typeof VolumeMount>;

/** io.k8s.api.core.v1.VolumeDevice */
export const VolumeDevice = z.strictObject({
  "name": z.string().meta({"description":"name must match the name of a persistentVolumeClaim in the pod"}),
  "devicePath": z.string().meta({"description":"devicePath is the path inside of the container that the device will be mapped to."}),
}).meta({"description":"volumeDevice describes a mapping of a raw block device within a container."});
export type VolumeDevice = z.output<typeof VolumeDevice>;

/** io.k8s.api.core.v1.ExecAction */
export const ExecAction = z.strictObject({
  "command": z.array(z.string()).optional().meta({"description":"Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"ExecAction describes a \"run in container\" action."});
export type ExecAction = z.output<typeof ExecAction>;

/** io.k8s.api.core.v1.HTTPHeader */
export const HTTPHeader = z.strictObject({
  "name": z.string().meta({"description":"The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header."}),
  "value": z.string().meta({"description":"The header field value"}),
}).meta({"description":"HTTPHeader describes a custom header to be used in HTTP probes"});
export type HTTPHeader = z.output<typeof HTTPHeader>;

/** io.k8s.api.core.v1.HTTPGetAction */
export const HTTPGetAction = z.strictObject({
  "path": z.string().optional().meta({"description":"Path to access on the HTTP server."}),
  "port": probePort().meta({"description":"Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME."}),
  "host": z.string().optional().meta({"description":"Host name to connect to, defaults to the pod IP. You probably want to set \"Host\" in httpHeaders instead."}),
  "scheme": z.enum(["HTTP","HTTPS"]).optional().meta({"description":"Scheme to use for connecting to the host. Defaults to HTTP."}),
  "httpHeaders": z.array(HTTPHeader).optional().meta({"description":"Custom headers to set in the request. HTTP allows repeated headers.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"HTTPGetAction describes an action based on HTTP Get requests."});
export type HTTPGetAction = z.output<typeof HTTPGetAction>;

/** io.k8s.api.core.v1.TCPSocketAction */
export const TCPSocketAction = z.strictObject({
  "port": probePort().meta({"description":"Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME."}),
  "host": z.string().optional().meta({"description":"Optional: Host name to connect to, defaults to the pod IP."}),
}).meta({"description":"TCPSocketAction describes an action based on opening a socket"});
export type TCPSocketAction = z.output<typeof TCPSocketAction>;

/** io.k8s.api.core.v1.GRPCAction */
export const GRPCAction = z.strictObject({
  "port": z.int().min(1).max(65535).meta({"description":"Port number of the gRPC service. Number must be in the range 1 to 65535.","format":"int32"}),
  "service": z.string().optional().meta({"description":"Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).\n\nIf this is not specified, the default behavior is defined by gRPC."}),
}).meta({"description":"GRPCAction specifies an action involving a GRPC service."});
export type GRPCAction = z.output<typeof GRPCAction>;

/** io.k8s.api.core.v1.Probe */
export const Probe = oneProbeHandler(z.strictObject({
  "exec": ExecAction.optional().meta({"description":"Exec specifies a command to execute in the container."}),
  "httpGet": HTTPGetAction.optional().meta({"description":"HTTPGet specifies an HTTP GET request to perform."}),
  "tcpSocket": TCPSocketAction.optional().meta({"description":"TCPSocket specifies a connection to a TCP port."}),
  "grpc": GRPCAction.optional().meta({"description":"GRPC specifies a GRPC HealthCheckRequest."}),
  "initialDelaySeconds": z.int().min(0).optional().meta({"description":"Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes","format":"int32"}),
  "timeoutSeconds": z.int().min(0).optional().meta({"description":"Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes","format":"int32"}),
  "periodSeconds": z.int().min(0).optional().meta({"description":"How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.","format":"int32"}),
  "successThreshold": z.int().min(0).optional().meta({"description":"Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.","format":"int32"}),
  "failureThreshold": z.int().min(0).optional().meta({"description":"Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.","format":"int32"}),
  "terminationGracePeriodSeconds": z.int().min(1).optional().meta({"description":"Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.","format":"int64"}),
})).meta({"description":"Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic."});
export type Probe = z.output<typeof Probe>;

/** io.k8s.api.core.v1.SleepAction */
export const SleepAction = z.strictObject({
  "seconds": z.int().meta({"description":"Seconds is the number of seconds to sleep.","format":"int64"}),
}).meta({"description":"SleepAction describes a \"sleep\" action."});
export type SleepAction = z.output<typeof SleepAction>;

/** io.k8s.api.core.v1.LifecycleHandler */
export const LifecycleHandler = z.strictObject({
  "exec": ExecAction.optional().meta({"description":"Exec specifies a command to execute in the container."}),
  "httpGet": HTTPGetAction.optional().meta({"description":"HTTPGet specifies an HTTP GET request to perform."}),
  "tcpSocket": TCPSocketAction.optional().meta({"description":"Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept for backward compatibility. There is no validation of this field and lifecycle hooks will fail at runtime when it is specified."}),
  "sleep": SleepAction.optional().meta({"description":"Sleep represents a duration that the container should sleep."}),
}).meta({"description":"LifecycleHandler defines a specific action that should be taken in a lifecycle hook. One and only one of the fields, except TCPSocket must be specified."});
export type LifecycleHandler = z.output<typeof LifecycleHandler>;

/** io.k8s.api.core.v1.Lifecycle */
export const Lifecycle = z.strictObject({
  "postStart": LifecycleHandler.optional().meta({"description":"PostStart is called immediately after a container is created. If the handler fails, the container is terminated and restarted according to its restart policy. Other management of the container blocks until the hook completes. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks"}),
  "preStop": LifecycleHandler.optional().meta({"description":"PreStop is called immediately before a container is terminated due to an API request or management event such as liveness/startup probe failure, preemption, resource contention, etc. The handler is not called if the container crashes or exits. The Pod's termination grace period countdown begins before the PreStop hook is executed. Regardless of the outcome of the handler, the container will eventually terminate within the Pod's termination grace period (unless delayed by finalizers). Other management of the container blocks until the hook completes or until the termination grace period is reached. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks"}),
  "stopSignal": z.enum(["SIGABRT","SIGALRM","SIGBUS","SIGCHLD","SIGCLD","SIGCONT","SIGFPE","SIGHUP","SIGILL","SIGINT","SIGIO","SIGIOT","SIGKILL","SIGPIPE","SIGPOLL","SIGPROF","SIGPWR","SIGQUIT","SIGRTMAX","SIGRTMAX-1","SIGRTMAX-10","SIGRTMAX-11","SIGRTMAX-12","SIGRTMAX-13","SIGRTMAX-14","SIGRTMAX-2","SIGRTMAX-3","SIGRTMAX-4","SIGRTMAX-5","SIGRTMAX-6","SIGRTMAX-7","SIGRTMAX-8","SIGRTMAX-9","SIGRTMIN","SIGRTMIN+1","SIGRTMIN+10","SIGRTMIN+11","SIGRTMIN+12","SIGRTMIN+13","SIGRTMIN+14","SIGRTMIN+15","SIGRTMIN+2","SIGRTMIN+3","SIGRTMIN+4","SIGRTMIN+5","SIGRTMIN+6","SIGRTMIN+7","SIGRTMIN+8","SIGRTMIN+9","SIGSEGV","SIGSTKFLT","SIGSTOP","SIGSYS","SIGTERM","SIGTRAP","SIGTSTP","SIGTTIN","SIGTTOU","SIGURG","SIGUSR1","SIGUSR2","SIGVTALRM","SIGWINCH","SIGXCPU","SIGXFSZ"]).optional().meta({"description":"StopSignal defines which signal will be sent to a container when it is being stopped. If not specified, the default is defined by the container runtime in use. StopSignal can only be set for Pods with a non-empty .spec.os.name"}),
}).meta({"description":"Lifecycle describes actions that the management system should take in response to container lifecycle events. For the PostStart and PreStop lifecycle handlers, management of the container blocks until the action is complete, unless the container process fails, in which case the handler is aborted."});
export type Lifecycle = z.output<typeof Lifecycle>;

/** io.k8s.api.core.v1.SELinuxOptions */
export const SELinuxOptions = z.strictObject({
  "user": z.string().optional().meta({"description":"User is a SELinux user label that applies to the container."}),
  "role": z.string().optional().meta({"description":"Role is a SELinux role label that applies to the container."}),
  "type": z.string().optional().meta({"description":"Type is a SELinux type label that applies to the container."}),
  "level": z.string().optional().meta({"description":"Level is SELinux level label that applies to the container."}),
}).meta({"description":"SELinuxOptions are the labels to be applied to the container"});
export type SELinuxOptions = z.output<typeof SELinuxOptions>;

/** io.k8s.api.core.v1.WindowsSecurityContextOptions */
export const WindowsSecurityContextOptions = z.strictObject({
  "gmsaCredentialSpecName": z.string().optional().meta({"description":"GMSACredentialSpecName is the name of the GMSA credential spec to use."}),
  "gmsaCredentialSpec": z.string().optional().meta({"description":"GMSACredentialSpec is where the GMSA admission webhook (https://github.com/kubernetes-sigs/windows-gmsa) inlines the contents of the GMSA credential spec named by the GMSACredentialSpecName field."}),
  "runAsUserName": z.string().optional().meta({"description":"The UserName in Windows to run the entrypoint of the container process. Defaults to the user specified in image metadata if unspecified. May also be set in PodSecurityContext. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence."}),
  "hostProcess": z.boolean().optional().meta({"description":"HostProcess determines if a container should be run as a 'Host Process' container. All of a Pod's containers must have the same effective HostProcess value (it is not allowed to have a mix of HostProcess containers and non-HostProcess containers). In addition, if HostProcess is true then HostNetwork must also be set to true."}),
}).meta({"description":"WindowsSecurityContextOptions contain Windows-specific options and credentials."});
export type WindowsSecurityContextOptions = z.output<typeof WindowsSecurityContextOptions>;

/** io.k8s.api.core.v1.SeccompProfile */
export const SeccompProfile = z.strictObject({
  "type": z.enum(["Localhost","RuntimeDefault","Unconfined"]).meta({"description":"type indicates which kind of seccomp profile will be applied. Valid options are:\n\nLocalhost - a profile defined in a file on the node should be used. RuntimeDefault - the container runtime default profile should be used. Unconfined - no profile should be applied."}),
  "localhostProfile": z.string().optional().meta({"description":"localhostProfile indicates a profile defined in a file on the node should be used. The profile must be preconfigured on the node to work. Must be a descending path, relative to the kubelet's configured seccomp profile location. Must be set if type is \"Localhost\". Must NOT be set for any other type."}),
}).meta({"description":"SeccompProfile defines a pod/container's seccomp profile settings. Only one profile source may be set."});
export type SeccompProfile = z.output<typeof SeccompProfile>;

/** io.k8s.api.core.v1.SecurityContext */
export const SecurityContext = z.strictObject({
  "capabilities": Capabilities.optional().meta({"description":"The capabilities to add/drop when running containers. Defaults to the default set of capabilities granted by the container runtime. Note that this field cannot be set when spec.os.name is windows."}),
  "privileged": z.boolean().optional().meta({"description":"Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false. Note that this field cannot be set when spec.os.name is windows."}),
  "seLinuxOptions": SELinuxOptions.optional().meta({"description":"The SELinux context to be applied to the container. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows."}),
  "windowsOptions": WindowsSecurityContextOptions.optional().meta({"description":"The Windows specific settings applied to all containers. If unspecified, the options from the PodSecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux."}),
  "runAsUser": z.int().optional().meta({"description":"The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.","format":"int64"}),
  "runAsGroup": z.int().optional().meta({"description":"The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.","format":"int64"}),
  "runAsNonRoot": z.boolean().optional().meta({"description":"Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence."}),
  "readOnlyRootFilesystem": z.boolean().optional().meta({"description":"Whether this container has a read-only root filesystem. Default is false. Note that this field cannot be set when spec.os.name is windows."}),
  "allowPrivilegeEscalation": z.boolean().optional().meta({"description":"AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process. This bool directly controls if the no_new_privs flag will be set on the container process. AllowPrivilegeEscalation is true always when the container is: 1) run as Privileged 2) has CAP_SYS_ADMIN Note that this field cannot be set when spec.os.name is windows."}),
  "procMount": z.enum(["Default","Unmasked"]).optional().meta({"description":"procMount denotes the type of proc mount to use for the containers. The default value is Default which uses the container runtime defaults for readonly paths and masked paths. This requires the ProcMountType feature flag to be enabled. Note that this field cannot be set when spec.os.name is windows."}),
  "seccompProfile": SeccompProfile.optional().meta({"description":"The seccomp options to use by this container. If seccomp options are provided at both the pod & container level, the container options override the pod options. Note that this field cannot be set when spec.os.name is windows."}),
  "appArmorProfile": AppArmorProfile.optional().meta({"description":"appArmorProfile is the AppArmor options to use by this container. If set, this profile overrides the pod's appArmorProfile. Note that this field cannot be set when spec.os.name is windows."}),
}).meta({"description":"SecurityContext holds security configuration that will be applied to a container. Some fields are present in both SecurityContext and PodSecurityContext.  When both are set, the values in SecurityContext take precedence."});
export type SecurityContext = z.output<typeof SecurityContext>;

/** io.k8s.api.core.v1.Container */
export const Container = z.strictObject({
  "name": dnsLabel("container name").meta({"description":"Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated."}),
  "image": z.string().optional().meta({"description":"Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets."}),
  "command": z.array(z.string()).optional().meta({"description":"Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell","x-kubernetes-list-type":"atomic"}),
  "args": z.array(z.string()).optional().meta({"description":"Arguments to the entrypoint. The container image's CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell","x-kubernetes-list-type":"atomic"}),
  "workingDir": z.string().optional().meta({"description":"Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated."}),
  "ports": z.array(ContainerPort).max(16).superRefine(uniqueKeys(["containerPort","protocol"])).optional().meta({"description":"List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default \"0.0.0.0\" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["containerPort","protocol"]}),
  "envFrom": z.array(EnvFromSource).optional().meta({"description":"List of sources to populate environment variables in the container. The keys defined within a source must be a C_IDENTIFIER. All invalid keys will be reported as an event when the container is starting. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.","x-kubernetes-list-type":"atomic"}),
  "env": z.array(EnvVar).superRefine(uniqueKeys(["name"])).optional().meta({"description":"List of environment variables to set in the container. Cannot be updated.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}),
  "resources": ResourceRequirements.optional().meta({"description":"Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"}),
  "resizePolicy": z.array(ContainerResizePolicy).optional().meta({"description":"Resources resize policy for the container.","x-kubernetes-list-type":"atomic"}),
  "restartPolicy": z.string().optional().meta({"description":"RestartPolicy defines the restart behavior of individual containers in a pod. This field may only be set for init containers, and the only allowed value is \"Always\". For non-init containers or when this field is not specified, the restart behavior is defined by the Pod's restart policy and the container type. Setting the RestartPolicy as \"Always\" for the init container will have the following effect: this init container will be continually restarted on exit until all regular containers have terminated. Once all regular containers have completed, all init containers with restartPolicy \"Always\" will be shut down. This lifecycle differs from normal init containers and is often referred to as a \"sidecar\" container. Although this init container still starts in the init container sequence, it does not wait for the container to complete before proceeding to the next init container. Instead, the next init container starts immediately after this init container is started, or after any startupProbe has successfully completed."}),
  "volumeMounts": z.array(VolumeMount).max(16).superRefine(uniqueKeys(["mountPath"])).optional().meta({"description":"Pod volumes to mount into the container's filesystem. Cannot be updated.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["mountPath"]}),
  "volumeDevices": z.array(VolumeDevice).superRefine(uniqueKeys(["devicePath"])).optional().meta({"description":"volumeDevices is the list of block devices to be used by the container.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["devicePath"]}),
  "livenessProbe": Probe.optional().meta({"description":"Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes"}),
  "readinessProbe": Probe.optional().meta({"description":"Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes"}),
  "startupProbe": Probe.optional().meta({"description":"StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes"}),
  "lifecycle": Lifecycle.optional().meta({"description":"Actions that the management system should take in response to container lifecycle events. Cannot be updated."}),
  "terminationMessagePath": z.string().optional().meta({"description":"Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated."}),
  "terminationMessagePolicy": z.enum(["FallbackToLogsOnError","File"]).optional().meta({"description":"Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated."}),
  "imagePullPolicy": z.enum(["Always","IfNotPresent","Never"]).optional().meta({"description":"Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images"}),
  "securityContext": SecurityContext.optional().meta({"description":"SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"}),
  "stdin": z.boolean().optional().meta({"description":"Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false."}),
  "stdinOnce": z.boolean().optional().meta({"description":"Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false"}),
  "tty": z.boolean().optional().meta({"description":"Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false."}),
}).meta({"description":"A single application container that you want to run within a pod."});
export type Container = z.output<typeof Container>;

/** io.k8s.api.core.v1.DownwardAPIVolumeFile */
export const DownwardAPIVolumeFile = z.strictObject({
  "path": z.string().meta({"description":"Required: Path is  the relative path name of the file to be created. Must not be absolute or contain the '..' path. Must be utf-8 encoded. The first item of the relative path must not start with '..'"}),
  "fieldRef": ObjectFieldSelector.optional().meta({"description":"Required: Selects a field of the pod: only annotations, labels, name, namespace and uid are supported."}),
  "resourceFieldRef": ResourceFieldSelector.optional().meta({"description":"Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, requests.cpu and requests.memory) are currently supported."}),
  "mode": z.int().optional().meta({"description":"Optional: mode bits used to set permissions on this file, must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.","format":"int32"}),
}).meta({"description":"DownwardAPIVolumeFile represents information to create the file containing the pod field"});
export type DownwardAPIVolumeFile = z.output<typeof DownwardAPIVolumeFile>;

/** io.k8s.api.core.v1.DownwardAPIProjection */
export const DownwardAPIProjection = z.strictObject({
  "items": z.array(DownwardAPIVolumeFile).optional().meta({"description":"Items is a list of DownwardAPIVolume file","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"Represents downward API info for projecting into a projected volume. Note that this is identical to a downwardAPI volume source without the default mode."});
export type DownwardAPIProjection = z.output<typeof DownwardAPIProjection>;

/** io.k8s.api.core.v1.DownwardAPIVolumeSource */
export const DownwardAPIVolumeSource = z.strictObject({
  "items": z.array(DownwardAPIVolumeFile).optional().meta({"description":"Items is a list of downward API volume file","x-kubernetes-list-type":"atomic"}),
  "defaultMode": z.int().optional().meta({"description":"Optional: mode bits to use on created files by default. Must be a Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.","format":"int32"}),
}).meta({"description":"DownwardAPIVolumeSource represents a volume containing downward API info. Downward API volumes support ownership management and SELinux relabeling."});
export type DownwardAPIVolumeSource = z.output<typeof DownwardAPIVolumeSource>;

/** io.k8s.api.core.v1.EmptyDirVolumeSource */
export const EmptyDirVolumeSource = z.strictObject({
  "medium": z.string().optional().meta({"description":"medium represents what type of storage medium should back this directory. The default is \"\" which means to use the node's default medium. Must be an empty string (default) or Memory. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir"}),
  "sizeLimit": quantity().optional().meta({"description":"sizeLimit is the total amount of local storage required for this EmptyDir volume. The size limit is also applicable for memory medium. The maximum usage on memory medium EmptyDir would be the minimum value between the SizeLimit specified here and the sum of memory limits of all containers in a pod. The default is nil which means that the limit is undefined. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir"}),
}).meta({"description":"Represents an empty directory for a pod. Empty directory volumes support ownership management and SELinux relabeling."});
export type EmptyDirVolumeSource = z.output<typeof EmptyDirVolumeSource>;

/** io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta */
export const ObjectMeta = z.strictObject({
  "labels": z.record(z.string(), z.string()).optional().meta({"description":"Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels"}),
  "annotations": z.record(z.string(), z.string()).optional().meta({"description":"Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations"}),
}).meta({"description":"ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create."});
export type ObjectMeta = z.output<typeof ObjectMeta>;

/** io.k8s.api.core.v1.VolumeResourceRequirements */
export const VolumeResourceRequirements = z.strictObject({
  "limits": z.record(z.string(), quantity()).optional().meta({"description":"Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"}),
  "requests": z.record(z.string(), quantity()).optional().meta({"description":"Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"}),
}).meta({"description":"VolumeResourceRequirements describes the storage resource requirements for a volume."});
export type VolumeResourceRequirements = z.output<typeof VolumeResourceRequirements>;

/** io.k8s.api.core.v1.TypedLocalObjectReference */
export const TypedLocalObjectReference = z.strictObject({
  "apiGroup": z.string().optional().meta({"description":"APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group. For any other third-party types, APIGroup is required."}),
  "kind": z.string().meta({"description":"Kind is the type of resource being referenced"}),
  "name": z.string().meta({"description":"Name is the name of resource being referenced"}),
}).meta({"description":"TypedLocalObjectReference contains enough information to let you locate the typed referenced object inside the same namespace.","x-kubernetes-map-type":"atomic"});
export type TypedLocalObjectReference = z.output<typeof TypedLocalObjectReference>;

/** io.k8s.api.core.v1.TypedObjectReference */
export const TypedObjectReference = z.strictObject({
  "apiGroup": z.string().optional().meta({"description":"APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group. For any other third-party types, APIGroup is required."}),
  "kind": z.string().meta({"description":"Kind is the type of resource being referenced"}),
  "name": z.string().meta({"description":"Name is the name of resource being referenced"}),
  "namespace": z.string().optional().meta({"description":"Namespace is the namespace of resource being referenced Note that when a namespace is specified, a gateway.networking.k8s.io/ReferenceGrant object is required in the referent namespace to allow that namespace's owner to accept the reference. See the ReferenceGrant documentation for details. (Alpha) This field requires the CrossNamespaceVolumeDataSource feature gate to be enabled."}),
}).meta({"description":"TypedObjectReference contains enough information to let you locate the typed referenced object"});
export type TypedObjectReference = z.output<typeof TypedObjectReference>;

/** io.k8s.api.core.v1.PersistentVolumeClaimSpec */
export const PersistentVolumeClaimSpec = z.strictObject({
  "accessModes": z.array(z.enum(["ReadOnlyMany","ReadWriteMany","ReadWriteOnce","ReadWriteOncePod"])).optional().meta({"description":"accessModes contains the desired access modes the volume should have. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1","x-kubernetes-list-type":"atomic"}),
  "selector": LabelSelector.optional().meta({"description":"selector is a label query over volumes to consider for binding."}),
  "resources": VolumeResourceRequirements.optional().meta({"description":"resources represents the minimum resources the volume should have. If RecoverVolumeExpansionFailure feature is enabled users are allowed to specify resource requirements that are lower than previous value but must still be higher than capacity recorded in the status field of the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#resources"}),
  "volumeName": z.string().optional().meta({"description":"volumeName is the binding reference to the PersistentVolume backing this claim."}),
  "storageClassName": z.string().optional().meta({"description":"storageClassName is the name of the StorageClass required by the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#class-1"}),
  "volumeMode": z.enum(["Block","Filesystem"]).optional().meta({"description":"volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec."}),
  "dataSource": TypedLocalObjectReference.optional().meta({"description":"dataSource field can be used to specify either: * An existing VolumeSnapshot object (snapshot.storage.k8s.io/VolumeSnapshot) * An existing PVC (PersistentVolumeClaim) If the provisioner or an external controller can support the specified data source, it will create a new volume based on the contents of the specified data source. When the AnyVolumeDataSource feature gate is enabled, dataSource contents will be copied to dataSourceRef, and dataSourceRef contents will be copied to dataSource when dataSourceRef.namespace is not specified. If the namespace is specified, then dataSourceRef will not be copied to dataSource."}),
  "dataSourceRef": TypedObjectReference.optional().meta({"description":"dataSourceRef specifies the object from which to populate the volume with data, if a non-empty volume is desired. This may be any object from a non-empty API group (non core object) or a PersistentVolumeClaim object. When this field is specified, volume binding will only succeed if the type of the specified object matches some installed volume populator or dynamic provisioner. This field will replace the functionality of the dataSource field and as such if both fields are non-empty, they must have the same value. For backwards compatibility, when namespace isn't specified in dataSourceRef, both fields (dataSource and dataSourceRef) will be set to the same value automatically if one of them is empty and the other is non-empty. When namespace is specified in dataSourceRef, dataSource isn't set to the same value and must be empty. There are three important differences between dataSource and dataSourceRef: * While dataSource only allows two specific types of objects, dataSourceRef\n  allows any non-core object, as well as PersistentVolumeClaim objects.\n* While dataSource ignores disallowed values (dropping them), dataSourceRef\n  preserves all values, and generates an error if a disallowed value is\n  specified.\n* While dataSource only allows local objects, dataSourceRef allows objects\n  in any namespaces.\n(Beta) Using this field requires the AnyVolumeDataSource feature gate to be enabled. (Alpha) Using the namespace field of dataSourceRef requires the CrossNamespaceVolumeDataSource feature gate to be enabled."}),
  "volumeAttributesClassName": z.string().optional().meta({"description":"volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim. If specified, the CSI driver will create or update the volume with the attributes defined in the corresponding VolumeAttributesClass. This has a different purpose than storageClassName, it can be changed after the claim is created. An empty string value means that no VolumeAttributesClass will be applied to the claim but it's not allowed to reset this field to empty string once it is set. If unspecified and the PersistentVolumeClaim is unbound, the default VolumeAttributesClass will be set by the persistentvolume controller if it exists. If the resource referred to by volumeAttributesClass does not exist, this PersistentVolumeClaim will be set to a Pending state, as reflected by the modifyVolumeStatus field, until such as a resource exists. More info: https://kubernetes.io/docs/concepts/storage/volume-attributes-classes/ (Beta) Using this field requires the VolumeAttributesClass feature gate to be enabled (off by default)."}),
}).meta({"description":"PersistentVolumeClaimSpec describes the common attributes of storage devices and allows a Source for provider-specific attributes"});
export type PersistentVolumeClaimSpec = z.output<typeof PersistentVolumeClaimSpec>;

/** io.k8s.api.core.v1.PersistentVolumeClaimTemplate */
export const PersistentVolumeClaimTemplate = z.strictObject({
  "metadata": ObjectMeta.optional().meta({"description":"May contain labels and annotations that will be copied into the PVC when creating it. No other fields are allowed and will be rejected during validation."}),
  "spec": PersistentVolumeClaimSpec.meta({"description":"The specification for the PersistentVolumeClaim. The entire content is copied unchanged into the PVC that gets created from this template. The same fields as in a PersistentVolumeClaim are also valid here."}),
}).meta({"description":"PersistentVolumeClaimTemplate is used to produce PersistentVolumeClaim objects as part of an EphemeralVolumeSource."});
export type PersistentVolumeClaimTemplate = z.output<typeof PersistentVolumeClaimTemplate>;

/** io.k8s.api.core.v1.EphemeralVolumeSource */
export const EphemeralVolumeSource = z.strictObject({
  "volumeClaimTemplate": PersistentVolumeClaimTemplate.optional().meta({"description":"Will be used to create a stand-alone PVC to provision the volume. The pod in which this EphemeralVolumeSource is embedded will be the owner of the PVC, i.e. the PVC will be deleted together with the pod.  The name of the PVC will be `<pod name>-<volume name>` where `<volume name>` is the name from the `PodSpec.Volumes` array entry. Pod validation will reject the pod if the concatenated name is not valid for a PVC (for example, too long).\n\nAn existing PVC with that name that is not owned by the pod will *not* be used for the pod to avoid using an unrelated volume by mistake. Starting the pod is then blocked until the unrelated PVC is removed. If such a pre-created PVC is meant to be used by the pod, the PVC has to updated with an owner reference to the pod once the pod exists. Normally this should not be necessary, but it may be useful when manually reconstructing a broken cluster.\n\nThis field is read-only and no changes will be made by Kubernetes to the PVC after it has been created.\n\nRequired, must not be nil."}),
}).meta({"description":"Represents an ephemeral volume that is handled by a normal storage driver."});
export type EphemeralVolumeSource = z.output<typeof EphemeralVolumeSource>;

/** io.k8s.api.core.v1.FCVolumeSource */
export const FCVolumeSource = z.strictObject({
  "targetWWNs": z.array(z.string()).optional().meta({"description":"targetWWNs is Optional: FC target worldwide names (WWNs)","x-kubernetes-list-type":"atomic"}),
  "lun": z.int().optional().meta({"description":"lun is Optional: FC target lun number","format":"int32"}),
  "fsType": z.string().optional().meta({"description":"fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified."}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly is Optional: Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts."}),
  "wwids": z.array(z.string()).optional().meta({"description":"wwids Optional: FC volume world wide identifiers (wwids) Either wwids or combination of targetWWNs and lun must be set, but not both simultaneously.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"Represents a Fibre Channel volume. Fibre Channel volumes can only be mounted as read/write once. Fibre Channel volumes support ownership management and SELinux relabeling."});
export type FCVolumeSource = z.output<typeof FCVolumeSource>;

/** io.k8s.api.core.v1.FlexVolumeSource */
export const FlexVolumeSource = z.strictObject({
  "driver": z.string().meta({"description":"driver is the name of the driver to use for this volume."}),
  "fsType": z.string().optional().meta({"description":"fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. \"ext4\", \"xfs\", \"ntfs\". The default filesystem depends on FlexVolume script."}),
  "secretRef": LocalObjectReference.optional().meta({"description":"secretRef is Optional: secretRef is reference to the secret object containing sensitive information to pass to the plugin scripts. This may be empty if no secret object is specified. If the secret object contains more than one secret, all secrets are passed to the plugin scripts."}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly is Optional: defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts."}),
  "options": z.record(z.string(), z.string()).optional().meta({"description":"options is Optional: this field holds extra command options if any."}),
}).meta({"description":"FlexVolume represents a generic volume resource that is provisioned/attached using an exec based plugin."});
export type FlexVolumeSource = z.output<typeof FlexVolumeSource>;

/** io.k8s.api.core.v1.FlockerVolumeSource */
export const FlockerVolumeSource = z.strictObject({
  "datasetName": z.string().optional().meta({"description":"datasetName is Name of the dataset stored as metadata -> name on the dataset for Flocker should be considered as deprecated"}),
  "datasetUUID": z.string().optional().meta({"description":"datasetUUID is the UUID of the dataset. This is unique identifier of a Flocker dataset"}),
}).meta({"description":"Represents a Flocker volume mounted by the Flocker agent. One and only one of datasetName and datasetUUID should be set. Flocker volumes do not support ownership management or SELinux relabeling."});
export type FlockerVolumeSource = z.output<typeof FlockerVolumeSource>;

/** io.k8s.api.core.v1.GCEPersistentDiskVolumeSource */
export const GCEPersistentDiskVolumeSource = z.strictObject({
  "pdName": z.string().meta({"description":"pdName is unique name of the PD resource in GCE. Used to identify the disk in GCE. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk"}),
  "fsType": z.string().optional().meta({"description":"fsType is filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk"}),
  "partition": z.int().optional().meta({"description":"partition is the partition in the volume that you want to mount. If omitted, the default is to mount by volume name. Examples: For volume /dev/sda1, you specify the partition as \"1\". Similarly, the volume partition for /dev/sda is \"0\" (or you can leave the property empty). More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk","format":"int32"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly here will force the ReadOnly setting in VolumeMounts. Defaults to false. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk"}),
}).meta({"description":"Represents a Persistent Disk resource in Google Compute Engine.\n\nA GCE PD must exist before mounting to a container. The disk must also be in the same GCE project and zone as the kubelet. A GCE PD can only be mounted as read/write once or read-only many times. GCE PDs support ownership management and SELinux relabeling."});
export type GCEPersistentDiskVolumeSource = z.output<typeof GCEPersistentDiskVolumeSource>;

/** io.k8s.api.core.v1.GitRepoVolumeSource */
export const GitRepoVolumeSource = z.strictObject({
  "repository": z.string().meta({"description":"repository is the URL"}),
  "revision": z.string().optional().meta({"description":"revision is the commit hash for the specified revision."}),
  "directory": z.string().optional().meta({"description":"directory is the target directory name. Must not contain or start with '..'.  If '.' is supplied, the volume directory will be the git repository.  Otherwise, if specified, the volume will contain the git repository in the subdirectory with the given name."}),
}).meta({"description":"Represents a volume that is populated with the contents of a git repository. Git repo volumes do not support ownership management. Git repo volumes support SELinux relabeling.\n\nDEPRECATED: GitRepo is deprecated. To provision a container with a git repo, mount an EmptyDir into an InitContainer that clones the repo using git, then mount the EmptyDir into the Pod's container."});
export type GitRepoVolumeSource = z.output<typeof GitRepoVolumeSource>;

/** io.k8s.api.core.v1.GlusterfsVolumeSource */
export const GlusterfsVolumeSource = z.strictObject({
  "endpoints": z.string().meta({"description":"endpoints is the endpoint name that details Glusterfs topology. More info: https://examples.k8s.io/volumes/glusterfs/README.md#create-a-pod"}),
  "path": z.string().meta({"description":"path is the Glusterfs volume path. More info: https://examples.k8s.io/volumes/glusterfs/README.md#create-a-pod"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly here will force the Glusterfs volume to be mounted with read-only permissions. Defaults to false. More info: https://examples.k8s.io/volumes/glusterfs/README.md#create-a-pod"}),
}).meta({"description":"Represents a Glusterfs mount that lasts the lifetime of a pod. Glusterfs volumes do not support ownership management or SELinux relabeling."});
export type GlusterfsVolumeSource = z.output<typeof GlusterfsVolumeSource>;

/** io.k8s.api.core.v1.HostAlias */
export const HostAlias = z.strictObject({
  "ip": z.string().meta({"description":"IP address of the host file entry."}),
  "hostnames": z.array(z.string()).optional().meta({"description":"Hostnames for the above IP address.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"HostAlias holds the mapping between IP and hostnames that will be injected as an entry in the pod's hosts file."});
export type HostAlias = z.output<typeof HostAlias>;

/** io.k8s.api.core.v1.HostPathVolumeSource */
export const HostPathVolumeSource = z.strictObject({
  "path": z.string().meta({"description":"path of the directory on the host. If the path is a symlink, it will follow the link to the real path. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath"}),
  "type": z.enum(["","BlockDevice","CharDevice","Directory","DirectoryOrCreate","File","FileOrCreate","Socket"]).optional().meta({"description":"type for HostPath Volume Defaults to \"\" More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath"}),
}).meta({"description":"Represents a host path mapped into a pod. Host path volumes do not support ownership management or SELinux relabeling."});
export type HostPathVolumeSource = z.output<typeof HostPathVolumeSource>;

/** io.k8s.api.core.v1.ISCSIVolumeSource */
export const ISCSIVolumeSource = z.strictObject({
  "targetPortal": z.string().meta({"description":"targetPortal is iSCSI Target Portal. The Portal is either an IP or ip_addr:port if the port is other than default (typically TCP ports 860 and 3260)."}),
  "iqn": z.string().meta({"description":"iqn is the target iSCSI Qualified Name."}),
  "lun": z.int().meta({"description":"lun represents iSCSI Target Lun number.","format":"int32"}),
  "iscsiInterface": z.string().default("default").meta({"description":"iscsiInterface is the interface Name that uses an iSCSI transport. Defaults to 'default' (tcp)."}),
  "fsType": z.string().optional().meta({"description":"fsType is the filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#iscsi"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly here will force the ReadOnly setting in VolumeMounts. Defaults to false."}),
  "portals": z.array(z.string()).optional().meta({"description":"portals is the iSCSI Target Portal List. The portal is either an IP or ip_addr:port if the port is other than default (typically TCP ports 860 and 3260).","x-kubernetes-list-type":"atomic"}),
  "chapAuthDiscovery": z.boolean().optional().meta({"description":"chapAuthDiscovery defines whether support iSCSI Discovery CHAP authentication"}),
  "chapAuthSession": z.boolean().optional().meta({"description":"chapAuthSession defines whether support iSCSI Session CHAP authentication"}),
  "secretRef": LocalObjectReference.optional().meta({"description":"secretRef is the CHAP Secret for iSCSI target and initiator authentication"}),
  "initiatorName": z.string().optional().meta({"description":"initiatorName is the custom iSCSI Initiator Name. If initiatorName is specified with iscsiInterface simultaneously, new iSCSI interface <target portal>:<volume name> will be created for the connection."}),
}).meta({"description":"Represents an ISCSI disk. ISCSI volumes can only be mounted as read/write once. ISCSI volumes support ownership management and SELinux relabeling."});
export type ISCSIVolumeSource = z.output<typeof ISCSIVolumeSource>;

/** io.k8s.api.core.v1.ImageVolumeSource */
export const ImageVolumeSource = z.strictObject({
  "reference": z.string().optional().meta({"description":"Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[*].image. Pull secrets will be assembled in the same way as for the container image by looking up node credentials, SA image pull secrets, and pod spec image pull secrets. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets."}),
  "pullPolicy": z.enum(["Always","IfNotPresent","Never"]).optional().meta({"description":"Policy for pulling OCI objects. Possible values are: Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise."}),
}).meta({"description":"ImageVolumeSource represents a image volume resource."});
export type ImageVolumeSource = z.output<typeof ImageVolumeSource>;

/** io.k8s.api.core.v1.NFSVolumeSource */
export const NFSVolumeSource = z.strictObject({
  "server": z.string().meta({"description":"server is the hostname or IP address of the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs"}),
  "path": z.string().meta({"description":"path that is exported by the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly here will force the NFS export to be mounted with read-only permissions. Defaults to false. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs"}),
}).meta({"description":"Represents an NFS mount that lasts the lifetime of a pod. NFS volumes do not support ownership management or SELinux relabeling."});
export type NFSVolumeSource = z.output<typeof NFSVolumeSource>;

/** io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource */
export const PersistentVolumeClaimVolumeSource = z.strictObject({
  "claimName": z.string().meta({"description":"claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly Will force the ReadOnly setting in VolumeMounts. Default false."}),
}).meta({"description":"PersistentVolumeClaimVolumeSource references the user's PVC in the same namespace. This volume finds the bound PV and mounts that volume for the pod. A PersistentVolumeClaimVolumeSource is, essentially, a wrapper around another type of volume that is owned by someone else (the system)."});
export type PersistentVolumeClaimVolumeSource = z.output<typeof PersistentVolumeClaimVolumeSource>;

/** io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource */
export const PhotonPersistentDiskVolumeSource = z.strictObject({
  "pdID": z.string().meta({"description":"pdID is the ID that identifies Photon Controller persistent disk"}),
  "fsType": z.string().optional().meta({"description":"fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified."}),
}).meta({"description":"Represents a Photon Controller persistent disk resource."});
export type PhotonPersistentDiskVolumeSource = z.output<typeof PhotonPersistentDiskVolumeSource>;

/** io.k8s.api.core.v1.PodDNSConfigOption */
export const PodDNSConfigOption = z.strictObject({
  "name": z.string().optional().meta({"description":"Name is this DNS resolver option's name. Required."}),
  "value": z.string().optional().meta({"description":"Value is this DNS resolver option's value."}),
}).meta({"description":"PodDNSConfigOption defines DNS resolver options of a pod."});
export type PodDNSConfigOption = z.output<typeof PodDNSConfigOption>;

/** io.k8s.api.core.v1.PodDNSConfig */
export const PodDNSConfig = z.strictObject({
  "nameservers": z.array(z.string()).optional().meta({"description":"A list of DNS name server IP addresses. This will be appended to the base nameservers generated from DNSPolicy. Duplicated nameservers will be removed.","x-kubernetes-list-type":"atomic"}),
  "searches": z.array(z.string()).optional().meta({"description":"A list of DNS search domains for host-name lookup. This will be appended to the base search paths generated from DNSPolicy. Duplicated search paths will be removed.","x-kubernetes-list-type":"atomic"}),
  "options": z.array(PodDNSConfigOption).optional().meta({"description":"A list of DNS resolver options. This will be merged with the base options generated from DNSPolicy. Duplicated entries will be removed. Resolution options given in Options will override those that appear in the base DNSPolicy.","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"PodDNSConfig defines the DNS parameters of a pod in addition to those generated from DNSPolicy."});
export type PodDNSConfig = z.output<typeof PodDNSConfig>;

/** io.k8s.api.core.v1.PodOS */
export const PodOS = z.strictObject({
  "name": z.string().meta({"description":"Name is the name of the operating system. The currently supported values are linux and windows. Additional value may be defined in future and can be one of: https://github.com/opencontainers/runtime-spec/blob/master/config.md#platform-specific-configuration Clients should expect to handle additional values and treat unrecognized values in this field as os: null"}),
}).meta({"description":"PodOS defines the OS parameters of a pod."});
export type PodOS = z.output<typeof PodOS>;

/** io.k8s.api.core.v1.PodReadinessGate */
export const PodReadinessGate = z.strictObject({
  "conditionType": z.string().meta({"description":"ConditionType refers to a condition in the pod's condition list with matching type."}),
}).meta({"description":"PodReadinessGate contains the reference to a pod condition"});
export type PodReadinessGate = z.output<typeof PodReadinessGate>;

/** io.k8s.api.core.v1.PodResourceClaim */
export const PodResourceClaim = z.strictObject({
  "name": z.string().meta({"description":"Name uniquely identifies this resource claim inside the pod. This must be a DNS_LABEL."}),
  "resourceClaimName": z.string().optional().meta({"description":"ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod.\n\nExactly one of ResourceClaimName and ResourceClaimTemplateName must be set."}),
  "resourceClaimTemplateName": z.string().optional().meta({"description":"ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod.\n\nThe template will be used to create a new ResourceClaim, which will be bound to this pod. When this pod is deleted, the ResourceClaim will also be deleted. The pod name and resource name, along with a generated component, will be used to form a unique name for the ResourceClaim, which will be recorded in pod.status.resourceClaimStatuses.\n\nThis field is immutable and no changes will be made to the corresponding ResourceClaim by the control plane after creating the ResourceClaim.\n\nExactly one of ResourceClaimName and ResourceClaimTemplateName must be set."}),
}).meta({"description":"PodResourceClaim references exactly one ResourceClaim, either directly or by naming a ResourceClaimTemplate which is then turned into a ResourceClaim for the pod.\n\nIt adds a name to it that uniquely identifies the ResourceClaim inside the Pod. Containers that need access to the ResourceClaim reference it with this name."});
export type PodResourceClaim = z.output<typeof PodResourceClaim>;

/** io.k8s.api.core.v1.PodSchedulingGate */
export const PodSchedulingGate = z.strictObject({
  "name": z.string().meta({"description":"Name of the scheduling gate. Each scheduling gate must have a unique name field."}),
}).meta({"description":"PodSchedulingGate is associated to a Pod to guard its scheduling."});
export type PodSchedulingGate = z.output<typeof PodSchedulingGate>;

/** io.k8s.api.core.v1.Sysctl */
export const Sysctl = z.strictObject({
  "name": z.string().max(253).meta({"description":"Name of a property to set"}),
  "value": z.string().meta({"description":"Value of a property to set"}),
}).meta({"description":"Sysctl defines a kernel parameter to be set"});
export type Sysctl = z.output<typeof Sysctl>;

/** io.k8s.api.core.v1.PodSecurityContext */
export const PodSecurityContext = z.strictObject({
  "seLinuxOptions": SELinuxOptions.optional().meta({"description":"The SELinux context to be applied to all containers. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows."}),
  "windowsOptions": WindowsSecurityContextOptions.optional().meta({"description":"The Windows specific settings applied to all containers. If unspecified, the options within a container's SecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux."}),
  "runAsUser": z.int().optional().meta({"description":"The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.","format":"int64"}),
  "runAsGroup": z.int().optional().meta({"description":"The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.","format":"int64"}),
  "runAsNonRoot": z.boolean().optional().meta({"description":"Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence."}),
  "supplementalGroups": z.array(z.int().meta({"format":"int64"})).optional().meta({"description":"A list of groups applied to the first process run in each container, in addition to the container's primary GID and fsGroup (if specified).  If the SupplementalGroupsPolicy feature is enabled, the supplementalGroupsPolicy field determines whether these are in addition to or instead of any group memberships defined in the container image. If unspecified, no additional groups are added, though group memberships defined in the container image may still be used, depending on the supplementalGroupsPolicy field. Note that this field cannot be set when spec.os.name is windows.","x-kubernetes-list-type":"atomic"}),
  "supplementalGroupsPolicy": z.enum(["Merge","Strict"]).optional().meta({"description":"Defines how supplemental groups of the first container processes are calculated. Valid values are \"Merge\" and \"Strict\". If not specified, \"Merge\" is used. (Alpha) Using the field requires the SupplementalGroupsPolicy feature gate to be enabled and the container runtime must implement support for this feature. Note that this field cannot be set when spec.os.name is windows."}),
  "fsGroup": z.int().optional().meta({"description":"A special supplemental group that applies to all containers in a pod. Some volume types allow the Kubelet to change the ownership of that volume to be owned by the pod:\n\n1. The owning GID will be the FSGroup 2. The setgid bit is set (new files created in the volume will be owned by FSGroup) 3. The permission bits are OR'd with rw-rw----\n\nIf unset, the Kubelet will not modify the ownership and permissions of any volume. Note that this field cannot be set when spec.os.name is windows.","format":"int64"}),
  "sysctls": z.array(Sysctl).max(64).optional().meta({"description":"Sysctls hold a list of namespaced sysctls used for the pod. Pods with unsupported sysctls (by the container runtime) might fail to launch. Note that this field cannot be set when spec.os.name is windows.","x-kubernetes-list-type":"atomic"}),
  "fsGroupChangePolicy": z.enum(["Always","OnRootMismatch"]).optional().meta({"description":"fsGroupChangePolicy defines behavior of changing ownership and permission of the volume before being exposed inside Pod. This field will only apply to volume types which support fsGroup based ownership(and permissions). It will have no effect on ephemeral volume types such as: secret, configmaps and emptydir. Valid values are \"OnRootMismatch\" and \"Always\". If not specified, \"Always\" is used. Note that this field cannot be set when spec.os.name is windows."}),
  "seccompProfile": SeccompProfile.optional().meta({"description":"The seccomp options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows."}),
  "appArmorProfile": AppArmorProfile.optional().meta({"description":"appArmorProfile is the AppArmor options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows."}),
  "seLinuxChangePolicy": z.string().optional().meta({"description":"seLinuxChangePolicy defines how the container's SELinux label is applied to all volumes used by the Pod. It has no effect on nodes that do not support SELinux or to volumes does not support SELinux. Valid values are \"MountOption\" and \"Recursive\".\n\n\"Recursive\" means relabeling of all files on all Pod volumes by the container runtime. This may be slow for large volumes, but allows mixing privileged and unprivileged Pods sharing the same volume on the same node.\n\n\"MountOption\" mounts all eligible Pod volumes with `-o context` mount option. This requires all Pods that share the same volume to use the same SELinux label. It is not possible to share the same volume among privileged and unprivileged Pods. Eligible volumes are in-tree FibreChannel and iSCSI volumes, and all CSI volumes whose CSI driver announces SELinux support by setting spec.seLinuxMount: true in their CSIDriver instance. Other volumes are always re-labelled recursively. \"MountOption\" value is allowed only when SELinuxMount feature gate is enabled.\n\nIf not specified and SELinuxMount feature gate is enabled, \"MountOption\" is used. If not specified and SELinuxMount feature gate is disabled, \"MountOption\" is used for ReadWriteOncePod volumes and \"Recursive\" for all other volumes.\n\nThis field affects only Pods that have SELinux label set, either in PodSecurityContext or in SecurityContext of all containers.\n\nAll Pods that use the same volume should use the same seLinuxChangePolicy, otherwise some pods can get stuck in ContainerCreating state. Note that this field cannot be set when spec.os.name is windows."}),
}).meta({"description":"PodSecurityContext holds pod-level security attributes and common container settings. Some fields are also present in container.securityContext.  Field values of container.securityContext take precedence over field values of PodSecurityContext."});
export type PodSecurityContext = z.output<typeof PodSecurityContext>;

/** io.k8s.api.core.v1.SecretVolumeSource */
export const SecretVolumeSource = z.strictObject({
  "secretName": z.string().optional().meta({"description":"secretName is the name of the secret in the pod's namespace to use. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret"}),
  "items": z.array(KeyToPath).optional().meta({"description":"items If unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the Secret, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.","x-kubernetes-list-type":"atomic"}),
  "defaultMode": z.int().optional().meta({"description":"defaultMode is Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.","format":"int32"}),
  "optional": z.boolean().optional().meta({"description":"optional field specify whether the Secret or its keys must be defined"}),
}).meta({"description":"Adapts a Secret into a volume.\n\nThe contents of the target Secret's Data field will be presented in a volume as files using the keys in the Data field as the file names. Secret volumes support ownership management and SELinux relabeling."});
export type SecretVolumeSource = z.output<typeof SecretVolumeSource>;

/** io.k8s.api.core.v1.RBDVolumeSource */
export const RBDVolumeSource = z.strictObject({
  "monitors": z.array(z.string()).meta({"description":"monitors is a collection of Ceph monitors. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it","x-kubernetes-list-type":"atomic"}),
  "image": z.string().meta({"description":"image is the rados image name. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it"}),
  "fsType": z.string().optional().meta({"description":"fsType is the filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#rbd"}),
  "pool": z.string().default("rbd").meta({"description":"pool is the rados pool name. Default is rbd. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it"}),
  "user": z.string().default("admin").meta({"description":"user is the rados user name. Default is admin. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it"}),
  "keyring": z.string().default("/etc/ceph/keyring").meta({"description":"keyring is the path to key ring for RBDUser. Default is /etc/ceph/keyring. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it"}),
  "secretRef": LocalObjectReference.optional().meta({"description":"secretRef is name of the authentication secret for RBDUser. If provided overrides keyring. Default is nil. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it"}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly here will force the ReadOnly setting in VolumeMounts. Defaults to false. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it"}),
}).meta({"description":"Represents a Rados Block Device mount that lasts the lifetime of a pod. RBD volumes support ownership management and SELinux relabeling."});
export type RBDVolumeSource = z.output<typeof RBDVolumeSource>;

/** io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource */
export const VsphereVirtualDiskVolumeSource = z.strictObject({
  "volumePath": z.string().meta({"description":"volumePath is the path that identifies vSphere volume vmdk"}),
  "fsType": z.string().optional().meta({"description":"fsType is filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified."}),
  "storagePolicyName": z.string().optional().meta({"description":"storagePolicyName is the storage Policy Based Management (SPBM) profile name."}),
  "storagePolicyID": z.string().optional().meta({"description":"storagePolicyID is the storage Policy Based Management (SPBM) profile ID associated with the StoragePolicyName."}),
}).meta({"description":"Represents a vSphere volume resource."});
export type VsphereVirtualDiskVolumeSource = z.output<typeof VsphereVirtualDiskVolumeSource>;

/** io.k8s.api.core.v1.QuobyteVolumeSource */
export const QuobyteVolumeSource = z.strictObject({
  "registry": z.string().meta({"description":"registry represents a single or multiple Quobyte Registry services specified as a string as host:port pair (multiple entries are separated with commas) which acts as the central registry for volumes"}),
  "volume": z.string().meta({"description":"volume is a string that references an already created Quobyte volume by name."}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly here will force the Quobyte volume to be mounted with read-only permissions. Defaults to false."}),
  "user": z.string().optional().meta({"description":"user to map volume access to Defaults to serivceaccount user"}),
  "group": z.string().optional().meta({"description":"group to map volume access to Default is no group"}),
  "tenant": z.string().optional().meta({"description":"tenant owning the given Quobyte volume in the Backend Used with dynamically provisioned Quobyte volumes, value is set by the plugin"}),
}).meta({"description":"Represents a Quobyte mount that lasts the lifetime of a pod. Quobyte volumes do not support ownership management or SELinux relabeling."});
export type QuobyteVolumeSource = z.output<typeof QuobyteVolumeSource>;

/** io.k8s.api.core.v1.SecretProjection */
export const SecretProjection = z.strictObject({
  "name": z.string().optional().meta({"description":"Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"}),
  "items": z.array(KeyToPath).optional().meta({"description":"items if unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the Secret, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.","x-kubernetes-list-type":"atomic"}),
  "optional": z.boolean().optional().meta({"description":"optional field specify whether the Secret or its key must be defined"}),
}).meta({"description":"Adapts a secret into a projected volume.\n\nThe contents of the target Secret's Data field will be presented in a projected volume as files using the keys in the Data field as the file names. Note that this is identical to a secret volume source without the default mode."});
export type SecretProjection = z.output<typeof SecretProjection>;

/** io.k8s.api.core.v1.ServiceAccountTokenProjection */
export const ServiceAccountTokenProjection = z.strictObject({
  "audience": z.string().optional().meta({"description":"audience is the intended audience of the token. A recipient of a token must identify itself with an identifier specified in the audience of the token, and otherwise should reject the token. The audience defaults to the identifier of the apiserver."}),
  "expirationSeconds": z.int().optional().meta({"description":"expirationSeconds is the requested duration of validity of the service account token. As the token approaches expiration, the kubelet volume plugin will proactively rotate the service account token. The kubelet will start trying to rotate the token if the token is older than 80 percent of its time to live or if the token is older than 24 hours.Defaults to 1 hour and must be at least 10 minutes.","format":"int64"}),
  "path": z.string().meta({"description":"path is the path relative to the mount point of the file to project the token into."}),
}).meta({"description":"ServiceAccountTokenProjection represents a projected service account token volume. This projection can be used to insert a service account token into the pods runtime filesystem for use against APIs (Kubernetes API Server or otherwise)."});
export type ServiceAccountTokenProjection = z.output<typeof ServiceAccountTokenProjection>;

/** io.k8s.api.core.v1.VolumeProjection */
export const VolumeProjection = z.strictObject({
  "secret": SecretProjection.optional().meta({"description":"secret information about the secret data to project"}),
  "downwardAPI": DownwardAPIProjection.optional().meta({"description":"downwardAPI information about the downwardAPI data to project"}),
  "configMap": ConfigMapProjection.optional().meta({"description":"configMap information about the configMap data to project"}),
  "serviceAccountToken": ServiceAccountTokenProjection.optional().meta({"description":"serviceAccountToken is information about the serviceAccountToken data to project"}),
  "clusterTrustBundle": ClusterTrustBundleProjection.optional().meta({"description":"ClusterTrustBundle allows a pod to access the `.spec.trustBundle` field of ClusterTrustBundle objects in an auto-updating file.\n\nAlpha, gated by the ClusterTrustBundleProjection feature gate.\n\nClusterTrustBundle objects can either be selected by name, or by the combination of signer name and a label selector.\n\nKubelet performs aggressive normalization of the PEM contents written into the pod filesystem.  Esoteric PEM features such as inter-block comments and block headers are stripped.  Certificates are deduplicated. The ordering of certificates within the file is arbitrary, and Kubelet may change the order over time."}),
}).meta({"description":"Projection that may be projected along with other supported volume types. Exactly one of these fields must be set."});
export type VolumeProjection = z.output<typeof VolumeProjection>;

/** io.k8s.api.core.v1.ProjectedVolumeSource */
export const ProjectedVolumeSource = z.strictObject({
  "sources": z.array(VolumeProjection).optional().meta({"description":"sources is the list of volume projections. Each entry in this list handles one source.","x-kubernetes-list-type":"atomic"}),
  "defaultMode": z.int().optional().meta({"description":"defaultMode are the mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.","format":"int32"}),
}).meta({"description":"Represents a projected volume source"});
export type ProjectedVolumeSource = z.output<typeof ProjectedVolumeSource>;

/** io.k8s.api.core.v1.PortworxVolumeSource */
export const PortworxVolumeSource = z.strictObject({
  "volumeID": z.string().meta({"description":"volumeID uniquely identifies a Portworx volume"}),
  "fsType": z.string().optional().meta({"description":"fSType represents the filesystem type to mount Must be a filesystem type supported by the host operating system. Ex. \"ext4\", \"xfs\". Implicitly inferred to be \"ext4\" if unspecified."}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts."}),
}).meta({"description":"PortworxVolumeSource represents a Portworx volume resource."});
export type PortworxVolumeSource = z.output<typeof PortworxVolumeSource>;

/** io.k8s.api.core.v1.ScaleIOVolumeSource */
export const ScaleIOVolumeSource = z.strictObject({
  "gateway": z.string().meta({"description":"gateway is the host address of the ScaleIO API Gateway."}),
  "system": z.string().meta({"description":"system is the name of the storage system as configured in ScaleIO."}),
  "secretRef": LocalObjectReference.meta({"description":"secretRef references to the secret for ScaleIO user and other sensitive information. If this is not provided, Login operation will fail."}),
  "sslEnabled": z.boolean().optional().meta({"description":"sslEnabled Flag enable/disable SSL communication with Gateway, default false"}),
  "protectionDomain": z.string().optional().meta({"description":"protectionDomain is the name of the ScaleIO Protection Domain for the configured storage."}),
  "storagePool": z.string().optional().meta({"description":"storagePool is the ScaleIO Storage Pool associated with the protection domain."}),
  "storageMode": z.string().default("ThinProvisioned").meta({"description":"storageMode indicates whether the storage for a volume should be ThickProvisioned or ThinProvisioned. Default is ThinProvisioned."}),
  "volumeName": z.string().optional().meta({"description":"volumeName is the name of a volume already created in the ScaleIO system that is associated with this volume source."}),
  "fsType": z.string().default("xfs").meta({"description":"fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. \"ext4\", \"xfs\", \"ntfs\". Default is \"xfs\"."}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts."}),
}).meta({"description":"ScaleIOVolumeSource represents a persistent ScaleIO volume"});
export type ScaleIOVolumeSource = z.output<typeof ScaleIOVolumeSource>;

/** io.k8s.api.core.v1.StorageOSVolumeSource */
export const StorageOSVolumeSource = z.strictObject({
  "volumeName": z.string().optional().meta({"description":"volumeName is the human-readable name of the StorageOS volume.  Volume names are only unique within a namespace."}),
  "volumeNamespace": z.string().optional().meta({"description":"volumeNamespace specifies the scope of the volume within StorageOS.  If no namespace is specified then the Pod's namespace will be used.  This allows the Kubernetes name scoping to be mirrored within StorageOS for tighter integration. Set VolumeName to any name to override the default behaviour. Set to \"default\" if you are not using namespaces within StorageOS. Namespaces that do not pre-exist within StorageOS will be created."}),
  "fsType": z.string().optional().meta({"description":"fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. \"ext4\", \"xfs\", \"ntfs\". Implicitly inferred to be \"ext4\" if unspecified."}),
  "readOnly": z.boolean().optional().meta({"description":"readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts."}),
  "secretRef": LocalObjectReference.optional().meta({"description":"secretRef specifies the secret to use for obtaining the StorageOS API credentials.  If not specified, default values will be attempted."}),
}).meta({"description":"Represents a StorageOS persistent volume resource."});
export type StorageOSVolumeSource = z.output<typeof StorageOSVolumeSource>;

/** io.k8s.api.core.v1.Volume */
export const Volume = z.strictObject({
  "name": dnsLabel("volume name").meta({"description":"name of the volume. Must be a DNS_LABEL and unique within the pod. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"}),
  "hostPath": HostPathVolumeSource.optional().meta({"description":"hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container. This is generally used for system agents or other privileged things that are allowed to see the host machine. Most containers will NOT need this. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath"}),
  "emptyDir": EmptyDirVolumeSource.optional().meta({"description":"emptyDir represents a temporary directory that shares a pod's lifetime. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir"}),
  "gcePersistentDisk": GCEPersistentDiskVolumeSource.optional().meta({"description":"gcePersistentDisk represents a GCE Disk resource that is attached to a kubelet's host machine and then exposed to the pod. Deprecated: GCEPersistentDisk is deprecated. All operations for the in-tree gcePersistentDisk type are redirected to the pd.csi.storage.gke.io CSI driver. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk"}),
  "awsElasticBlockStore": AWSElasticBlockStoreVolumeSource.optional().meta({"description":"awsElasticBlockStore represents an AWS Disk resource that is attached to a kubelet's host machine and then exposed to the pod. Deprecated: AWSElasticBlockStore is deprecated. All operations for the in-tree awsElasticBlockStore type are redirected to the ebs.csi.aws.com CSI driver. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore"}),
  "gitRepo": GitRepoVolumeSource.optional().meta({"description":"gitRepo represents a git repository at a particular revision. Deprecated: GitRepo is deprecated. To provision a container with a git repo, mount an EmptyDir into an InitContainer that clones the repo using git, then mount the EmptyDir into the Pod's container."}),
  "secret": SecretVolumeSource.optional().meta({"description":"secret represents a secret that should populate this volume. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret"}),
  "nfs": NFSVolumeSource.optional().meta({"description":"nfs represents an NFS mount on the host that shares a pod's lifetime More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs"}),
  "iscsi": ISCSIVolumeSource.optional().meta({"description":"iscsi represents an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod. More info: https://examples.k8s.io/volumes/iscsi/README.md"}),
  "glusterfs": GlusterfsVolumeSource.optional().meta({"description":"glusterfs represents a Glusterfs mount on the host that shares a pod's lifetime. Deprecated: Glusterfs is deprecated and the in-tree glusterfs type is no longer supported. More info: https://examples.k8s.io/volumes/glusterfs/README.md"}),
  "persistentVolumeClaim": PersistentVolumeClaimVolumeSource.optional().meta({"description":"persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims"}),
  "rbd": RBDVolumeSource.optional().meta({"description":"rbd represents a Rados Block Device mount on the host that shares a pod's lifetime. Deprecated: RBD is deprecated and the in-tree rbd type is no longer supported. More info: https://examples.k8s.io/volumes/rbd/README.md"}),
  "flexVolume": FlexVolumeSource.optional().meta({"description":"flexVolume represents a generic volume resource that is provisioned/attached using an exec based plugin. Deprecated: FlexVolume is deprecated. Consider using a CSIDriver instead."}),
  "cinder": CinderVolumeSource.optional().meta({"description":"cinder represents a cinder volume attached and mounted on kubelets host machine. Deprecated: Cinder is deprecated. All operations for the in-tree cinder type are redirected to the cinder.csi.openstack.org CSI driver. More info: https://examples.k8s.io/mysql-cinder-pd/README.md"}),
  "cephfs": CephFSVolumeSource.optional().meta({"description":"cephFS represents a Ceph FS mount on the host that shares a pod's lifetime. Deprecated: CephFS is deprecated and the in-tree cephfs type is no longer supported."}),
  "flocker": FlockerVolumeSource.optional().meta({"description":"flocker represents a Flocker volume attached to a kubelet's host machine. This depends on the Flocker control service being running. Deprecated: Flocker is deprecated and the in-tree flocker type is no longer supported."}),
  "downwardAPI": DownwardAPIVolumeSource.optional().meta({"description":"downwardAPI represents downward API about the pod that should populate this volume"}),
  "fc": FCVolumeSource.optional().meta({"description":"fc represents a Fibre Channel resource that is attached to a kubelet's host machine and then exposed to the pod."}),
  "azureFile": AzureFileVolumeSource.optional().meta({"description":"azureFile represents an Azure File Service mount on the host and bind mount to the pod. Deprecated: AzureFile is deprecated. All operations for the in-tree azureFile type are redirected to the file.csi.azure.com CSI driver."}),
  "configMap": ConfigMapVolumeSource.optional().meta({"description":"configMap represents a configMap that should populate this volume"}),
  "vsphereVolume": VsphereVirtualDiskVolumeSource.optional().meta({"description":"vsphereVolume represents a vSphere volume attached and mounted on kubelets host machine. Deprecated: VsphereVolume is deprecated. All operations for the in-tree vsphereVolume type are redirected to the csi.vsphere.vmware.com CSI driver."}),
  "quobyte": QuobyteVolumeSource.optional().meta({"description":"quobyte represents a Quobyte mount on the host that shares a pod's lifetime. Deprecated: Quobyte is deprecated and the in-tree quobyte type is no longer supported."}),
  "azureDisk": AzureDiskVolumeSource.optional().meta({"description":"azureDisk represents an Azure Data Disk mount on the host and bind mount to the pod. Deprecated: AzureDisk is deprecated. All operations for the in-tree azureDisk type are redirected to the disk.csi.azure.com CSI driver."}),
  "photonPersistentDisk": PhotonPersistentDiskVolumeSource.optional().meta({"description":"photonPersistentDisk represents a PhotonController persistent disk attached and mounted on kubelets host machine. Deprecated: PhotonPersistentDisk is deprecated and the in-tree photonPersistentDisk type is no longer supported."}),
  "projected": ProjectedVolumeSource.optional().meta({"description":"projected items for all in one resources secrets, configmaps, and downward API"}),
  "portworxVolume": PortworxVolumeSource.optional().meta({"description":"portworxVolume represents a portworx volume attached and mounted on kubelets host machine. Deprecated: PortworxVolume is deprecated. All operations for the in-tree portworxVolume type are redirected to the pxd.portworx.com CSI driver when the CSIMigrationPortworx feature-gate is on."}),
  "scaleIO": ScaleIOVolumeSource.optional().meta({"description":"scaleIO represents a ScaleIO persistent volume attached and mounted on Kubernetes nodes. Deprecated: ScaleIO is deprecated and the in-tree scaleIO type is no longer supported."}),
  "storageos": StorageOSVolumeSource.optional().meta({"description":"storageOS represents a StorageOS volume attached and mounted on Kubernetes nodes. Deprecated: StorageOS is deprecated and the in-tree storageos type is no longer supported."}),
  "csi": CSIVolumeSource.optional().meta({"description":"csi (Container Storage Interface) represents ephemeral storage that is handled by certain external CSI drivers."}),
  "ephemeral": EphemeralVolumeSource.optional().meta({"description":"ephemeral represents a volume that is handled by a cluster storage driver. The volume's lifecycle is tied to the pod that defines it - it will be created before the pod starts, and deleted when the pod is removed.\n\nUse this if: a) the volume is only needed while the pod runs, b) features of normal volumes like restoring from snapshot or capacity\n   tracking are needed,\nc) the storage driver is specified through a storage class, and d) the storage driver supports dynamic volume provisioning through\n   a PersistentVolumeClaim (see EphemeralVolumeSource for more\n   information on the connection between this volume type\n   and PersistentVolumeClaim).\n\nUse PersistentVolumeClaim or one of the vendor-specific APIs for volumes that persist for longer than the lifecycle of an individual pod.\n\nUse CSI for light-weight local ephemeral volumes if the CSI driver is meant to be used that way - see the documentation of the driver for more information.\n\nA pod can use both types of ephemeral volumes and persistent volumes at the same time."}),
  "image": ImageVolumeSource.optional().meta({"description":"image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine. The volume is resolved at pod startup depending on which PullPolicy value is provided:\n\n- Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. - Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. - IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails.\n\nThe volume gets re-resolved if the pod gets deleted and recreated, which means that new remote content will become available on pod recreation. A failure to resolve or pull the image during pod startup will block containers from starting and may add significant latency. Failures will be retried using normal volume backoff and will be reported on the pod reason and message. The types of objects that may be mounted by this volume are defined by the container runtime implementation on a host machine and at minimum must include all valid types supported by the container image field. The OCI object gets mounted in a single directory (spec.containers[*].volumeMounts.mountPath) by merging the manifest layers in the same way as for container images. The volume will be mounted read-only (ro) and non-executable files (noexec). Sub path mounts for containers are not supported (spec.containers[*].volumeMounts.subpath) before 1.33. The field spec.securityContext.fsGroupChangePolicy has no effect on this volume type."}),
}).meta({"description":"Volume represents a named volume in a pod that may be accessed by any container in the pod."});
export type Volume = z.output<typeof Volume>;

/** io.k8s.api.core.v1.Toleration */
export const Toleration = z.strictObject({
  "key": z.string().optional().meta({"description":"Key is the taint key that the toleration applies to. Empty means match all taint keys. If the key is empty, operator must be Exists; this combination means to match all values and all keys."}),
  "operator": z.enum(["Equal","Exists"]).optional().meta({"description":"Operator represents a key's relationship to the value. Valid operators are Exists and Equal. Defaults to Equal. Exists is equivalent to wildcard for value, so that a pod can tolerate all taints of a particular category."}),
  "value": z.string().optional().meta({"description":"Value is the taint value the toleration matches to. If the operator is Exists, the value should be empty, otherwise just a regular string."}),
  "effect": z.enum(["NoExecute","NoSchedule","PreferNoSchedule"]).optional().meta({"description":"Effect indicates the taint effect to match. Empty means match all taint effects. When specified, allowed values are NoSchedule, PreferNoSchedule and NoExecute."}),
  "tolerationSeconds": z.int().optional().meta({"description":"TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute, otherwise this field is ignored) tolerates the taint. By default, it is not set, which means tolerate the taint forever (do not evict). Zero and negative values will be treated as 0 (evict immediately) by the system.","format":"int64"}),
}).meta({"description":"The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>."});
export type Toleration = z.output<typeof Toleration>;

/** io.k8s.api.core.v1.TopologySpreadConstraint */
export const TopologySpreadConstraint = z.strictObject({
  "maxSkew": z.int().meta({"description":"MaxSkew describes the degree to which pods may be unevenly distributed. When `whenUnsatisfiable=DoNotSchedule`, it is the maximum permitted difference between the number of matching pods in the target topology and the global minimum. The global minimum is the minimum number of matching pods in an eligible domain or zero if the number of eligible domains is less than MinDomains. For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same labelSelector spread as 2/2/1: In this case, the global minimum is 1. | zone1 | zone2 | zone3 | |  P P  |  P P  |   P   | - if MaxSkew is 1, incoming pod can only be scheduled to zone3 to become 2/2/2; scheduling it onto zone1(zone2) would make the ActualSkew(3-1) on zone1(zone2) violate MaxSkew(1). - if MaxSkew is 2, incoming pod can be scheduled onto any zone. When `whenUnsatisfiable=ScheduleAnyway`, it is used to give higher precedence to topologies that satisfy it. It's a required field. Default value is 1 and 0 is not allowed.","format":"int32"}),
  "topologyKey": z.string().meta({"description":"TopologyKey is the key of node labels. Nodes that have a label with this key and identical values are considered to be in the same topology. We consider each <key, value> as a \"bucket\", and try to put balanced number of pods into each bucket. We define a domain as a particular instance of a topology. Also, we define an eligible domain as a domain whose nodes meet the requirements of nodeAffinityPolicy and nodeTaintsPolicy. e.g. If TopologyKey is \"kubernetes.io/hostname\", each Node is a domain of that topology. And, if TopologyKey is \"topology.kubernetes.io/zone\", each zone is a domain of that topology. It's a required field."}),
  "whenUnsatisfiable": z.enum(["DoNotSchedule","ScheduleAnyway"]).meta({"description":"WhenUnsatisfiable indicates how to deal with a pod if it doesn't satisfy the spread constraint. - DoNotSchedule (default) tells the scheduler not to schedule it. - ScheduleAnyway tells the scheduler to schedule the pod in any location,\n  but giving higher precedence to topologies that would help reduce the\n  skew.\nA constraint is considered \"Unsatisfiable\" for an incoming pod if and only if every possible node assignment for that pod would violate \"MaxSkew\" on some topology. For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same labelSelector spread as 3/1/1: | zone1 | zone2 | zone3 | | P P P |   P   |   P   | If WhenUnsatisfiable is set to DoNotSchedule, incoming pod can only be scheduled to zone2(zone3) to become 3/2/1(3/1/2) as ActualSkew(2-1) on zone2(zone3) satisfies MaxSkew(1). In other words, the cluster can still be imbalanced, but scheduler won't make it *more* imbalanced. It's a required field."}),
  "labelSelector": LabelSelector.optional().meta({"description":"LabelSelector is used to find matching pods. Pods that match this label selector are counted to determine the number of pods in their corresponding topology domain."}),
  "minDomains": z.int().optional().meta({"description":"MinDomains indicates a minimum number of eligible domains. When the number of eligible domains with matching topology keys is less than minDomains, Pod Topology Spread treats \"global minimum\" as 0, and then the calculation of Skew is performed. And when the number of eligible domains with matching topology keys equals or greater than minDomains, this value has no effect on scheduling. As a result, when the number of eligible domains is less than minDomains, scheduler won't schedule more than maxSkew Pods to those domains. If value is nil, the constraint behaves as if MinDomains is equal to 1. Valid values are integers greater than 0. When value is not nil, WhenUnsatisfiable must be DoNotSchedule.\n\nFor example, in a 3-zone cluster, MaxSkew is set to 2, MinDomains is set to 5 and pods with the same labelSelector spread as 2/2/2: | zone1 | zone2 | zone3 | |  P P  |  P P  |  P P  | The number of domains is less than 5(MinDomains), so \"global minimum\" is treated as 0. In this situation, new pod with the same labelSelector cannot be scheduled, because computed skew will be 3(3 - 0) if new Pod is scheduled to any of the three zones, it will violate MaxSkew.","format":"int32"}),
  "nodeAffinityPolicy": z.enum(["Honor","Ignore"]).optional().meta({"description":"NodeAffinityPolicy indicates how we will treat Pod's nodeAffinity/nodeSelector when calculating pod topology spread skew. Options are: - Honor: only nodes matching nodeAffinity/nodeSelector are included in the calculations. - Ignore: nodeAffinity/nodeSelector are ignored. All nodes are included in the calculations.\n\nIf this value is nil, the behavior is equivalent to the Honor policy."}),
  "nodeTaintsPolicy": z.enum(["Honor","Ignore"]).optional().meta({"description":"NodeTaintsPolicy indicates how we will treat node taints when calculating pod topology spread skew. Options are: - Honor: nodes without taints, along with tainted nodes for which the incoming pod has a toleration, are included. - Ignore: node taints are ignored. All nodes are included.\n\nIf this value is nil, the behavior is equivalent to the Ignore policy."}),
  "matchLabelKeys": z.array(z.string()).optional().meta({"description":"MatchLabelKeys is a set of pod label keys to select the pods over which spreading will be calculated. The keys are used to lookup values from the incoming pod labels, those key-value labels are ANDed with labelSelector to select the group of existing pods over which spreading will be calculated for the incoming pod. The same key is forbidden to exist in both MatchLabelKeys and LabelSelector. MatchLabelKeys cannot be set when LabelSelector isn't set. Keys that don't exist in the incoming pod labels will be ignored. A null or empty list means only match against labelSelector.\n\nThis is a beta field and requires the MatchLabelKeysInPodTopologySpread feature gate to be enabled (enabled by default).","x-kubernetes-list-type":"atomic"}),
}).meta({"description":"TopologySpreadConstraint specifies how to spread matching pods among the given topology."});
export type TopologySpreadConstraint = z.output<typeof TopologySpreadConstraint>;

/** io.k8s.api.core.v1.PodSpec */
export const PodSpec = z.strictObject({
  "volumes": z.array(Volume).superRefine(uniqueKeys(["name"])).optional().meta({"description":"List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}),
  "initContainers": z.array(Container).superRefine(uniqueKeys(["name"])).optional().meta({"description":"List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started. If any init container fails, the pod is considered to have failed and is handled according to its restartPolicy. The name for an init container or normal container must be unique among all containers. Init containers may not have Lifecycle actions, Readiness probes, Liveness probes, or Startup probes. The resourceRequirements of an init container are taken into account during scheduling by finding the highest request/limit for each resource type, and then using the max of that value or the sum of the normal containers. Limits are applied to init containers in a similar fashion. Init containers cannot currently be added or removed. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}),
  "containers": z.array(Container).superRefine(uniqueKeys(["name"])).meta({"description":"List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}),
  "restartPolicy": z.enum(["Always","Never","OnFailure"]).optional().meta({"description":"Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy"}),
  "terminationGracePeriodSeconds": z.int().min(0).optional().meta({"description":"Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). If this value is nil, the default grace period will be used instead. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. Defaults to 30 seconds.","format":"int64"}),
  "activeDeadlineSeconds": z.int().optional().meta({"description":"Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers. Value must be a positive integer.","format":"int64"}),
  "dnsPolicy": z.enum(["ClusterFirst","ClusterFirstWithHostNet","Default","None"]).optional().meta({"description":"Set DNS policy for the pod. Defaults to \"ClusterFirst\". Valid values are 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'. DNS parameters given in DNSConfig will be merged with the policy selected with DNSPolicy. To have DNS options set along with hostNetwork, you have to specify DNS policy explicitly to 'ClusterFirstWithHostNet'."}),
  "nodeSelector": labelMap().optional().meta({"description":"NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/","x-kubernetes-map-type":"atomic"}),
  "serviceAccountName": z.string().optional().meta({"description":"ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"}),
  "serviceAccount": z.string().optional().meta({"description":"DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead."}),
  "automountServiceAccountToken": z.boolean().optional().meta({"description":"AutomountServiceAccountToken indicates whether a service account token should be automatically mounted."}),
  "nodeName": z.string().optional().meta({"description":"NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename"}),
  "hostNetwork": z.boolean().optional().meta({"description":"Host networking requested for this pod. Use the host's network namespace. If this option is set, the ports that will be used must be specified. Default to false."}),
  "hostPID": z.boolean().optional().meta({"description":"Use the host's pid namespace. Optional: Default to false."}),
  "hostIPC": z.boolean().optional().meta({"description":"Use the host's ipc namespace. Optional: Default to false."}),
  "shareProcessNamespace": z.boolean().optional().meta({"description":"Share a single process namespace between all of the containers in a pod. When this is set containers will be able to view and signal processes from other containers in the same pod, and the first process in each container will not be assigned PID 1. HostPID and ShareProcessNamespace cannot both be set. Optional: Default to false."}),
  "securityContext": PodSecurityContext.optional().meta({"description":"SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field."}),
  "imagePullSecrets": z.array(LocalObjectReference).superRefine(uniqueKeys(["name"])).optional().meta({"description":"ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec. If specified, these secrets will be passed to individual puller implementations for them to use. More info: https://kubernetes.io/docs/concepts/containers/images#specifying-imagepullsecrets-on-a-pod","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}),
  "hostname": z.string().optional().meta({"description":"Specifies the hostname of the Pod If not specified, the pod's hostname will be set to a system-defined value."}),
  "subdomain": z.string().optional().meta({"description":"If specified, the fully qualified Pod hostname will be \"<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>\". If not specified, the pod will not have a domainname at all."}),
  "affinity": Affinity.optional().meta({"description":"If specified, the pod's scheduling constraints"}),
  "schedulerName": z.string().optional().meta({"description":"If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler."}),
  "tolerations": z.array(Toleration).optional().meta({"description":"If specified, the pod's tolerations.","x-kubernetes-list-type":"atomic"}),
  "hostAliases": z.array(HostAlias).superRefine(uniqueKeys(["ip"])).optional().meta({"description":"HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["ip"]}),
  "priorityClassName": z.string().optional().meta({"description":"If specified, indicates the pod's priority. \"system-node-critical\" and \"system-cluster-critical\" are two special keywords which indicate the highest priorities with the former being the highest priority. Any other name must be defined by creating a PriorityClass object with that name. If not specified, the pod priority will be default or zero if there is no default."}),
  "priority": z.int().optional().meta({"description":"The priority value. Various system components use this field to find the priority of the pod. When Priority Admission Controller is enabled, it prevents users from setting this field. The admission controller populates this field from PriorityClassName. The higher the value, the higher the priority.","format":"int32"}),
  "dnsConfig": PodDNSConfig.optional().meta({"description":"Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy."}),
  "readinessGates": z.array(PodReadinessGate).optional().meta({"description":"If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates","x-kubernetes-list-type":"atomic"}),
  "runtimeClassName": z.string().optional().meta({"description":"RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod.  If no RuntimeClass resource matches the named class, the pod will not be run. If unset or empty, the \"legacy\" RuntimeClass will be used, which is an implicit class with an empty definition that uses the default runtime handler. More info: https://git.k8s.io/enhancements/keps/sig-node/585-runtime-class"}),
  "enableServiceLinks": z.boolean().optional().meta({"description":"EnableServiceLinks indicates whether information about services should be injected into pod's environment variables, matching the syntax of Docker links. Optional: Defaults to true."}),
  "preemptionPolicy": z.enum(["Never","PreemptLowerPriority"]).optional().meta({"description":"PreemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."}),
  "overhead": z.record(z.string(), quantity()).optional().meta({"description":"Overhead represents the resource overhead associated with running a pod for a given RuntimeClass. This field will be autopopulated at admission time by the RuntimeClass admission controller. If the RuntimeClass admission controller is enabled, overhead must not be set in Pod create requests. The RuntimeClass admission controller will reject Pod create requests which have the overhead already set. If RuntimeClass is configured and selected in the PodSpec, Overhead will be set to the value defined in the corresponding RuntimeClass, otherwise it will remain unset and treated as zero. More info: https://git.k8s.io/enhancements/keps/sig-node/688-pod-overhead/README.md"}),
  "topologySpreadConstraints": z.array(TopologySpreadConstraint).superRefine(uniqueKeys(["topologyKey","whenUnsatisfiable"])).optional().meta({"description":"TopologySpreadConstraints describes how a group of pods ought to spread across topology domains. Scheduler will schedule pods in a way which abides by the constraints. All topologySpreadConstraints are ANDed.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["topologyKey","whenUnsatisfiable"]}),
  "setHostnameAsFQDN": z.boolean().optional().meta({"description":"If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default). In Linux containers, this means setting the FQDN in the hostname field of the kernel (the nodename field of struct utsname). In Windows containers, this means setting the registry value of hostname for the registry key HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\Tcpip\\\\Parameters to FQDN. If a pod does not have FQDN, this has no effect. Default to false."}),
  "os": PodOS.optional().meta({"description":"Specifies the OS of the containers in the pod. Some pod and container fields are restricted if this is set.\n\nIf the OS field is set to linux, the following fields must be unset: -securityContext.windowsOptions\n\nIf the OS field is set to windows, following fields must be unset: - spec.hostPID - spec.hostIPC - spec.hostUsers - spec.securityContext.appArmorProfile - spec.securityContext.seLinuxOptions - spec.securityContext.seccompProfile - spec.securityContext.fsGroup - spec.securityContext.fsGroupChangePolicy - spec.securityContext.sysctls - spec.shareProcessNamespace - spec.securityContext.runAsUser - spec.securityContext.runAsGroup - spec.securityContext.supplementalGroups - spec.securityContext.supplementalGroupsPolicy - spec.containers[*].securityContext.appArmorProfile - spec.containers[*].securityContext.seLinuxOptions - spec.containers[*].securityContext.seccompProfile - spec.containers[*].securityContext.capabilities - spec.containers[*].securityContext.readOnlyRootFilesystem - spec.containers[*].securityContext.privileged - spec.containers[*].securityContext.allowPrivilegeEscalation - spec.containers[*].securityContext.procMount - spec.containers[*].securityContext.runAsUser - spec.containers[*].securityContext.runAsGroup"}),
  "hostUsers": z.boolean().optional().meta({"description":"Use the host's user namespace. Optional: Default to true. If set to true or not present, the pod will be run in the host user namespace, useful for when the pod needs a feature only available to the host user namespace, such as loading a kernel module with CAP_SYS_MODULE. When set to false, a new userns is created for the pod. Setting false is useful for mitigating container breakout vulnerabilities even allowing users to run their containers as root without actually having root privileges on the host. This field is alpha-level and is only honored by servers that enable the UserNamespacesSupport feature."}),
  "schedulingGates": z.array(PodSchedulingGate).superRefine(uniqueKeys(["name"])).optional().meta({"description":"SchedulingGates is an opaque list of values that if specified will block scheduling the pod. If schedulingGates is not empty, the pod will stay in the SchedulingGated state and the scheduler will not attempt to schedule the pod.\n\nSchedulingGates can only be set at pod creation time, and be removed only afterwards.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}),
  "resourceClaims": z.array(PodResourceClaim).superRefine(uniqueKeys(["name"])).optional().meta({"description":"ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start. The resources will be made available to those containers which consume them by name.\n\nThis is an alpha field and requires enabling the DynamicResourceAllocation feature gate.\n\nThis field is immutable.","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}),
  "resources": ResourceRequirements.optional().meta({"description":"Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for \"cpu\" and \"memory\" resource names only. ResourceClaims are not supported.\n\nThis field enables fine-grained control over resource allocation for the entire pod, allowing resource sharing among containers in a pod.\n\nThis is an alpha field and requires enabling the PodLevelResources feature gate."}),
}).meta({"description":"PodSpec is a description of a pod."});
export type PodSpec = z.output<typeof PodSpec>;

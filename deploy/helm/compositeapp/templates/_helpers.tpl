{{/* Chart name, at most 63 characters. */}}
{{- define "compositeapp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: the release name, plus the chart name unless it is in there. */}}
{{- define "compositeapp.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* name-version for the helm.sh/chart label. */}}
{{- define "compositeapp.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the operator Pods (must never change between upgrades). */}}
{{- define "compositeapp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "compositeapp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Standard labels of every object of the chart. */}}
{{- define "compositeapp.labels" -}}
helm.sh/chart: {{ include "compositeapp.chart" . }}
{{ include "compositeapp.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "compositeapp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "compositeapp.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The operator image: repository@digest when image.digest is set, else repository:tag. */}}
{{- define "compositeapp.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* Namespace of the leader-election Lease. */}}
{{- define "compositeapp.leaseNamespace" -}}
{{- default .Release.Namespace .Values.leaderElection.namespace }}
{{- end }}

{{/*
The operator's permissions on the resources it manages, in every namespace it watches. Keep in
step with the API calls the operator makes (test/unit/chart checks the exact verbs).
*/}}
{{- define "compositeapp.rules" -}}
- apiGroups: ["compositeapp.io"]
  resources: ["compositeapps"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["compositeapp.io"]
  resources: ["compositeapps/status"]
  verbs: ["update"]
# ownerReferences with blockOwnerDeletion on the Pods (OwnerReferencesPermissionEnforcement).
- apiGroups: ["compositeapp.io"]
  resources: ["compositeapps/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch", "create", "delete", "patch"]
# In-place updates: helper images (patch on pods) and CPU/memory (the resize subresource, 1.33+).
- apiGroups: [""]
  resources: ["pods/resize"]
  verbs: ["patch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "update"]
# spec.disruptionBudget: the PodDisruptionBudget each app controls (get: a create that finds one).
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
{{- end }}

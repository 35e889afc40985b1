// A native sidecar (an init container with restartPolicy Always) is stopped by the kubelet once
// the Pod's work is done or the Pod is deleted: SIGTERM, then SIGKILL after the grace period. Most
// programs do not trap SIGTERM, so the sidecar ends with exit code 143 (128 + 15) or 137 (128 + 9)
// and the kubelet calls it "Error". That is the normal end of a sidecar, not a failure (the Pod's
// phase ignores it too), and the per-role status says so.
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";

const STOP_SIGNALS: Readonly<Record<number, string>> = { 137: "SIGKILL", 143: "SIGTERM" };

/** True when the Pod is done with its work: ended, being deleted, or every regular container terminated. */
function podStopping(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed" || pod.metadata?.deletionTimestamp != null) return true;
  const regular = pod.status?.containerStatuses ?? [];
  return regular.length > 0 && regular.every((s) => s.state?.terminated !== undefined && s.state.terminated !== null);
}

const isNativeSidecar = (pod: V1Pod, name: string): boolean =>
  pod.spec?.initContainers?.some((c) => c.name === name && c.restartPolicy === "Always") ?? false;

/** The container's state for the status: running, waiting or terminated, with the reason. */
export function containerState(pod: V1Pod, s: V1ContainerStatus): string {
  if (s.state?.running) return "running";
  const t = s.state?.terminated;
  if (t) {
    const signal = STOP_SIGNALS[t.exitCode];
    if (signal && isNativeSidecar(pod, s.name) && podStopping(pod))
      return `terminated: Stopped (exit ${t.exitCode}, ${signal} at Pod termination)`;
    return `terminated: ${t.reason ?? `exit ${t.exitCode}`}`;
  }
  if (s.state?.waiting) return `waiting: ${s.state.waiting.reason ?? "unknown"}`;
  return "unknown";
}

// Where each container of an app lands in the Pod: which list, in which order. Pure.
//
// Each helper runs Native (an init container with restartPolicy Always) or Classic (a regular
// container): its placement.mode, else the app's resolved sidecarMode. Helpers without an anchor
// take their role's place: native ambassadors before the user's init containers (so init steps can
// already use them), native sidecars and adapters after them (so they see what the init steps
// prepared); classic helpers after the main container. A helper with startAfter/startBefore sits
// right next to the container it names; several helpers naming the same container keep the order
// of the spec (ambassadors, sidecars, adapters, each in list order).
import type { V1Container } from "@kubernetes/client-node";
import type { HelperMode, Placement } from "../../api/placement.js";
import { anchorOf } from "../../api/placement.js";
import type { Role } from "./types.js";

/** A container with its role in the Pod. */
export interface PodContainer {
  role: Role;
  container: V1Container;
}

export interface HelperToPlace extends PodContainer {
  placement: Placement | undefined;
}

export interface Arrangement {
  init: PodContainer[];
  regular: PodContainer[];
  /** How the helpers run: Native, Classic, or Mixed; with no helpers, the app's mode. */
  sidecarMode: HelperMode | "Mixed";
}

/** The base order `base` with anchored items inserted next to the container each names. */
function insertAnchored(base: PodContainer[], anchored: HelperToPlace[]): PodContainer[] {
  const next = new Map<string, { before: HelperToPlace[]; after: HelperToPlace[] }>();
  for (const h of anchored) {
    const a = anchorOf(h.placement)!;
    const slot = next.get(a.name) ?? { before: [], after: [] };
    slot[a.side].push(h);
    next.set(a.name, slot);
  }
  const out: PodContainer[] = [];
  const seen = new Set<string>();
  const emit = (p: PodContainer) => {
    if (seen.has(p.container.name)) return;
    seen.add(p.container.name);
    const slot = next.get(p.container.name);
    slot?.before.forEach(emit);
    out.push(p);
    slot?.after.forEach(emit);
  };
  base.forEach(emit);
  // Anchors that lead nowhere are rejected by validation; never drop a container all the same.
  anchored.forEach(emit);
  return out.map(({ role, container }) => ({ role, container }));
}

const restartable = (p: PodContainer): PodContainer => ({
  ...p,
  container: { ...p.container, restartPolicy: "Always" },
});

export function arrange(
  parts: {
    main: PodContainer;
    init: PodContainer[];
    ambassadors: HelperToPlace[];
    sidecars: HelperToPlace[];
    adapters: HelperToPlace[];
  },
  defaultMode: HelperMode,
): Arrangement {
  const modeOf = (h: HelperToPlace): HelperMode => h.placement?.mode ?? defaultMode;
  const helpers = [...parts.ambassadors, ...parts.sidecars, ...parts.adapters];
  const native = (l: HelperToPlace[]) => l.filter((h) => modeOf(h) === "Native");
  const classic = (l: HelperToPlace[]) => l.filter((h) => modeOf(h) === "Classic");
  const free = (l: HelperToPlace[]) => l.filter((h) => !anchorOf(h.placement));
  const anchored = (l: HelperToPlace[]) => l.filter((h) => anchorOf(h.placement));

  const init = insertAnchored(
    [
      ...free(native(parts.ambassadors)),
      ...parts.init,
      ...free(native(parts.sidecars)),
      ...free(native(parts.adapters)),
    ],
    anchored(native(helpers)),
  ).map((p) => (p.role === "init" ? p : restartable(p)));
  const regular = insertAnchored(
    [
      parts.main,
      ...free(classic(parts.sidecars)),
      ...free(classic(parts.ambassadors)),
      ...free(classic(parts.adapters)),
    ],
    anchored(classic(helpers)),
  );
  const modes = new Set(helpers.map(modeOf));
  const sidecarMode = modes.size > 1 ? "Mixed" : (modes.values().next().value ?? defaultMode);
  return { init, regular, sidecarMode };
}

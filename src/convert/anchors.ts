// The fewest placement anchors that make the renderer give back a Pod's container order. Pure.
//
// The role defaults are tried first. Where they give another order, helpers are anchored one by one
// in the Pod's order until the order matches: a helper after a fixed container (an init container
// that runs to completion, or the main container) starts after its predecessor; a helper in the
// leading run before any fixed container starts before its successor. Anchors point backward after
// the first fixed container and forward before it, so they never form a cycle; with every helper
// anchored the order is the Pod's exactly.
import type { HelperMode, Placement } from "../api/placement.js";
import { arrange, type HelperToPlace, type PodContainer, type Role } from "../core/index.js";
import type { HelperPodRole as HelperRoleName } from "../api/roles.js";

export interface Entry {
  name: string;
  /** Set for helpers; absent for fixed containers (init steps, main). */
  helper?: Record<string, unknown>;
  role?: HelperRoleName;
  mode?: HelperMode;
}

export type Anchor = Pick<Placement, "startAfter" | "startBefore">;

function renderedOrder(init: Entry[], regular: Entry[], main: string, mode: HelperMode, anchors: Map<string, Anchor>) {
  const placed = (name: string, role: Role): PodContainer => ({ role, container: { name } });
  const helpers = [...init, ...regular].filter((e) => e.helper);
  const ofRole = (role: HelperRoleName): HelperToPlace[] =>
    helpers
      .filter((e) => (e.role ?? "sidecar") === role)
      .map((e) => ({ ...placed(e.name, role), placement: { mode: e.mode, ...anchors.get(e.name) } }));
  const a = arrange(
    {
      main: placed(main, "main"),
      init: init.filter((e) => !e.helper).map((e) => placed(e.name, "init")),
      ambassadors: ofRole("ambassador"),
      sidecars: ofRole("sidecar"),
      adapters: ofRole("adapter"),
    },
    mode,
  );
  const names = (l: PodContainer[]) => l.map((p) => p.container.name).join(",");
  return { init: names(a.init), regular: names(a.regular) };
}

/** The anchor that pins the helper at index i of `list` next to its neighbour. */
function anchorAt(list: Entry[], i: number): Anchor | undefined {
  const fixedBefore = list.slice(0, i).some((e) => !e.helper);
  const fixedAfter = list.slice(i + 1).some((e) => !e.helper);
  if (fixedBefore) return { startAfter: list[i - 1]!.name };
  if (fixedAfter) return { startBefore: list[i + 1]!.name };
  return i > 0 ? { startAfter: list[i - 1]!.name } : undefined;
}

export function anchorsFor(init: Entry[], regular: Entry[], main: string, mode: HelperMode): Map<string, Anchor> {
  const anchors = new Map<string, Anchor>();
  const want = { init: init.map((e) => e.name).join(","), regular: regular.map((e) => e.name).join(",") };
  const matches = () => {
    const got = renderedOrder(init, regular, main, mode, anchors);
    return { init: got.init === want.init, regular: got.regular === want.regular };
  };
  for (const [list, key] of [
    [init, "init"],
    [regular, "regular"],
  ] as const) {
    for (let i = 0; i < list.length && !matches()[key]; i++) {
      const anchor = list[i]!.helper ? anchorAt(list, i) : undefined;
      if (anchor) anchors.set(list[i]!.name, anchor);
    }
  }
  return anchors;
}

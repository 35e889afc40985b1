// The CompositeApp resource as the API client addresses it (group, version, plural).
import { GROUP, PLURAL, VERSION } from "../api/compositeapp.js";
import type { Resource } from "./kube/api.js";

export const COMPOSITEAPPS: Resource = { group: GROUP, version: VERSION, plural: PLURAL, namespaced: true };

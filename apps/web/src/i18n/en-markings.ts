// TLP markings, asset statuses and dependency kinds in English: words the first screen shows too
// (en-first-screen.ts), apart from the registry's pages' (en-registry.ts).
import type { AssetStatus, DependencyKind, TlpMarking } from "@bulwark/core";

export const markings = {
  clear: "TLP:CLEAR",
  green: "TLP:GREEN",
  amber: "TLP:AMBER",
  "amber+strict": "TLP:AMBER+STRICT",
  red: "TLP:RED",
} satisfies Record<TlpMarking, string>;

export const statuses = {
  operational: "Operational",
  degraded: "Degraded",
  down: "Down",
} satisfies Record<AssetStatus, string>;

export const dependencyKinds = {
  physical: "Physical",
  cyber: "Cyber",
  geographic: "Geographic",
  logical: "Logical",
} satisfies Record<DependencyKind, string>;

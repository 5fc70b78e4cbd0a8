// Labels and options for the registry's vocabularies (status, TLP marking, dependency kind), and
// whether to offer editing: the server decides, the app only hides what it would refuse anyway.
import {
  ASSET_STATUSES,
  type AssetStatus,
  DEPENDENCY_KINDS,
  type DependencyKind,
  type Role,
} from "@bulwark/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../app/auth.tsx";
import type { Option } from "../app/vocabulary.ts";

const EDITOR_ROLES: readonly Role[] = ["platform-admin", "organisation-admin", "coordinator", "analyst"];

/** Whether to show edit, delete and import actions (the server still checks each one). */
export function useCanEditAssets(): boolean {
  const me = useMe();
  return me.roles.some((role) => EDITOR_ROLES.includes(role));
}

export function useAssetLabels() {
  const { t } = useTranslation();
  return useMemo(() => {
    const status = (id: AssetStatus) => t(`statuses.${id}`);
    const dependencyKind = (id: DependencyKind) => t(`dependencyKinds.${id}`);
    return {
      status,
      dependencyKind,
      statusOptions: ASSET_STATUSES.map((id): Option => ({ value: id, label: status(id) })),
      dependencyKindOptions: DEPENDENCY_KINDS.map((id): Option => ({ value: id, label: dependencyKind(id) })),
    };
  }, [t]);
}

export const STATUS_COLOURS: Record<AssetStatus, string> = {
  operational: "teal",
  degraded: "orange",
  down: "red",
};

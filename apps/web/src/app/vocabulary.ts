// Translated labels and select options for the fixed vocabularies (sectors, kinds, roles).
import {
  ORGANISATION_KINDS,
  type OrganisationKind,
  ROLES,
  type Role,
  SECTORS,
  type Sector,
} from "@bulwark/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && list.some((item) => item === value);
}

export function onlyOf<T extends string>(list: readonly T[], values: readonly string[]): T[] {
  return values.filter((value): value is T => isOneOf(list, value));
}

export interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

export function useLabels() {
  const { t } = useTranslation();
  return useMemo(() => {
    const sector = (id: Sector) => t(`sectors.${id}`);
    const kind = (id: OrganisationKind) => t(`kinds.${id}`);
    const role = (id: Role) => t(`roles.${id}`);
    const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label);
    return {
      sector,
      kind,
      role,
      sectorOptions: SECTORS.map((id): Option => ({ value: id, label: sector(id) })).sort(byLabel),
      kindOptions: ORGANISATION_KINDS.map((id): Option => ({ value: id, label: kind(id) })),
      roleOptions: ROLES.map((id): Option => ({ value: id, label: role(id) })),
    };
  }, [t]);
}

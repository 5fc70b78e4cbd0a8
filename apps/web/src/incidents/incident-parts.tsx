// Small pieces the incident pages share: the state and asset-status badges, the type's label, a
// time span in words ("2 days 3 hours"), datetime-local values and the query keys.
import type { IncidentAssetStatus, IncidentSeverity, IncidentState, IncidentType } from "@bulwark/core";
import { isThreatFamily } from "@bulwark/core";
import { Badge } from "@mantine/core";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

export const incidentsKey = ["incidents"] as const;
export const incidentKey = (id: string) => ["incidents", "one", id] as const;
export const LIVE_URL = "/api/incidents/events";
export const LIVE_TYPES = ["incident"] as const;

// Badges as a coloured dot beside text in the page's own colour: the light variant's yellow and
// orange text on a pale fill reads below 4.5:1.
const STATE_COLOURS: Record<IncidentState, string> = {
  reported: "red",
  acknowledged: "orange",
  responding: "yellow",
  recovering: "blue",
  closed: "gray",
};

export function StateBadge({ state }: { state: IncidentState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={STATE_COLOURS[state]} miw="max-content" data-testid="incident-state">
      {t(`incidents.states.${state}`)}
    </Badge>
  );
}

const ASSET_STATUS_COLOURS: Record<IncidentAssetStatus, string> = {
  down: "red",
  degraded: "orange",
  restored: "teal",
};

export function AssetStatusBadge({ status }: { status: IncidentAssetStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={ASSET_STATUS_COLOURS[status]} miw="max-content">
      {t(`incidents.assetStatuses.${status}`)}
    </Badge>
  );
}

const SEVERITY_COLOURS: Record<IncidentSeverity, string> = {
  minor: "teal",
  significant: "yellow",
  major: "orange",
  critical: "red",
};

/**
 * An incident's severity: the level, marked as the filer's proposal until the authority sets it,
 * or "not assessed yet". The level's meaning is its title (the page says it in words too).
 */
export function SeverityBadge({
  severity,
  assessed,
}: {
  severity: IncidentSeverity | null;
  assessed: boolean;
}) {
  const { t } = useTranslation();
  if (!severity)
    return (
      <Badge variant="dot" color="gray" miw="max-content" data-testid="incident-severity">
        {t("incidents.severity.none")}
      </Badge>
    );
  const label = t(`incidents.severity.levels.${severity}`);
  return (
    <Badge
      variant="dot"
      color={SEVERITY_COLOURS[severity]}
      miw="max-content"
      title={t(`incidents.severity.meanings.${severity}`)}
      data-testid="incident-severity"
    >
      {assessed ? label : t("incidents.severity.proposedLevel", { level: label })}
    </Badge>
  );
}

/** The label of an incident's type: a threat family in the compendium's words, else our own. */
export function useTypeLabel(): (type: IncidentType) => string {
  const { t } = useTranslation();
  return useCallback(
    (type: IncidentType) =>
      isThreatFamily(type) ? t(`compendium.threats.${type}`) : t(`incidents.types.${type}`),
    [t],
  );
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span of time in its two largest units, to the minute, without zeros after the first unit:
 * 1 day 4 hours, 3 hours, 35 minutes (the sign is dropped: "left" or "overdue by" says it).
 */
export function spanParts(ms: number): { unit: "days" | "hours" | "minutes"; count: number }[] {
  const total = Math.round(Math.abs(ms) / MINUTE) * MINUTE;
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  const parts =
    days > 0
      ? [
          { unit: "days" as const, count: days },
          { unit: "hours" as const, count: hours },
        ]
      : hours > 0
        ? [
            { unit: "hours" as const, count: hours },
            { unit: "minutes" as const, count: minutes },
          ]
        : [{ unit: "minutes" as const, count: minutes }];
  return parts.filter((part, index) => index === 0 || part.count > 0);
}

/** A span of time in the reader's words, to the minute: "1 day 4 hours", "35 minutes". */
export function useSpan(): (ms: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (ms: number) =>
      spanParts(ms)
        .map((part) => t(`incidents.obligations.${part.unit}`, { count: part.count }))
        .join(" "),
    [t],
  );
}

/** A datetime-local value (the reader's local time, to the minute) for a moment. */
export function localInput(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * MINUTE).toISOString().slice(0, 16);
}

/** The RFC 3339 time of a datetime-local value, or null when it is empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

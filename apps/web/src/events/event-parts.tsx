// Small pieces the event screens share: kind and status badges, a date range, and the query keys.
import type { EventSummary } from "@bulwark/contracts";
import type { ActionStatus, EventKind } from "@bulwark/core";
import { Badge, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../app/format.ts";

export const eventsKey = ["events"] as const;
export const eventKey = (id: string) => ["events", "event", id] as const;
export const trackerKey = ["events", "tracker"] as const;

const KIND_COLOURS: Record<EventKind, string> = {
  workshop: "indigo",
  conference: "grape",
  training: "teal",
  exercise: "orange",
  webinar: "cyan",
};

export function KindBadge({ kind }: { kind: EventKind }) {
  const { t } = useTranslation();
  return (
    <Badge color={KIND_COLOURS[kind]} variant="light" radius="sm">
      {t(`events.kinds.${kind}`)}
    </Badge>
  );
}

export const STATUS_COLOURS: Record<ActionStatus, string> = {
  open: "blue",
  "in-progress": "yellow",
  done: "green",
  dropped: "gray",
};

export function StatusBadge({ status, overdue }: { status: ActionStatus; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} align="flex-start">
      <Badge color={STATUS_COLOURS[status]} variant="light" radius="sm" style={{ flexShrink: 0 }}>
        {t(`events.statuses.${status}`)}
      </Badge>
      {overdue && (
        <Badge color="red" variant="filled" radius="sm" style={{ flexShrink: 0 }}>
          {t("events.actions.overdue")}
        </Badge>
      )}
    </Stack>
  );
}

/** "3 Dec 2026" or "3 Dec 2026 – 5 Dec 2026" (calendar dates, shown as written: no time zone shift). */
export function useDateRange() {
  const format = useFormat();
  const day = (date: string) => format.date(`${date}T12:00:00Z`);
  return (event: Pick<EventSummary, "startsOn" | "endsOn">) =>
    event.startsOn === event.endsOn ? day(event.startsOn) : `${day(event.startsOn)} – ${day(event.endsOn)}`;
}

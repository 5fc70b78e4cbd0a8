// The CAP 1.2 warning of an alert in the compose form: codes, instruction, expiry and area (circles
// around the assets concerned, and an optional polygon typed as latitude,longitude corners).
// The server validates it again; this only shapes what the author typed.
import type { AlertWarningInput, AlertWarningView } from "@bulwark/contracts";
import { CAP_CATEGORIES, CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES } from "@bulwark/core";
import {
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isOneOf, onlyOf } from "../app/vocabulary.ts";

/** What the form holds: the polygon and expiry as typed. */
export interface WarningDraft {
  categories: string[];
  event: string;
  urgency: (typeof CAP_URGENCIES)[number];
  severity: (typeof CAP_SEVERITIES)[number];
  certainty: (typeof CAP_CERTAINTIES)[number];
  instruction: string;
  /** As a datetime-local input gives it (local time), or empty. */
  expires: string;
  area: string;
  fromAssets: boolean;
  radiusKm: number;
  polygon: string;
  /** Shapes the form does not edit (entered through the API), kept as they are. */
  otherPolygons: { lat: number; lon: number }[][];
  circles: { lat: number; lon: number; radiusKm: number }[];
}

export const emptyWarning = (areaDefault: string): WarningDraft => ({
  categories: ["Security"],
  event: "",
  urgency: "Unknown",
  severity: "Unknown",
  certainty: "Unknown",
  instruction: "",
  expires: "",
  area: areaDefault,
  fromAssets: true,
  radiusKm: 1,
  polygon: "",
  otherPolygons: [],
  circles: [],
});

/** A datetime-local value (the reader's local time) for an RFC 3339 time. */
const localInput = (iso: string) => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The form's copy of a warning the server holds. */
export const draftOf = (warning: AlertWarningView): WarningDraft => {
  const [first = [], ...others] = warning.area.polygons;
  return {
    categories: warning.categories,
    event: warning.event,
    urgency: warning.urgency,
    severity: warning.severity,
    certainty: warning.certainty,
    instruction: warning.instruction ?? "",
    expires: warning.expires ? localInput(warning.expires) : "",
    area: warning.area.description,
    fromAssets: warning.area.fromAssets,
    radiusKm: warning.area.assetRadiusKm,
    polygon: first.map((point) => `${point.lat},${point.lon}`).join(" "),
    otherPolygons: others,
    circles: warning.area.circles,
  };
};

/** "lat,lon lat,lon ..." as points; null when it does not read as at least three corners. */
export function parsePolygon(text: string): { lat: number; lon: number }[] | null {
  const pairs = text.trim().split(/\s+/).filter(Boolean);
  const points = pairs.map((pair) => {
    const [lat, lon, extra] = pair.split(",");
    return extra === undefined && lat && lon ? { lat: Number(lat), lon: Number(lon) } : null;
  });
  if (points.length < 3 || points.some((p) => p === null || Number.isNaN(p.lat) || Number.isNaN(p.lon)))
    return null;
  return points.flatMap((point) => (point ? [point] : []));
}

/** The warning to send (the server answers any remaining mistake with the field it concerns). */
export function warningInput(draft: WarningDraft, title: string): AlertWarningInput {
  const polygon = draft.polygon.trim() ? parsePolygon(draft.polygon) : null;
  return {
    categories: onlyOf(CAP_CATEGORIES, draft.categories),
    event: draft.event.trim() || title.trim().slice(0, 200),
    urgency: draft.urgency,
    severity: draft.severity,
    certainty: draft.certainty,
    instruction: draft.instruction.trim() || null,
    expires: draft.expires ? new Date(draft.expires).toISOString() : null,
    area: {
      description: draft.area,
      fromAssets: draft.fromAssets,
      assetRadiusKm: draft.radiusKm,
      // A polygon that does not read goes as it is, for the server to name the mistake.
      polygons: [...(polygon ? [polygon] : draft.polygon.trim() ? [[]] : []), ...draft.otherPolygons],
      circles: draft.circles,
    },
  };
}

export function AlertWarningFields({
  value,
  onChange,
}: {
  value: WarningDraft;
  onChange: (next: WarningDraft) => void;
}) {
  const { t } = useTranslation();
  const set = (change: Partial<WarningDraft>) => onChange({ ...value, ...change });
  // The CAP codes travel as they are; the author reads them in the interface's language.
  const codes = <T extends string>(values: readonly T[], label: (value: T) => string) =>
    values.map((v) => ({ value: v, label: label(v) }));
  const polygonInvalid = value.polygon.trim() !== "" && parsePolygon(value.polygon) === null;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="alert-warning">
      <Stack gap="xs">
        <Title order={5}>{t("sharing.warning.title")}</Title>
        <Text size="xs" c="dimmed">
          {t("sharing.warning.hint")}
        </Text>
        <MultiSelect
          label={t("sharing.warning.categories")}
          data={codes(CAP_CATEGORIES, (v) => t(`sharing.warning.capCategories.${v}`))}
          value={value.categories}
          onChange={(categories) => set({ categories })}
        />
        <TextInput
          label={t("sharing.warning.event")}
          description={t("sharing.warning.eventHint")}
          value={value.event}
          onChange={(e) => set({ event: e.currentTarget.value })}
        />
        <Group grow>
          <Select
            label={t("sharing.warning.urgency")}
            data={codes(CAP_URGENCIES, (v) => t(`sharing.warning.capUrgencies.${v}`))}
            value={value.urgency}
            allowDeselect={false}
            onChange={(v) => isOneOf(CAP_URGENCIES, v) && set({ urgency: v })}
          />
          <Select
            label={t("sharing.warning.severity")}
            data={codes(CAP_SEVERITIES, (v) => t(`sharing.warning.capSeverities.${v}`))}
            value={value.severity}
            allowDeselect={false}
            onChange={(v) => isOneOf(CAP_SEVERITIES, v) && set({ severity: v })}
          />
          <Select
            label={t("sharing.warning.certainty")}
            data={codes(CAP_CERTAINTIES, (v) => t(`sharing.warning.capCertainties.${v}`))}
            value={value.certainty}
            allowDeselect={false}
            onChange={(v) => isOneOf(CAP_CERTAINTIES, v) && set({ certainty: v })}
          />
        </Group>
        <Textarea
          label={t("sharing.warning.instruction")}
          value={value.instruction}
          onChange={(e) => set({ instruction: e.currentTarget.value })}
          autosize
          minRows={2}
        />
        <TextInput
          type="datetime-local"
          label={t("sharing.warning.expires")}
          value={value.expires}
          onChange={(e) => set({ expires: e.currentTarget.value })}
        />
        <TextInput
          label={t("sharing.warning.area")}
          value={value.area}
          onChange={(e) => set({ area: e.currentTarget.value })}
          required
        />
        <Group align="flex-end">
          <Checkbox
            label={t("sharing.warning.fromAssets")}
            description={t("sharing.warning.fromAssetsHint")}
            checked={value.fromAssets}
            onChange={(e) => set({ fromAssets: e.currentTarget.checked })}
          />
          <NumberInput
            label={t("sharing.warning.radius")}
            value={value.radiusKm}
            min={0.1}
            max={1000}
            step={0.5}
            decimalScale={2}
            w={120}
            disabled={!value.fromAssets}
            onChange={(v) => typeof v === "number" && set({ radiusKm: v })}
          />
        </Group>
        <TextInput
          label={t("sharing.warning.polygon")}
          description={t("sharing.warning.polygonHint")}
          value={value.polygon}
          error={polygonInvalid ? t("sharing.warning.polygonInvalid") : undefined}
          onChange={(e) => set({ polygon: e.currentTarget.value })}
        />
      </Stack>
    </Paper>
  );
}

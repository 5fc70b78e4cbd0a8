// Recovery targets on an incident's recovery panel (issue 17): each affected asset the reader may
// see, its target from the registry against the time taken to restore it (met, missed, open).
import type { Incident, IncidentRecovery } from "@bulwark/contracts";
import { Badge, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../app/format.ts";
import { ListTable } from "../app/page-parts.tsx";

const OUTCOME_COLOURS = { met: "green", missed: "red", open: "blue" } as const;

export function RecoveryTargets({
  incident,
  targets,
}: {
  incident: Incident;
  targets: IncidentRecovery["targets"];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = new Map(incident.assets.map((asset) => [asset.id, asset.name]));
  const hours = (value: number) =>
    t("incidents.targets.hours", { hours: format.number(Math.round(value * 10) / 10) });
  return (
    <>
      <Title order={4} size="h5">
        {t("incidents.targets.title")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("incidents.targets.hint")}
      </Text>
      <ListTable
        loading={false}
        failed={false}
        isEmpty={targets.length === 0}
        empty={t("incidents.targets.empty")}
        skeletonColumns={6}
        minWidth={720}
        headers={
          <>
            <Table.Th>{t("incidents.targets.columnAsset")}</Table.Th>
            <Table.Th>{t("incidents.targets.columnTarget")}</Table.Th>
            <Table.Th>{t("incidents.targets.columnOut")}</Table.Th>
            <Table.Th>{t("incidents.targets.columnRestored")}</Table.Th>
            <Table.Th>{t("incidents.targets.columnTime")}</Table.Th>
            <Table.Th>{t("incidents.targets.columnOutcome")}</Table.Th>
          </>
        }
      >
        {targets.map((target) => (
          <Table.Tr key={target.assetId} data-testid="recovery-target">
            <Table.Td>{names.get(target.assetId) ?? "—"}</Table.Td>
            <Table.Td>{target.targetHours === null ? "—" : hours(target.targetHours)}</Table.Td>
            <Table.Td>{format.dateTime(target.outOfServiceAt)}</Table.Td>
            <Table.Td>
              {target.restoredAt === null
                ? t("incidents.targets.stillOut")
                : format.dateTime(target.restoredAt)}
            </Table.Td>
            <Table.Td>{hours(target.hours)}</Table.Td>
            <Table.Td>
              {target.outcome === null ? (
                <Text size="sm" c="dimmed">
                  {t("incidents.targets.noTarget")}
                </Text>
              ) : (
                <Badge variant="light" color={OUTCOME_COLOURS[target.outcome]} tt="none">
                  {t(`incidents.targets.outcomes.${target.outcome}`)}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}

// Criticality: the assets whose loss alone takes down the most others (top 100), with single points
// of failure flagged and the method the server used shown in small text; as a table or on the map.
import { Anchor, Badge, Group, Paper, SegmentedControl, Table, Text } from "@mantine/core";
import { IconList, IconMap } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState, TableSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { CriticalityMap } from "../map/criticality-map.tsx";

const TOP = 100;

export function Criticality() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const report = useQuery({
    queryKey: ["analysis", "criticality", TOP],
    queryFn: () => client.call("criticality", { query: { top: TOP } }),
  });
  const ranking = report.data?.ranking ?? [];
  const [view, setView] = useState<"table" | "map">("table");

  return (
    <>
      <Group justify="flex-end" mb="sm">
        <SegmentedControl
          aria-label={t("assets.view")}
          value={view}
          onChange={(value) => setView(value === "map" ? "map" : "table")}
          data={[
            {
              value: "table",
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconList size={16} />
                  {t("assets.viewTable")}
                </Group>
              ),
            },
            {
              value: "map",
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconMap size={16} />
                  {t("assets.viewMap")}
                </Group>
              ),
            },
          ]}
        />
      </Group>
      <ProblemAlert error={report.error} />
      {report.isPending ? (
        <Paper withBorder>
          <TableSkeleton columns={6} />
        </Paper>
      ) : ranking.length === 0 ? (
        !report.isError && <EmptyState>{t("analysis.noRanking")}</EmptyState>
      ) : view === "map" ? (
        <CriticalityMap ranking={ranking} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={800}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th ta="end">{t("analysis.rank")}</Table.Th>
                  <Table.Th>{t("analysis.asset")}</Table.Th>
                  <Table.Th>{t("assets.sector")}</Table.Th>
                  <Table.Th ta="end">{t("analysis.assetsLost")}</Table.Th>
                  <Table.Th ta="end">{t("analysis.population")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ranking.map((asset, index) => (
                  <Table.Tr key={asset.id}>
                    <Table.Td ta="end">{format.number(index + 1)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/assets/${asset.id}`} size="sm" fw={500}>
                        {asset.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {asset.ref}
                      </Text>
                    </Table.Td>
                    <Table.Td>{labels.sector(asset.sector)}</Table.Td>
                    <Table.Td ta="end">{format.number(asset.assets)}</Table.Td>
                    <Table.Td ta="end">{format.number(asset.population)}</Table.Td>
                    <Table.Td>
                      {asset.singlePointOfFailure && (
                        <Badge color="red" variant="light" size="sm" tt="none">
                          {t("analysis.spof")}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {report.data && (
        <Text size="xs" c="dimmed" mt="sm">
          {t("analysis.method", {
            method: t(`analysis.methods.${report.data.method}`),
            assets: format.number(report.data.scope.assets),
            dependencies: format.number(report.data.scope.dependencies),
          })}
        </Text>
      )}
    </>
  );
}

// The anonymised regional comparison for the bodies that support states: mean section scores per
// UN M49 region over consenting organisations, with cells below the threshold shown as withheld.
import type { Aggregation } from "@bulwark/contracts";
import { Badge, Paper, Select, Skeleton, Stack, Table, Text, Tooltip } from "@mantine/core";
import { IconEyeOff } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { BackToList } from "./run-page.tsx";
import { scoreColour } from "./self-assessment-parts.tsx";

export function AggregationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const frameworks = useQuery({
    queryKey: ["self-assessment", "frameworks"],
    queryFn: () => client.call("listFrameworks", {}),
  });
  const options = (frameworks.data ?? []).map((framework) => ({
    value: `${framework.id}@${framework.version}`,
    label: `${framework.title} (v${framework.version})`,
  }));
  // Resolution 2341 first: the framework this comparison exists for.
  const selected =
    params.get("framework") ??
    options.find((option) => option.value.startsWith("unsc-2341@"))?.value ??
    options[0]?.value ??
    null;
  const [frameworkId, version] = (selected ?? "").split("@");
  const aggregation = useQuery({
    queryKey: ["self-assessment", "aggregation", selected],
    queryFn: () =>
      client.call("getAggregation", { query: { framework: frameworkId ?? "", version: Number(version) } }),
    enabled: Boolean(frameworkId && version),
  });

  return (
    <Stack gap="md">
      <BackToList />
      <PageHeader
        title={t("selfAssessment.aggregation.title")}
        subtitle={t("selfAssessment.aggregation.subtitle", { threshold: aggregation.data?.threshold ?? 3 })}
      />
      <Select
        label={t("selfAssessment.aggregation.framework")}
        data={options}
        value={selected}
        onChange={(value) => value && setParams({ framework: value })}
        maw={520}
        allowDeselect={false}
      />
      <ProblemAlert error={frameworks.error ?? aggregation.error} />
      {aggregation.isPending && aggregation.fetchStatus !== "idle" && <Skeleton height={240} />}
      {aggregation.data && <AggregationTable data={aggregation.data} />}
    </Stack>
  );
}

function AggregationTable({ data }: { data: Aggregation }) {
  const { t } = useTranslation();
  const { percent } = useFormat();
  if (
    data.rows.length <= 1 &&
    data.rows.every((row) => row.organisations === null && row.cells.every((cell) => cell.suppressed))
  )
    return <EmptyState>{t("selfAssessment.aggregation.empty")}</EmptyState>;
  const suppressedLabel = t("selfAssessment.aggregation.suppressed", { threshold: data.threshold });
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={Math.max(600, 140 + data.sections.length * 90)}>
        <Table striped verticalSpacing="xs" aria-label={t("selfAssessment.aggregation.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("selfAssessment.aggregation.region")}</Table.Th>
              <Table.Th>{t("selfAssessment.aggregation.organisations")}</Table.Th>
              {data.sections.map((section) => (
                <Table.Th key={section.id} fz="xs">
                  {section.title}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => (
              <Table.Tr key={row.region} data-region={row.region}>
                <Table.Td fw={row.region === "global" ? 700 : undefined}>
                  {t(`selfAssessment.regions.${row.region}`)}
                </Table.Td>
                <Table.Td>
                  {row.organisations ?? (
                    <Text size="xs" c="dimmed">
                      {t("selfAssessment.aggregation.hidden")}
                    </Text>
                  )}
                </Table.Td>
                {row.cells.map((cell) => (
                  <Table.Td key={cell.sectionId}>
                    {cell.suppressed ? (
                      <Tooltip label={suppressedLabel}>
                        <Badge
                          variant="outline"
                          color="gray"
                          leftSection={<IconEyeOff size={12} />}
                          aria-label={suppressedLabel}
                        >
                          —
                        </Badge>
                      </Tooltip>
                    ) : (
                      <Badge variant="light" color={scoreColour(cell.mean)}>
                        {percent(cell.mean)}
                      </Badge>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

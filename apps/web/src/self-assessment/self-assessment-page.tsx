// The self-assessment's home: the frameworks one can start, and the organisation's runs with their
// state, overall score and progress.
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { IconChartBar, IconPlayerPlay, IconWorld } from "@tabler/icons-react";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { queryClient as appQueryClient, client } from "../app/api.ts";
import { useCan } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { ListTable, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { ImplementationLinks, implementationProfilesQuery } from "../implementation/implementation-links.tsx";
import { CompletenessBar, ScoreBadge, StateBadge } from "./self-assessment-parts.tsx";

const frameworksQuery = queryOptions({
  queryKey: ["self-assessment", "frameworks"],
  queryFn: () => client.call("listFrameworks", {}),
});

const runsQuery = queryOptions({
  queryKey: ["self-assessment", "runs"],
  queryFn: () => client.call("listRuns", {}),
});

/** Asks for the frameworks, the runs and the profiles' links with the page's code (page-code.ts). */
export function prepareSelfAssessmentPage(): void {
  void appQueryClient.prefetchQuery(frameworksQuery);
  void appQueryClient.prefetchQuery(runsQuery);
  void appQueryClient.prefetchQuery(implementationProfilesQuery);
}

export function SelfAssessmentPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canAggregate = useCan("self-assessment:aggregate");
  const frameworks = useQuery(frameworksQuery);
  const runs = useQuery(runsQuery);
  const start = useMutation({
    mutationFn: (framework: { id: string; version: number }) =>
      client.call("createRun", { body: { frameworkId: framework.id, frameworkVersion: framework.version } }),
    onSuccess: async (run) => {
      await queryClient.invalidateQueries({ queryKey: ["self-assessment", "runs"] });
      await navigate(`/self-assessment/runs/${run.id}`);
    },
  });
  // The newest version of each framework is the one to start; resolution 2341's comes first.
  const latest = (frameworks.data ?? [])
    .filter((framework, index, all) => all.findIndex((other) => other.id === framework.id) === index)
    .sort((a, b) => Number(b.id === "unsc-2341") - Number(a.id === "unsc-2341"));
  // Archived runs stay on record; the list shows them on request.
  const [showArchived, setShowArchived] = useState(false);
  const archivedCount = (runs.data ?? []).filter((run) => run.archivedAt !== null).length;
  const items = (runs.data ?? []).filter((run) => showArchived || run.archivedAt === null);

  return (
    <Stack gap="lg">
      <PageHeader
        title={t("selfAssessment.title")}
        subtitle={t("selfAssessment.subtitle")}
        actions={
          canAggregate && (
            <Button
              component={Link}
              to="/self-assessment/aggregation"
              variant="light"
              leftSection={<IconWorld size={16} />}
            >
              {t("selfAssessment.aggregationLink")}
            </Button>
          )
        }
      />
      <ImplementationLinks />
      <Group justify="space-between">
        <Title order={3}>{t("selfAssessment.myRuns")}</Title>
        {archivedCount > 0 && (
          <Switch
            label={t("selfAssessment.showArchived", { count: archivedCount })}
            checked={showArchived}
            onChange={(event) => setShowArchived(event.currentTarget.checked)}
          />
        )}
      </Group>
      <ProblemAlert error={runs.error} />
      <ListTable
        loading={runs.isPending}
        failed={runs.isError}
        isEmpty={items.length === 0}
        empty={t("selfAssessment.noRuns")}
        skeletonColumns={5}
        minWidth={720}
        headers={
          <>
            <Table.Th>{t("selfAssessment.run")}</Table.Th>
            <Table.Th>{t("selfAssessment.state")}</Table.Th>
            <Table.Th>{t("selfAssessment.overall")}</Table.Th>
            <Table.Th>{t("selfAssessment.completeness")}</Table.Th>
            <Table.Th>{t("selfAssessment.updated")}</Table.Th>
          </>
        }
      >
        {items.map((run) => (
          <Table.Tr key={run.id}>
            <Table.Td>
              <Anchor component={Link} to={`/self-assessment/runs/${run.id}`} fw={600} size="sm">
                <bdi>{run.title}</bdi>
              </Anchor>
              <Text size="xs" c="dimmed">
                {t("selfAssessment.frameworkVersion", {
                  title: run.framework.title,
                  version: run.framework.version,
                })}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <StateBadge state={run.state} />
                {run.archivedAt && (
                  <Text size="xs" c="dimmed">
                    {t("selfAssessment.archived")}
                  </Text>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <ScoreBadge score={run.overall} size="sm" />
                <Anchor component={Link} to={`/self-assessment/runs/${run.id}/results`} size="xs">
                  <IconChartBar size={14} aria-label={t("selfAssessment.results")} />
                </Anchor>
              </Group>
            </Table.Td>
            <Table.Td miw={120}>
              <Text size="xs">{format.percent(run.completeness)}</Text>
              <CompletenessBar value={run.completeness} />
            </Table.Td>
            <Table.Td fz="sm" style={{ whiteSpace: "nowrap" }}>
              {format.dateTime(run.updatedAt)}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <ProblemAlert error={frameworks.error ?? start.error} />
      <Title order={3}>{t("selfAssessment.frameworks")}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {latest.map((framework) => (
          <Card key={`${framework.id}@${framework.version}`} withBorder radius="md" padding="lg">
            <Stack gap="xs" h="100%">
              <Text fw={700} dir="auto">
                {framework.title}
              </Text>
              <Text size="xs" c="dimmed">
                {t("selfAssessment.frameworkMeta", {
                  version: framework.version,
                  sections: framework.sections,
                  questions: framework.questions,
                })}
              </Text>
              <Text size="sm" style={{ flex: 1 }} dir="auto">
                {framework.summary}
              </Text>
              <Text size="xs" c="dimmed">
                {framework.source.url ? (
                  <Trans
                    i18nKey="pattern.labelLink"
                    values={{ label: t("selfAssessment.source"), value: framework.source.citation }}
                    components={[
                      <Anchor
                        key="link"
                        href={framework.source.url}
                        target="_blank"
                        rel="noreferrer"
                        size="xs"
                      />,
                    ]}
                  />
                ) : (
                  t("pattern.labelValue", {
                    label: t("selfAssessment.source"),
                    value: framework.source.citation,
                  })
                )}
              </Text>
              <Group>
                <Button
                  leftSection={<IconPlayerPlay size={16} />}
                  loading={start.isPending && start.variables?.id === framework.id}
                  onClick={() => start.mutate(framework)}
                  aria-label={t("pattern.labelValue", {
                    label: t("selfAssessment.start"),
                    value: framework.title,
                  })}
                >
                  {t("selfAssessment.start")}
                </Button>
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

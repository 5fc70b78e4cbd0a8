// The HTML report of a run, for a minister's office: cover, summary, chart and section scores,
// the change since the previous run, gaps with recommendations, and an annex of every answer. It
// prints cleanly (the navigation and buttons are hidden, sections start on new pages).
import { Anchor, Button, Divider, Group, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconPrinter } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Trans, useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { Comparison, Gaps, resultsKey, ScoreOverview } from "./results-page.tsx";
import { BackToList, runKey } from "./run-page.tsx";
import { ReportPdfButton, useAnswerText } from "./self-assessment-parts.tsx";

const PRINT_CSS = `
@media print {
  header, nav, .mantine-AppShell-header, .mantine-AppShell-navbar, .no-print { display: none !important; }
  .mantine-AppShell-main { padding: 0 !important; margin: 0 !important; }
  .page-break { break-before: page; }
  .avoid-break { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  body { font-size: 11pt; }
}
`;

export function ReportPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const answerText = useAnswerText();
  const run = useQuery({ queryKey: runKey(id), queryFn: () => client.call("getRun", { params: { id } }) });
  const results = useQuery({
    queryKey: resultsKey(id),
    queryFn: () => client.call("getRunResults", { params: { id } }),
    staleTime: 0,
  });
  if (run.isPending || results.isPending) return <Skeleton height={400} />;
  if (!run.data || !results.data) return <ProblemAlert error={run.error ?? results.error} />;
  const data = results.data;
  const answers = new Map(run.data.answers.map((answer) => [answer.questionId, answer]));
  const framework = run.data.frameworkContent;
  const date = data.run.submittedAt ?? data.run.updatedAt;

  return (
    <Stack gap="xl" maw={900} mx="auto" component="article" aria-label={t("selfAssessment.reportCover")}>
      <style>{PRINT_CSS}</style>
      <Group justify="space-between" className="no-print">
        <BackToList />
        <Group gap="xs">
          <ReportPdfButton runId={id} />
          <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
            {t("selfAssessment.print")}
          </Button>
        </Group>
      </Group>
      <Stack gap="xs" py="xl" component="section">
        <Text tt="uppercase" c="dimmed" fw={700} size="sm">
          {t("selfAssessment.reportCover")}
        </Text>
        <Title order={1}>{data.run.title}</Title>
        <Text size="lg">{framework.title}</Text>
        <Text>{t("selfAssessment.reportFor", { organisation: data.run.organisation.name })}</Text>
        <Text c="dimmed">
          {t("selfAssessment.reportDate", { date: format.date(date) })} ·{" "}
          {t(`selfAssessment.states.${data.run.state}`)}
        </Text>
        <Text size="xs" c="dimmed">
          {t("pattern.labelValue", { label: t("selfAssessment.source"), value: framework.source.citation })}
        </Text>
      </Stack>
      <Divider />
      <Stack gap="md" component="section">
        <Title order={2}>{t("selfAssessment.summary")}</Title>
        <Text>
          {t("selfAssessment.summaryText", {
            overall: format.percent(data.overall),
            completeness: format.percent(data.completeness),
          })}
        </Text>
        <ScoreOverview data={data} />
      </Stack>
      <Stack component="section" className="page-break">
        <Comparison data={data} />
      </Stack>
      <Stack component="section" className="page-break">
        <Gaps data={data} />
      </Stack>
      <Stack gap="md" component="section" className="page-break">
        <Title order={2}>{t("selfAssessment.annex")}</Title>
        {framework.sections.map((section) => (
          <Stack key={section.id} gap="xs">
            <Title order={4}>
              {section.title}
              {section.reference ? ` (${section.reference})` : ""}
            </Title>
            <Table verticalSpacing={4} className="avoid-break">
              <Table.Tbody>
                {section.questions.map((question) => {
                  const answer = answers.get(question.id);
                  return (
                    <Table.Tr key={question.id} className="avoid-break">
                      <Table.Td w="45%" fz="sm" style={{ verticalAlign: "top" }}>
                        {question.text}
                      </Table.Td>
                      <Table.Td fz="sm" style={{ verticalAlign: "top" }}>
                        <Text size="sm" fw={600}>
                          {answerText(question, answer?.value ?? null)}
                        </Text>
                        {answer?.note && (
                          <Text size="xs" c="dimmed">
                            {answer.note}
                          </Text>
                        )}
                        {answer?.evidence.map((item) => (
                          <Text key={item.url} size="xs">
                            <Trans
                              i18nKey="pattern.labelLink"
                              values={{ label: t("selfAssessment.evidence"), value: item.title }}
                              components={[
                                <Anchor
                                  key="link"
                                  href={item.url}
                                  size="xs"
                                  target="_blank"
                                  rel="noreferrer noopener"
                                />,
                              ]}
                            />{" "}
                            <bdi>({item.url})</bdi>
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}

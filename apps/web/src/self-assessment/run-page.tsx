// Answering a run: the framework's sections in a side list with their progress, the chosen
// section's questions as cards that save as you go, and submission (with the consent to count in
// the anonymised regional comparison).
import type { Answer, Run } from "@bulwark/contracts";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  NavLink,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Text,
} from "@mantine/core";
import { IconArrowLeft, IconChartBar, IconLock, IconSend } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { QuestionCard } from "./question-card.tsx";
import { StateBadge } from "./self-assessment-parts.tsx";

export const runKey = (id: string) => ["self-assessment", "run", id] as const;

export function BackToList() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/self-assessment" size="sm" className="no-print">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t("selfAssessment.back")}
      </Group>
    </Anchor>
  );
}

export function RunPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [reloads, setReloads] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [consent, setConsent] = useState(false);
  const run = useQuery({ queryKey: runKey(id), queryFn: () => client.call("getRun", { params: { id } }) });
  const submit = useMutation({
    mutationFn: () => client.call("submitRun", { params: { id }, body: { consent } }),
    onSuccess: (next) => {
      queryClient.setQueryData(runKey(id), next);
      void queryClient.invalidateQueries({ queryKey: ["self-assessment", "runs"] });
      setConfirming(false);
    },
  });

  if (run.isPending) return <Skeleton height={400} />;
  if (run.isError || !run.data) return <ProblemAlert error={run.error} />;
  const data = run.data;
  const sections = data.frameworkContent.sections;
  const current = sections.find((section) => section.id === params.get("section")) ?? sections[0];
  const answers = new Map(data.answers.map((answer) => [answer.questionId, answer]));
  const answered = (questions: readonly { id: string }[]) =>
    questions.filter((question) => answers.get(question.id)?.value).length;

  const onSaved = (saved: Answer) =>
    queryClient.setQueryData<Run>(runKey(id), (previous) =>
      previous
        ? {
            ...previous,
            answers: [...previous.answers.filter((answer) => answer.questionId !== saved.questionId), saved],
          }
        : previous,
    );
  const onReload = async () => {
    await run.refetch();
    setReloads((count) => count + 1);
  };

  return (
    <Stack gap="md">
      <BackToList />
      <PageHeader
        title={data.title}
        subtitle={`${data.framework.title} · v${data.framework.version} · ${data.organisation.name}`}
        actions={
          <>
            <StateBadge state={data.state} />
            <Button
              component={Link}
              to={`/self-assessment/runs/${id}/results`}
              variant="light"
              leftSection={<IconChartBar size={16} />}
            >
              {t("selfAssessment.results")}
            </Button>
            {data.abilities.submit && (
              <Button leftSection={<IconSend size={16} />} onClick={() => setConfirming(true)}>
                {t("selfAssessment.submit")}
              </Button>
            )}
          </>
        }
      />
      {data.state === "submitted" && data.submittedAt && (
        <Alert icon={<IconLock size={16} />} color="teal" variant="light">
          {t("selfAssessment.readOnly", { date: format.date(data.submittedAt) })}
        </Alert>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder radius="md" p={4} component="nav" aria-label={t("selfAssessment.sections")}>
            {sections.map((section) => {
              const done = answered(section.questions);
              return (
                <NavLink
                  key={section.id}
                  active={section.id === current?.id}
                  label={section.title}
                  description={
                    <Stack gap={2}>
                      <Text size="xs">
                        {t("selfAssessment.questionsOf", { answered: done, total: section.questions.length })}
                      </Text>
                      <Progress value={(done / section.questions.length) * 100} size="xs" />
                    </Stack>
                  }
                  onClick={() => setParams({ section: section.id })}
                />
              );
            })}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {current && (
            <Stack gap="md">
              <Group gap="xs">
                <Text fw={700} size="lg">
                  {current.title}
                </Text>
                {current.reference && (
                  <Badge variant="light" color="gray" tt="none">
                    {current.reference}
                  </Badge>
                )}
              </Group>
              {current.questions.map((question) => (
                <QuestionCard
                  key={`${question.id}:${reloads}`}
                  runId={id}
                  question={question}
                  answer={answers.get(question.id)}
                  comments={data.comments.filter((comment) => comment.questionId === question.id)}
                  colleagues={data.colleagues}
                  editable={data.abilities.answer}
                  onSaved={onSaved}
                  onReload={onReload}
                />
              ))}
            </Stack>
          )}
        </Grid.Col>
      </Grid>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t("selfAssessment.submitTitle")}>
        <Stack>
          <Text size="sm">{t("selfAssessment.submitText")}</Text>
          <Checkbox
            label={t("selfAssessment.consent")}
            checked={consent}
            onChange={(event) => setConsent(event.currentTarget.checked)}
          />
          <ProblemAlert error={submit.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
            <Button loading={submit.isPending} onClick={() => submit.mutate()}>
              {t("selfAssessment.submit")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

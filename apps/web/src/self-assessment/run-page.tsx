// Answering a run: the framework's sections in a side list with their progress, the chosen
// section's questions as cards that save as you go, and submission (with the consent to count in
// the anonymised regional comparison). Answers saved offline are sent when the network returns.
import type { Answer, Run } from "@bulwark/contracts";
import { ApiError } from "@bulwark/contracts";
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
import {
  IconArchive,
  IconArchiveOff,
  IconArrowLeft,
  IconChartBar,
  IconCloudCheck,
  IconCloudOff,
  IconLock,
  IconSend,
} from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ContentTranslationNote } from "../app/content-translation-note.tsx";
import { useFormat } from "../app/format.ts";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isNetworkError, useOnline } from "../offline/offline-hooks.ts";
import { forgetPending, onPendingChange, type PendingAnswer, pendingFor } from "./offline-answers.ts";
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

/**
 * Send the answers kept offline for this run, each on the version it was made on. Those accepted
 * are forgotten; a refused one (someone saved since) stays for its card to resolve. Stops at the
 * first network failure. Returns how many were sent.
 */
async function sendKept(items: readonly PendingAnswer[]): Promise<number> {
  let sent = 0;
  for (const item of items) {
    try {
      await client.call("updateAnswer", {
        params: { id: item.runId, questionId: item.questionId },
        body: { version: item.baseVersion, ...item.patch },
      });
      await forgetPending(item.key);
      sent += 1;
    } catch (error) {
      if (isNetworkError(error)) break;
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    }
  }
  return sent;
}

export function RunPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const online = useOnline();
  const queryClient = useQueryClient();
  const [sync, setSync] = useState<"idle" | "syncing" | "synced">("idle");
  // Questions whose changes are still on their way: submission waits for them.
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const onBusy = useCallback(
    (questionId: string, isBusy: boolean) =>
      setBusy((current) => {
        if (current.has(questionId) === isBusy) return current;
        const next = new Set(current);
        if (isBusy) next.add(questionId);
        else next.delete(questionId);
        return next;
      }),
    [],
  );
  const keptKey = ["self-assessment", "offline", id, me.id] as const;
  // Read from this browser: it answers with or without a network.
  const kept = useQuery({
    queryKey: keptKey,
    queryFn: () => pendingFor(me.id, id),
    staleTime: 0,
    networkMode: "always",
  });
  useEffect(
    () =>
      onPendingChange(() => void queryClient.invalidateQueries({ queryKey: ["self-assessment", "offline"] })),
    [queryClient],
  );
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

  const archive = useMutation({
    mutationFn: (archived: boolean) => client.call("archiveRun", { params: { id }, body: { archived } }),
    onSuccess: (next) => {
      queryClient.setQueryData(runKey(id), next);
      void queryClient.invalidateQueries({ queryKey: ["self-assessment", "runs"] });
    },
  });

  // Back online with answers kept here: send them, then show the server's state.
  const waiting = kept.data?.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the network or the waiting count changes
  useEffect(() => {
    if (!online || waiting === 0 || sync === "syncing" || !kept.data) return;
    setSync("syncing");
    void sendKept(kept.data)
      .then(async (sent) => {
        await kept.refetch();
        if (sent > 0) {
          await run.refetch();
          setReloads((count) => count + 1);
        }
        setSync(sent > 0 ? "synced" : "idle");
      })
      .catch(() => setSync("idle"));
  }, [online, waiting]);

  if (run.isPending || kept.isPending) return <Skeleton height={400} />;
  if (run.isError || !run.data) return <ProblemAlert error={run.error} />;
  const data = run.data;
  const sections = data.frameworkContent.sections;
  const current = sections.find((section) => section.id === params.get("section")) ?? sections[0];
  const answers = new Map(data.answers.map((answer) => [answer.questionId, answer]));
  const offline = new Map((kept.data ?? []).map((item) => [item.questionId, item]));
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
              <Button
                leftSection={<IconSend size={16} />}
                onClick={() => setConfirming(true)}
                disabled={waiting > 0 || busy.size > 0}
              >
                {t("selfAssessment.submit")}
              </Button>
            )}
            {data.abilities.archive && (
              <Button
                variant="default"
                leftSection={data.archivedAt ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                loading={archive.isPending}
                onClick={() => archive.mutate(data.archivedAt === null)}
              >
                {data.archivedAt ? t("selfAssessment.unarchive") : t("selfAssessment.archive")}
              </Button>
            )}
          </>
        }
      />
      <ContentTranslationNote />
      <ProblemAlert error={archive.error} />
      {data.archivedAt && (
        <Alert icon={<IconArchive size={16} />} color="gray" variant="light" data-archived="true">
          {t("selfAssessment.archivedOn", { date: format.date(data.archivedAt) })}
        </Alert>
      )}
      {data.state === "submitted" && data.submittedAt && (
        <Alert icon={<IconLock size={16} />} color="teal" variant="light">
          {t("selfAssessment.readOnly", { date: format.date(data.submittedAt) })}
        </Alert>
      )}
      {!online && (
        <Alert icon={<IconCloudOff size={16} />} color="grape" variant="light" data-sync="offline">
          {t("selfAssessment.offlineBanner")}{" "}
          {waiting > 0 && t("selfAssessment.offlineWaiting", { count: waiting })}
        </Alert>
      )}
      {online && sync === "syncing" && (
        <Alert color="blue" variant="light" data-sync="syncing">
          {t("selfAssessment.syncing")}
        </Alert>
      )}
      {online && sync === "synced" && waiting === 0 && (
        <Alert icon={<IconCloudCheck size={16} />} color="teal" variant="light" data-sync="synced">
          {t("selfAssessment.synced")}
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
                      <Progress
                        value={(done / section.questions.length) * 100}
                        size="xs"
                        aria-hidden="true"
                      />
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
                  userId={me.id}
                  runId={id}
                  question={question}
                  answer={answers.get(question.id)}
                  offline={offline.get(question.id)}
                  comments={data.comments.filter((comment) => comment.questionId === question.id)}
                  colleagues={data.colleagues}
                  editable={data.abilities.answer}
                  onSaved={onSaved}
                  onReload={onReload}
                  onBusy={onBusy}
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

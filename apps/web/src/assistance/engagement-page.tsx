// One engagement, seen by its two parties: the need it answers, the provider's message, its status
// and the moves each party may make, its milestones, deliverables, participants, linked events and compendium entries, and the outcome: the state's two
// self-assessment runs compared section by section (the provider sees it once the state consents).
import type { Engagement } from "@bulwark/contracts";
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconCircleCheck, IconCircleDashed } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client, fieldErrorsOf } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import {
  assistanceKey,
  EngagementStatusBadge,
  engagementKey,
  Fact,
  OutcomeTable,
  useAssistanceLabels,
} from "./assistance-parts.tsx";
import { EngagementLinks } from "./engagement-links.tsx";
import { EngagementMoves } from "./engagement-moves.tsx";
import { Deliverables, Participants } from "./engagement-records.tsx";
import { BackToAssistance } from "./need-page.tsx";

type Milestone = Engagement["milestones"][number];

export function EngagementPage() {
  const { id = "" } = useParams();
  const engagement = useQuery({
    queryKey: engagementKey(id),
    queryFn: () => client.call("getAssistanceEngagement", { params: { id } }),
    retry: false,
  });
  return (
    <Stack gap="md">
      <BackToAssistance />
      {engagement.isPending ? (
        <Skeleton height={300} />
      ) : engagement.isError ? (
        <ProblemAlert error={engagement.error} />
      ) : (
        <EngagementView engagement={engagement.data} />
      )}
    </Stack>
  );
}

function EngagementView({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAssistanceLabels();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6}>
          <Group gap="xs">
            <EngagementStatusBadge status={engagement.status} />
          </Group>
          <Title order={2}>{engagement.need.title}</Title>
          <Text c="dimmed" size="sm">
            {engagement.startedAt
              ? t("assistance.engagement.started", { date: format.date(engagement.startedAt) })
              : null}
            {engagement.endedAt
              ? ` · ${t("assistance.engagement.ended", { date: format.date(engagement.endedAt) })}`
              : null}
          </Text>
        </Stack>
        <EngagementMoves engagement={engagement} />
      </Group>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Fact label={t("assistance.engagement.state")}>
            {engagement.state.name} · {format.country(engagement.state.country)}
          </Fact>
          <Fact label={t("assistance.engagement.provider")}>{engagement.provider.name}</Fact>
          <Fact label={t("assistance.fields.theme")}>{labels.theme(engagement.need.theme)}</Fact>
          <Fact label={t("assistance.engagement.offer")}>{engagement.offer?.title ?? "—"}</Fact>
        </SimpleGrid>
        <Anchor component={Link} to={`/assistance/needs/${engagement.need.id}`} size="sm" mt="sm">
          {t("assistance.needs")}: {engagement.need.title}
        </Anchor>
      </Paper>
      {engagement.message && (
        <Fact label={t("assistance.engagement.message")}>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {engagement.message}
          </Text>
        </Fact>
      )}
      <Milestones engagement={engagement} />
      <Deliverables engagement={engagement} />
      <Participants engagement={engagement} />
      <EngagementLinks engagement={engagement} />
      <Outcome engagement={engagement} />
    </Stack>
  );
}

function Milestones({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [dueOn, setDueOn] = useState("");
  const save = useMutation({
    mutationFn: (milestones: Milestone[]) =>
      client.call("updateAssistanceEngagement", { params: { id: engagement.id }, body: { milestones } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(engagementKey(engagement.id), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKey });
      setTitle("");
      setDueOn("");
    },
  });
  const errors = fieldErrorsOf(save.error);
  const today = new Date().toISOString().slice(0, 10);
  const day = (date: string) => format.date(`${date}T12:00:00Z`);
  const add = (event: FormEvent) => {
    event.preventDefault();
    save.mutate([...engagement.milestones, { title, dueOn: dueOn || null, doneOn: null }]);
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="engagement-milestones">
      <Title order={3} id="engagement-milestones">
        {t("assistance.engagement.milestones")}
      </Title>
      {engagement.milestones.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("assistance.engagement.noMilestones")}
        </Text>
      ) : (
        <List spacing="xs" center>
          {engagement.milestones.map((milestone, index) => (
            <List.Item
              // biome-ignore lint/suspicious/noArrayIndexKey: milestones have no id; the server keeps their order and the list is replaced whole.
              key={`${index}-${milestone.title}`}
              icon={
                <ThemeIcon color={milestone.doneOn ? "teal" : "gray"} size={20} radius="xl" variant="light">
                  {milestone.doneOn ? <IconCircleCheck size={14} /> : <IconCircleDashed size={14} />}
                </ThemeIcon>
              }
            >
              <Group gap="sm" wrap="wrap">
                <Text size="sm" fw={500}>
                  {milestone.title}
                </Text>
                {milestone.dueOn && (
                  <Text size="xs" c="dimmed">
                    {t("assistance.engagement.due")}: {day(milestone.dueOn)}
                  </Text>
                )}
                {milestone.doneOn ? (
                  <Text size="xs" c="teal">
                    {t("assistance.engagement.done", { date: day(milestone.doneOn) })}
                  </Text>
                ) : (
                  engagement.abilities.recordMilestones && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      aria-label={`${t("assistance.engagement.markDone")}: ${milestone.title}`}
                      disabled={save.isPending}
                      onClick={() =>
                        save.mutate(
                          engagement.milestones.map((other, at) =>
                            at === index ? { ...other, doneOn: today } : other,
                          ),
                        )
                      }
                    >
                      {t("assistance.engagement.markDone")}
                    </Button>
                  )
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {engagement.abilities.recordMilestones && (
        <Group
          component="form"
          onSubmit={add}
          align="flex-end"
          gap="sm"
          aria-label={t("assistance.engagement.addMilestone")}
        >
          <TextInput
            label={t("assistance.engagement.milestone")}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            required
            error={errors.milestones}
            style={{ flex: 1, minWidth: 220 }}
          />
          <TextInput
            type="date"
            label={t("assistance.engagement.due")}
            value={dueOn}
            onChange={(event) => setDueOn(event.currentTarget.value)}
          />
          <Button type="submit" variant="light" loading={save.isPending}>
            {t("assistance.engagement.addMilestone")}
          </Button>
        </Group>
      )}
      <ProblemAlert error={save.error} fields={["body.milestones"]} />
    </Stack>
  );
}

function Outcome({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="engagement-outcome">
      <Title order={3} id="engagement-outcome">
        {t("assistance.engagement.outcome")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("assistance.engagement.outcomeHelp")}
      </Text>
      {engagement.abilities.manageOutcome && <OutcomeChoice engagement={engagement} />}
      {engagement.outcome ? (
        <OutcomeTable outcome={engagement.outcome} />
      ) : (
        <EmptyState>
          {engagement.abilities.manageOutcome
            ? t("assistance.engagement.noOutcome")
            : t("assistance.engagement.noOutcomeProvider")}
        </EmptyState>
      )}
    </Stack>
  );
}

/** The state chooses the runs compared and whether the provider sees the comparison. */
function OutcomeChoice({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [baseline, setBaseline] = useState<string | null>(engagement.baselineRunId);
  const [followUp, setFollowUp] = useState<string | null>(engagement.followUpRunId);
  const [consent, setConsent] = useState(engagement.outcomeConsent);
  const runs = useQuery({
    queryKey: ["self-assessment", "runs"],
    queryFn: () => client.call("listRuns", {}),
  });
  const save = useMutation({
    mutationFn: () =>
      client.call("updateAssistanceEngagement", {
        params: { id: engagement.id },
        body: { baselineRunId: baseline, followUpRunId: followUp, outcomeConsent: consent },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(engagementKey(engagement.id), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKey });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const options = (runs.data ?? []).map((run) => ({
    value: run.id,
    label: `${run.title} · ${format.date(run.submittedAt ?? run.createdAt)}`,
  }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select
            label={t("assistance.engagement.baseline")}
            data={options}
            value={baseline}
            onChange={setBaseline}
            clearable
            error={errors.baselineRunId}
          />
          <Select
            label={t("assistance.engagement.followUp")}
            data={options}
            value={followUp}
            onChange={setFollowUp}
            clearable
            error={errors.followUpRunId}
          />
        </Group>
        <Checkbox
          label={t("assistance.engagement.consent")}
          checked={consent}
          onChange={(event) => setConsent(event.currentTarget.checked)}
        />
        <ProblemAlert error={save.error} fields={["body.baselineRunId", "body.followUpRunId"]} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("assistance.engagement.saveOutcome")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

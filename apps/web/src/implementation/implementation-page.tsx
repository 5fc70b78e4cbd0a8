// A state's implementation profile of resolution 2341, section by section: score and trend over the
// submitted runs, measures in place, open and overdue actions, engagements and exercises (each a
// link), the PDF, and, for the state's national authorities, who it is shared with. The server
// decides who reads it (404 for anyone else) and counts only what the reader may see.
import type { ImplementationProfile, ProfileSection } from "@bulwark/contracts";
import {
  Anchor,
  Badge,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { IconArrowDownRight, IconArrowUpRight, IconMinus, IconPoint } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client } from "../app/api.ts";
import { DownloadButton } from "../app/download-button.tsx";
import { useFormat } from "../app/format.ts";
import { PageHeader, PageSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { ScoreBadge } from "../self-assessment/self-assessment-parts.tsx";
import { otherActions } from "./profile-view.ts";
import { ShareCard } from "./share-card.tsx";

type Trend = ProfileSection["trend"];

const TREND_ICONS = {
  up: <IconArrowUpRight size={14} aria-hidden />,
  down: <IconArrowDownRight size={14} aria-hidden />,
  steady: <IconMinus size={14} aria-hidden />,
  new: <IconPoint size={14} aria-hidden />,
} as const;
const TREND_COLOURS = { up: "teal", down: "red", steady: "gray", new: "blue" } as const;

export function TrendBadge({ trend }: { trend: Trend }) {
  const { t } = useTranslation();
  return (
    <Badge color={TREND_COLOURS[trend]} variant="light" tt="none" leftSection={TREND_ICONS[trend]}>
      {t(`implementation.trend.${trend}`)}
    </Badge>
  );
}

/** The section's score in each run, oldest first, as a row of badges with its date read out. */
function History({ profile, section }: { profile: ImplementationProfile; section: ProfileSection }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (section.history.length === 0) return null;
  const dates = new Map(profile.runs.map((run) => [run.id, run.submittedAt]));
  return (
    <Group
      component="ul"
      gap={4}
      aria-label={t("implementation.history")}
      m={0}
      p={0}
      style={{ listStyle: "none" }}
    >
      {section.history.map((entry) => (
        <li key={entry.runId}>
          <VisuallyHidden>{format.date(dates.get(entry.runId) ?? profile.generatedAt)}: </VisuallyHidden>
          <ScoreBadge score={entry.score} size="sm" />
        </li>
      ))}
    </Group>
  );
}

function Actions({ items, empty }: { items: ProfileSection["actions"]["items"]; empty: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <List size="sm" spacing={4}>
      {items.map((action) => (
        <List.Item key={action.id}>
          <Anchor component={Link} to={`/events/${action.event.id}`} size="sm">
            {action.title}
          </Anchor>{" "}
          <Text span size="xs" c="dimmed">
            {t("implementation.due", { date: format.date(action.dueOn) })}
          </Text>{" "}
          {action.overdue && (
            <Badge color="red" variant="light" size="xs" tt="none">
              {t("implementation.overdue")}
            </Badge>
          )}
        </List.Item>
      ))}
    </List>
  );
}

function SectionCard({ profile, section }: { profile: ImplementationProfile; section: ProfileSection }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" p="lg" component="section" aria-labelledby={`section-${section.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={3} id={`section-${section.id}`}>
              {section.title}
            </Title>
            {section.reference && (
              <Text size="xs" c="dimmed">
                {section.reference}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            <ScoreBadge score={section.score} size="lg" />
            <TrendBadge trend={section.trend} />
          </Group>
        </Group>
        <History profile={profile} section={section} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap={4}>
            <Title order={4}>{t("implementation.measures")}</Title>
            {section.measures.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("implementation.noMeasures")}
              </Text>
            ) : (
              <List size="sm" spacing={4}>
                {section.measures.map((measure) => (
                  <List.Item key={measure.questionId}>{measure.text}</List.Item>
                ))}
              </List>
            )}
          </Stack>
          <Stack gap={4}>
            <Title order={4}>{t("implementation.actions")}</Title>
            <Actions items={section.actions.items} empty={t("implementation.noActions")} />
          </Stack>
          <Stack gap={4}>
            <Title order={4}>{t("implementation.engagements")}</Title>
            {section.engagements.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("implementation.noEngagements")}
              </Text>
            ) : (
              <List size="sm" spacing={4}>
                {section.engagements.map((engagement) => (
                  <List.Item key={engagement.id}>
                    <Anchor component={Link} to={`/assistance/engagements/${engagement.id}`} size="sm">
                      {engagement.title}
                    </Anchor>{" "}
                    <Text span size="xs" c="dimmed">
                      {engagement.provider} · {t(`implementation.engagementStatus.${engagement.status}`)}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
          <Stack gap={4}>
            <Title order={4}>{t("implementation.exercises")}</Title>
            {section.exercises.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("implementation.noExercises")}
              </Text>
            ) : (
              <List size="sm" spacing={4}>
                {section.exercises.map((exercise) => (
                  <List.Item key={exercise.id}>
                    <Anchor component={Link} to={`/exercises/${exercise.id}`} size="sm">
                      {exercise.title}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function Summary({ profile }: { profile: ImplementationProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const latest = profile.runs.at(-1);
  return (
    <Card withBorder radius="md" p="lg">
      <Stack gap="xs">
        <Group gap="sm">
          <Text fw={600}>{t("implementation.overall")}</Text>
          <ScoreBadge score={profile.overall.score} size="lg" />
          <TrendBadge trend={profile.overall.trend} />
        </Group>
        <Text size="sm">
          {latest
            ? `${t("implementation.runs", { n: profile.runs.length })} · ${t("implementation.latestRun", {
                title: latest.title,
                organisation: latest.organisation,
                date: format.date(latest.submittedAt),
              })}`
            : t("implementation.noRuns")}
        </Text>
        <Group gap="lg">
          <Text size="sm">{t("implementation.openActions", { n: profile.actions.open })}</Text>
          <Text size="sm" c={profile.actions.overdue > 0 ? "red.8" : undefined}>
            {t("implementation.overdueActions", { n: profile.actions.overdue })}
          </Text>
          <Text size="sm">{t("implementation.engagementsCount", { n: profile.engagements.length })}</Text>
          <Text size="sm">{t("implementation.exercisesCount", { n: profile.exercises.length })}</Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t("implementation.scopeNote")} {t("implementation.measuresHint")}
        </Text>
      </Stack>
    </Card>
  );
}

export function ImplementationPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const country = (useParams().country ?? "").toUpperCase();
  const profile = useQuery({
    queryKey: ["implementation", country],
    queryFn: () => client.call("getImplementationProfile", { params: { country } }),
    retry: false,
  });
  const title = t("implementation.title", { country: format.country(country) });
  if (profile.isPending) return <PageSkeleton />;
  if (profile.isError)
    return (
      <Stack gap="lg">
        <PageHeader title={title} />
        <ProblemAlert error={profile.error} />
      </Stack>
    );
  const data = profile.data;
  const others = otherActions(data);
  return (
    <Stack gap="lg">
      <PageHeader
        title={title}
        subtitle={t("implementation.subtitle")}
        actions={
          <DownloadButton
            href={client.url(`/api/implementation/${encodeURIComponent(country)}.pdf`)}
            testId="implementation-pdf"
          >
            {t("implementation.downloadPdf")}
          </DownloadButton>
        }
      />
      <Summary profile={data} />
      {data.abilities.asOwner ? (
        <ShareCard country={country} profile={data} />
      ) : (
        data.share && (
          <Group gap="xs">
            <TlpBadge marking={data.share.tlp} />
            <Text size="sm">
              {t("implementation.share.sharedBy", {
                organisation: data.share.organisation,
                date: format.date(data.share.sharedAt),
              })}
            </Text>
          </Group>
        )
      )}
      {data.sections.map((section) => (
        <SectionCard key={section.id} profile={data} section={section} />
      ))}
      {others.length > 0 && (
        <Card withBorder radius="md" p="lg" component="section" aria-labelledby="other-actions">
          <Stack gap="sm">
            <Title order={3} id="other-actions">
              {t("implementation.otherActions")}
            </Title>
            <Actions items={others} empty={t("implementation.noActions")} />
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

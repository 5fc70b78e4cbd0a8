// Home: what needs the signed-in person now, section by section (each entry a link that opens
// it), the key figures of their organisation, and a new organisation's first steps. The server
// decides which sections the person's roles give them (GET /api/home).

import type { Home, HomeEntry, HomeSection } from "@bulwark/contracts";
import type { TlpMarking } from "@bulwark/core";
import { TLP_MARKINGS } from "@bulwark/core";
import {
  Anchor,
  Badge,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import {
  IconAlertTriangle,
  IconBuildingFactory2,
  IconChecklist,
  IconCircle,
  IconCircleCheck,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";

const isMarking = (tag: string | null): tag is TlpMarking => TLP_MARKINGS.some((marking) => marking === tag);
/** A calendar day at noon UTC, so that no time zone moves it to the day before. */
const noon = (day: string) => `${day}T12:00:00Z`;

function Figure({
  label,
  value,
  to,
  icon,
  words = false,
}: {
  label: string;
  value: string;
  to: string;
  icon: ReactNode;
  /** The value is words (nothing to count yet), not a number. */
  words?: boolean;
}) {
  return (
    <Paper
      component={Link}
      to={to}
      withBorder
      p="md"
      radius="md"
      style={{ textDecoration: "none", color: "inherit" }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} miw={0}>
          <Text size="sm" c="gray.7">
            {label}
          </Text>
          <Text fz={words ? "lg" : 28} fw={700} lh={1.1}>
            {value}
          </Text>
        </Stack>
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
      </Group>
    </Paper>
  );
}

/** `report`: the entry's due time is that of an incident's next report under its regime. */
function Entry({ entry, report }: { entry: HomeEntry; report: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = entry.dueAt
    ? t(
        report
          ? entry.overdue
            ? "home.reportOverdue"
            : "home.reportDue"
          : entry.overdue
            ? "home.overdueSince"
            : "home.due",
        { date: format.dateTime(entry.dueAt) },
      )
    : entry.dueOn
      ? entry.overdue
        ? t("home.overdueSince", { date: format.date(noon(entry.dueOn)) })
        : t("home.due", { date: format.date(noon(entry.dueOn)) })
      : entry.at
        ? format.date(entry.at)
        : null;
  return (
    <li style={{ listStyle: "none" }}>
      <Stack gap={2}>
        <Anchor component={Link} to={entry.link} fw={500} style={{ overflowWrap: "anywhere" }}>
          {entry.title}
        </Anchor>
        <Group gap="xs" wrap="wrap">
          {isMarking(entry.tag) && <TlpBadge marking={entry.tag} size="xs" />}
          {entry.tag && !isMarking(entry.tag) && (
            <Text size="xs" c="gray.7">
              {format.country(entry.tag)}
            </Text>
          )}
          {entry.context && (
            <Text size="xs" c="gray.7" style={{ overflowWrap: "anywhere" }}>
              {entry.context}
            </Text>
          )}
          {when && (
            <Text size="xs" c={entry.overdue ? "red.9" : "gray.7"} fw={entry.overdue ? 600 : undefined}>
              {when}
            </Text>
          )}
        </Group>
      </Stack>
    </li>
  );
}

function Section({ section }: { section: HomeSection }) {
  const { t } = useTranslation();
  const headingId = `home-${section.id}`;
  const urgent =
    section.total > 0 &&
    (section.id === "actions-overdue" || section.entries.some((entry) => entry.dueAt && entry.overdue));
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={headingId}
      data-section={section.id}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Title order={3} size="h5" id={headingId}>
          {t(`home.sections.${section.id}.title`)}
        </Title>
        <Badge
          variant={section.total > 0 ? "filled" : "light"}
          color={urgent ? "red" : undefined}
          tt="none"
          style={{ flexShrink: 0 }}
        >
          {t("home.waiting", { count: section.total })}
        </Badge>
      </Group>
      {section.entries.length === 0 ? (
        <Stack gap={4}>
          <Text size="sm" c="gray.7">
            {t(`home.sections.${section.id}.empty`)}
          </Text>
          <Anchor component={Link} to={section.link} size="sm">
            {t(`home.sections.${section.id}.action`)}
          </Anchor>
        </Stack>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0}>
          {section.entries.map((entry) => (
            <Entry key={entry.id} entry={entry} report={section.id === "incidents"} />
          ))}
        </Stack>
      )}
      {section.total > section.entries.length && (
        <Anchor component={Link} to={section.link} size="sm" mt="sm" display="inline-block">
          {t("home.seeAll", { count: section.total })}
        </Anchor>
      )}
    </Paper>
  );
}

function GettingStarted({ steps }: { steps: NonNullable<Home["gettingStarted"]> }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="home-getting-started"
      bg="var(--mantine-color-bulwark-0)"
    >
      <Title order={3} size="h5" id="home-getting-started">
        {t("home.gettingStarted")}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t("home.gettingStartedIntro")}
      </Text>
      <Stack component="ul" gap="xs" m={0} p={0}>
        {steps.map((step) => (
          <li key={step.id} style={{ listStyle: "none" }} data-step={step.id} data-done={step.done}>
            <Group gap="xs" wrap="nowrap">
              {step.done ? (
                <IconCircleCheck size={20} color="var(--mantine-color-green-9)" aria-hidden />
              ) : (
                <IconCircle size={20} aria-hidden />
              )}
              <Anchor component={Link} to={step.link} td={step.done ? "line-through" : undefined}>
                {t(`home.steps.${step.id}`)}
              </Anchor>
              <Text size="xs" c="gray.8">
                {step.done ? t("home.done") : t("home.toDo")}
              </Text>
            </Group>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const format = useFormat();
  const home = useQuery({ queryKey: ["home"], queryFn: () => client.call("getHome", {}) });
  const data = home.data;

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={6}>
        <Title order={2}>{t("overview.welcome", { name: me.name })}</Title>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{me.organisation.name}</Text>
          <Badge variant="light" tt="none">
            {labels.kind(me.organisation.kind)}
          </Badge>
          {me.roles.map((role) => (
            <Badge key={role} variant="outline" tt="none">
              {labels.role(role)}
            </Badge>
          ))}
        </Group>
      </Stack>
      {home.isError && <ProblemAlert error={home.error} />}
      {!data && !home.isError && (
        <Stack gap="md">
          <Skeleton height={90} />
          <Skeleton height={220} />
        </Stack>
      )}
      {data && (
        <>
          {data.gettingStarted && <GettingStarted steps={data.gettingStarted} />}
          <section aria-labelledby="home-needs-you">
            <Title order={2} size="h4" id="home-needs-you" mb="sm">
              {t("home.needsYou")}
            </Title>
            {data.sections.length === 0 ? (
              <Paper withBorder p="md" radius="md">
                <Text size="sm">{t("home.nothingToDo")}</Text>
                <Anchor component={Link} to="/audit" size="sm">
                  {t("home.openAudit")}
                </Anchor>
              </Paper>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {data.sections.map((section) => (
                  <Section key={section.id} section={section} />
                ))}
              </SimpleGrid>
            )}
          </section>
          <section aria-labelledby="home-figures">
            <Title order={2} size="h4" id="home-figures" mb="sm">
              {t("home.figuresTitle", { name: data.organisation.name })}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Figure
                label={t("home.assets")}
                value={format.number(data.figures.assets)}
                to="/assets"
                icon={<IconBuildingFactory2 size={20} />}
              />
              <Figure
                label={t("home.risksAboveAppetite")}
                value={format.number(data.figures.risksAboveAppetite)}
                to="/risk"
                icon={<IconAlertTriangle size={20} />}
              />
              <Figure
                label={t("home.selfAssessmentScore")}
                value={
                  data.figures.selfAssessment
                    ? format.percent(data.figures.selfAssessment.score)
                    : t("home.noSelfAssessment")
                }
                to={
                  data.figures.selfAssessment
                    ? `/self-assessment/runs/${data.figures.selfAssessment.runId}/results`
                    : "/self-assessment"
                }
                icon={<IconChecklist size={20} />}
                words={!data.figures.selfAssessment}
              />
            </SimpleGrid>
          </section>
        </>
      )}
    </Stack>
  );
}

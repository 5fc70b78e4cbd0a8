// Building blocks of the technical assistance pages: query keys, what the signed-in person may
// start (core's rule, the same one the server applies), labels, status badges, a match's reasons
// and the change between two self-assessment runs.
import type { AssistanceMatches, Engagement } from "@bulwark/contracts";
import {
  ASSISTANCE_MODALITIES,
  type EngagementStatus,
  LANGUAGES,
  NEED_URGENCIES,
  type NeedStatus,
  type NeedUrgency,
  REGIONS,
  THEMES,
} from "@bulwark/core";
import {
  Anchor,
  Badge,
  Card,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconArrowDownRight, IconArrowUpRight, IconCheck, IconX } from "@tabler/icons-react";
import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { useCompendiumLabels } from "../compendium/compendium-vocabulary.ts";

export { useAssistanceAbilities } from "./abilities.ts";

export const assistanceKey = ["assistance"] as const;
export const needKey = (id: string) => ["assistance", "need", id] as const;
export const engagementKey = (id: string) => ["assistance", "engagement", id] as const;

/** Labels and options of the assistance vocabularies, in the reader's language. */
export function useAssistanceLabels() {
  const { t } = useTranslation();
  const compendium = useCompendiumLabels();
  return useMemo(
    () => ({
      theme: compendium.theme,
      region: compendium.region,
      language: compendium.language,
      sector: (id: string) => compendium.value("sector", id),
      themeOptions: compendium.themeOptions,
      regionOptions: compendium.regionOptions,
      sectorOptions: compendium.sectorOptions,
      languageOptions: LANGUAGES.map((code) => ({ value: code, label: compendium.language(code) })),
      modalityOptions: ASSISTANCE_MODALITIES.map((value) => ({
        value,
        label: t(`assistance.modalities.${value}`),
      })),
      urgencyOptions: NEED_URGENCIES.map((value) => ({ value, label: t(`assistance.urgencies.${value}`) })),
    }),
    [t, compendium],
  );
}

/** The sections of the resolution 2341 framework, by id, with their titles. */
export function useResolutionSections() {
  const framework = useQuery({
    queryKey: ["self-assessment", "framework", "unsc-2341", 1],
    queryFn: () => client.call("getFramework", { params: { id: "unsc-2341", version: 1 } }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return useMemo(
    () => new Map((framework.data?.sections ?? []).map((section) => [section.id, section.title])),
    [framework.data],
  );
}

const NEED_COLOURS: Record<NeedStatus, string> = { open: "blue", engaged: "teal", closed: "gray" };
const URGENCY_COLOURS: Record<NeedUrgency, string> = { low: "gray", medium: "yellow", high: "red" };
export const ENGAGEMENT_COLOURS: Record<EngagementStatus, string> = {
  proposed: "blue",
  active: "teal",
  completed: "green",
  declined: "gray",
  withdrawn: "gray",
};

export function NeedStatusBadge({ status }: { status: NeedStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={NEED_COLOURS[status]} variant="light">
      {t(`assistance.needStatuses.${status}`)}
    </Badge>
  );
}

export function UrgencyBadge({ urgency }: { urgency: NeedUrgency }) {
  const { t } = useTranslation();
  return (
    <Badge color={URGENCY_COLOURS[urgency]} variant="outline">
      {t(`assistance.urgencies.${urgency}`)}
    </Badge>
  );
}

export function EngagementStatusBadge({ status }: { status: EngagementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ENGAGEMENT_COLOURS[status]} variant="light" data-status={status}>
      {t(`assistance.engagementStatuses.${status}`)}
    </Badge>
  );
}

type Match = AssistanceMatches["items"][number];

/**
 * The matches of a need (its offers) or of an offer (its needs), best first: each a card with the
 * other side's title and link, whose it is, the score and the reasons.
 */
export function AssistanceMatchList({
  of,
  matches,
}: {
  /** Whose matches these are: a need's list offers, an offer's list needs. */
  of: "need" | "offer";
  matches: UseQueryResult<AssistanceMatches>;
}) {
  const { t } = useTranslation();
  const items = matches.data?.items ?? [];
  const heading = `${of}-matches`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={heading}>
      <Title order={3} id={heading}>
        {t(`assistance.${of}.matches`)}
      </Title>
      <Text size="sm" c="dimmed">
        {t(`assistance.${of}.matchesHelp`)}
      </Text>
      <ProblemAlert error={matches.error} />
      {matches.isPending && <Skeleton height={80} />}
      {!matches.isPending && items.length === 0 && !matches.isError && (
        <EmptyState>{t(`assistance.${of}.noMatches`)}</EmptyState>
      )}
      {items.map((match) => {
        const other = of === "need" ? match.offer : match.need;
        return (
          <Card
            key={other.id}
            withBorder
            radius="md"
            padding="sm"
            component="article"
            data-match={other.id}
            aria-label={other.title}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" mb={6}>
              <Stack gap={2}>
                <Anchor
                  component={Link}
                  to={`/assistance/${of === "need" ? "offers" : "needs"}/${other.id}`}
                  fw={600}
                  size="sm"
                >
                  {other.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {of === "need"
                    ? t("assistance.offeredBy", { organisation: other.organisation.name })
                    : t("assistance.needOf", { organisation: other.organisation.name })}
                </Text>
              </Stack>
              <Badge size="lg" variant="filled" color={match.score >= 70 ? "teal" : "blue"} tt="none">
                {t("assistance.need.score", { score: match.score })}
              </Badge>
            </Group>
            <MatchReasons match={match} />
          </Card>
        );
      })}
    </Stack>
  );
}

/** A match's reasons: each criterion, met or not, with its points and what met it. */
export function MatchReasons({ match }: { match: Match }) {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  const value = (criterion: string, raw: string) => {
    if (criterion === "theme" && isOneOf(THEMES, raw)) return labels.theme(raw);
    if (criterion === "region" && isOneOf(REGIONS, raw)) return labels.region(raw);
    if (criterion === "language") return labels.language(raw);
    if (criterion === "modality" && isOneOf(ASSISTANCE_MODALITIES, raw))
      return t(`assistance.modalities.${raw}`);
    return raw;
  };
  return (
    <Group gap={6} wrap="wrap" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {match.reasons.map((reason) => (
        <li key={reason.criterion} data-criterion={reason.criterion} data-met={reason.met}>
          <Tooltip label={reason.met ? t("assistance.reasons.met") : t("assistance.reasons.notMet")}>
            <Badge
              color={reason.met ? "teal" : "gray"}
              variant={reason.met ? "light" : "outline"}
              tt="none"
              leftSection={reason.met ? <IconCheck size={12} /> : <IconX size={12} />}
            >
              {t(`assistance.criteria.${reason.criterion}`)}
              {reason.values.length > 0
                ? `: ${reason.values.map((raw) => value(reason.criterion, raw)).join(", ")}`
                : ""}{" "}
              (+{reason.points})
            </Badge>
          </Tooltip>
        </li>
      ))}
    </Group>
  );
}

function Delta({ delta }: { delta: number | null }) {
  if (delta === null) return <Text size="sm">—</Text>;
  const points = Math.round(delta * 100);
  const colour = points > 0 ? "teal" : points < 0 ? "red" : "gray";
  return (
    <Badge
      color={colour}
      variant="light"
      leftSection={
        points > 0 ? <IconArrowUpRight size={12} /> : points < 0 ? <IconArrowDownRight size={12} /> : null
      }
    >
      {points > 0 ? "+" : ""}
      {points}
    </Badge>
  );
}

/** The two runs compared section by section, the overall score last. */
export function OutcomeTable({ outcome }: { outcome: NonNullable<Engagement["outcome"]> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titles = useResolutionSections();
  return (
    <Paper withBorder radius="md" p="md">
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing={4} aria-label={t("assistance.engagement.outcome")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("assistance.engagement.section")}</Table.Th>
              <Table.Th>{t("assistance.engagement.before")}</Table.Th>
              <Table.Th>{t("assistance.engagement.after")}</Table.Th>
              <Table.Th>{t("assistance.engagement.change")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...outcome.sections, outcome.overall].map((change) => (
              <Table.Tr key={change.sectionId} data-section={change.sectionId}>
                <Table.Td fz="sm" fw={change.sectionId === "overall" ? 700 : undefined}>
                  {change.sectionId === "overall"
                    ? t("assistance.engagement.overall")
                    : (titles.get(change.sectionId) ?? change.sectionId)}
                </Table.Td>
                <Table.Td fz="sm">{format.percent(change.before)}</Table.Td>
                <Table.Td fz="sm">{format.percent(change.after)}</Table.Td>
                <Table.Td>
                  <Delta delta={change.delta} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** A labelled fact of a need, an offer or an engagement. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

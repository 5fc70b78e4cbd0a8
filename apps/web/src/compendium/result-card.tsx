// One search result: what it is, its marking, who published it when, and where the words searched
// for appear. In the reader's language when Bulwark translated the entry, marked as such, with
// the original title beside it.
import type { EntrySummary } from "@bulwark/contracts";
import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { useCompendiumLabels } from "./compendium-vocabulary.ts";
import { Snippet, TypeBadge } from "./entry-parts.tsx";

export function ResultCard({ entry }: { entry: EntrySummary }) {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  const { translation } = entry;
  const location = useLocation();
  const byline = [entry.publisher, entry.year].filter((part) => part !== null).join(" · ");
  const tags = [
    ...entry.phases.map((phase) => labels.phase(phase)),
    ...entry.sectors.slice(0, 3).map((sector) => labels.value("sector", sector)),
  ];
  return (
    <Paper component="article" withBorder radius="md" p="md" aria-labelledby={`result-${entry.id}`}>
      <Stack gap={6}>
        <Group gap={6}>
          <TypeBadge type={entry.type} />
          <TlpBadge marking={entry.marking} />
          {byline && (
            <Text size="xs" c="dimmed" ms={4}>
              {byline}
            </Text>
          )}
          {translation && (
            <Badge size="sm" variant="light" color="gray" tt="none">
              {t("compendium.entry.translatedBy")}
            </Badge>
          )}
          {translation?.stale && (
            <Badge
              size="sm"
              variant="light"
              color="orange"
              tt="none"
              title={t("compendium.entry.translationStale")}
              data-testid="translation-stale"
            >
              {t("compendium.entry.translationStaleBadge")}
            </Badge>
          )}
        </Group>
        <Anchor
          id={`result-${entry.id}`}
          component={Link}
          to={`/compendium/${entry.slug}`}
          state={{ search: location.search }}
          fw={650}
          size="lg"
          lh={1.3}
          c="bulwark.9"
        >
          <bdi>{translation?.title ?? entry.title}</bdi>
        </Anchor>
        {translation && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {t("compendium.entry.originalTitle", { title: entry.title })}
          </Text>
        )}
        <Text size="sm" lh={1.55} lineClamp={4} dir="auto">
          {entry.snippet.length > 0 ? (
            <Snippet parts={entry.snippet} />
          ) : (
            (translation?.summary ?? entry.summary)
          )}
        </Text>
        {tags.length > 0 && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {tags.join(" · ")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

// One search result: what it is, its marking, who published it when, and where the words searched
// for appear.
import type { EntrySummary } from "@bulwark/contracts";
import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import { Link, useLocation } from "react-router";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { useCompendiumLabels } from "./compendium-vocabulary.ts";
import { Snippet, TypeBadge } from "./entry-parts.tsx";

export function ResultCard({ entry }: { entry: EntrySummary }) {
  const labels = useCompendiumLabels();
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
          <bdi>{entry.title}</bdi>
        </Anchor>
        <Text size="sm" lh={1.55} lineClamp={4} dir="auto">
          {entry.snippet.length > 0 ? <Snippet parts={entry.snippet} /> : entry.summary}
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

// The facets beside the results: for each tag, its values with how many entries match (counting
// the other filters but not this tag's own, so ticking a second value widens the search).
import { type CompendiumResults, FACETS, type Facet } from "@bulwark/contracts";
import { Anchor, Checkbox, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../app/format.ts";
import { useCompendiumLabels } from "./compendium-vocabulary.ts";

const SHOWN = 6;

export function FacetPanels({
  facets,
  selected,
  onToggle,
}: {
  facets: CompendiumResults["facets"] | undefined;
  selected: Record<Facet, string[]>;
  onToggle: (facet: Facet, value: string) => void;
}) {
  return (
    <Stack gap="lg">
      {FACETS.map((facet) => (
        <FacetPanel
          key={facet}
          facet={facet}
          counts={facets?.[facet] ?? []}
          selected={selected[facet]}
          onToggle={(value) => onToggle(facet, value)}
        />
      ))}
    </Stack>
  );
}

function FacetPanel({
  facet,
  counts,
  selected,
  onToggle,
}: {
  facet: Facet;
  counts: { value: string; count: number }[];
  selected: string[];
  onToggle: (value: string) => void;
}) {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  const format = useFormat();
  const [expanded, setExpanded] = useState(false);
  // Chosen values stay in view even when the other filters leave none of them.
  const missing = selected
    .filter((value) => !counts.some((count) => count.value === value))
    .map((value) => ({ value, count: 0 }));
  const all = [...counts, ...missing];
  if (all.length === 0) return null;
  const visible = expanded
    ? all
    : [...all.slice(0, SHOWN), ...all.slice(SHOWN).filter((count) => selected.includes(count.value))];
  const hidden = all.length - visible.length;
  const title = t(`compendium.facets.${facet}`);

  return (
    <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Text component="legend" size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
        {title}
      </Text>
      {visible.map(({ value, count }) => (
        <Checkbox
          key={value}
          size="xs"
          radius="sm"
          checked={selected.includes(value)}
          onChange={() => onToggle(value)}
          styles={{ body: { alignItems: "center" }, labelWrapper: { flex: 1 } }}
          label={
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" lh={1.3}>
                {labels.value(facet, value)}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {format.number(count)}
              </Text>
            </Group>
          }
        />
      ))}
      {(hidden > 0 || expanded) && all.length > SHOWN && (
        <Anchor component="button" type="button" size="xs" ta="start" onClick={() => setExpanded(!expanded)}>
          {expanded ? t("compendium.showLess") : t("compendium.showMore", { count: hidden })}
        </Anchor>
      )}
    </Stack>
  );
}

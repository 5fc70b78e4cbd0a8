// A small legend laid over a corner of the map: a dot (or a line) per meaning, with a count.
import { Box, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconChevronDown, IconChevronUp } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

export interface LegendEntry {
  key: string;
  label: string;
  colour: string;
  ring?: string;
  line?: boolean;
  count?: string;
}

function Swatch({ colour, ring, line }: Pick<LegendEntry, "colour" | "ring" | "line">) {
  if (line) return <Box w={16} h={2} bg={colour} style={{ flex: "none", borderRadius: 1 }} />;
  return (
    <Box
      w={12}
      h={12}
      bg={colour}
      style={{ flex: "none", borderRadius: "50%", border: `2px solid ${ring ?? "#ffffff"}` }}
    />
  );
}

export function MapLegend({
  entries,
  children,
  maxHeight = 260,
}: {
  entries: readonly LegendEntry[];
  children?: ReactNode;
  maxHeight?: number;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery("(max-width: 36em)", false, { getInitialValueInEffect: false });
  const [folded, setFolded] = useState<boolean | null>(null);
  const hidden = folded ?? phone === true;
  return (
    <Paper
      shadow="sm"
      p="xs"
      withBorder
      pos="absolute"
      top={10}
      maw={260}
      mah={maxHeight}
      // At the start of the line: the left in English, the right in Arabic (the zoom buttons take the other corner).
      style={{ insetInlineStart: 10, overflowY: "auto", zIndex: 2, background: "rgba(255, 255, 255, 0.94)" }}
      aria-label={t("assets.map.legend")}
      role="group"
    >
      <Button
        variant="subtle"
        size="compact-xs"
        color="gray"
        onClick={() => setFolded(!hidden)}
        aria-expanded={!hidden}
        rightSection={hidden ? <IconChevronDown size={14} /> : <IconChevronUp size={14} />}
        mb={hidden ? 0 : 4}
      >
        {hidden ? t("assets.map.showLegend") : t("assets.map.hideLegend")}
      </Button>
      {!hidden && (
        <Stack gap={4}>
          {children}
          {entries.map((entry) => (
            <Group key={entry.key} gap={8} wrap="nowrap" justify="space-between">
              <Group gap={8} wrap="nowrap">
                <Swatch colour={entry.colour} ring={entry.ring} line={entry.line} />
                <Text size="xs" lh={1.3}>
                  {entry.label}
                </Text>
              </Group>
              {entry.count !== undefined && (
                <Text size="xs" c="dimmed" ff="monospace">
                  {entry.count}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

// Rate on a 1-5 scale of the methodology: each level with its label and what it means, so the
// assessor reads the definition while choosing.
import type { Methodology } from "@bulwark/contracts";
import { Badge, Group, Radio, Stack, Text } from "@mantine/core";

type Scale = Methodology["scales"]["likelihood"];

export function LevelPicker({
  scale,
  value,
  onChange,
  proposed,
  proposedLabel,
  error,
}: {
  scale: Scale;
  /** null: not rated yet (no level chosen). */
  value: number | null;
  onChange: (level: number) => void;
  /** A level suggested by the engine (consequence). */
  proposed?: number | undefined;
  proposedLabel?: string;
  error?: string | undefined;
}) {
  return (
    <Radio.Group
      label={scale.label}
      description={scale.description}
      value={value === null ? null : String(value)}
      required
      error={error}
      onChange={(level) => onChange(Number(level))}
    >
      <Stack gap={6} mt="xs">
        {scale.levels.map((level) => (
          <Radio.Card
            key={level.level}
            value={String(level.level)}
            p="xs"
            radius="md"
            withBorder
            aria-label={`${level.level} – ${level.label}`}
          >
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator mt={2} />
              <Stack gap={0}>
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {level.level} – {level.label}
                  </Text>
                  {proposed === level.level && proposedLabel && (
                    <Badge size="xs" variant="light" color="blue">
                      {proposedLabel}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {level.description}
                </Text>
              </Stack>
            </Group>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}

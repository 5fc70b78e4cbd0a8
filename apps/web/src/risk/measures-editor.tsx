// Edit an assessment's protective measures: kind, status, compendium entry, owner, due date and
// the levels each removes from likelihood, vulnerability and consequence.
import type { MeasureInput } from "@bulwark/contracts";
import { ActionIcon, Button, Grid, NumberInput, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { CompendiumEntrySelect } from "./compendium-entry-select.tsx";

export type MeasureDraft = Required<MeasureInput> & { key: string };

let counter = 0;
export const newMeasure = (): MeasureDraft => ({
  key: `m${++counter}`,
  title: "",
  kind: "planned",
  status: "planned",
  compendiumSlug: null,
  owner: "",
  dueDate: null,
  effect: { likelihood: 0, vulnerability: 0, consequence: 0 },
});

const DIMENSIONS = ["likelihood", "vulnerability", "consequence"] as const;

export function MeasuresEditor({
  value,
  onChange,
}: {
  value: MeasureDraft[];
  onChange: (value: MeasureDraft[]) => void;
}) {
  const { t } = useTranslation();
  const update = (key: string, change: Partial<MeasureDraft>) =>
    onChange(value.map((measure) => (measure.key === key ? { ...measure, ...change } : measure)));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("risk.form.measuresHint")}
      </Text>
      {value.map((measure, index) => (
        <Paper key={measure.key} withBorder p="sm" radius="md" data-testid="measure">
          <Grid gutter="xs" align="flex-end">
            <Grid.Col span={{ base: 12, sm: 11 }}>
              <TextInput
                label={`${t("risk.form.measureTitle")} ${index + 1}`}
                value={measure.title}
                onChange={(event) => update(measure.key, { title: event.currentTarget.value })}
                required
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 1 }}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t("risk.form.removeMeasure")}
                onClick={() => onChange(value.filter((item) => item.key !== measure.key))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <Select
                label={t("risk.form.kind")}
                data={(["existing", "planned"] as const).map((kind) => ({
                  value: kind,
                  label: t(`risk.kinds.${kind}`),
                }))}
                value={measure.kind}
                onChange={(kind) =>
                  kind && update(measure.key, { kind: kind === "existing" ? "existing" : "planned" })
                }
                allowDeselect={false}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <Select
                label={t("risk.form.status")}
                data={(["planned", "in-progress", "done", "cancelled"] as const).map((status) => ({
                  value: status,
                  label: t(`risk.statuses.${status}`),
                }))}
                value={measure.status}
                onChange={(status) => {
                  if (
                    status === "planned" ||
                    status === "in-progress" ||
                    status === "done" ||
                    status === "cancelled"
                  )
                    update(measure.key, { status });
                }}
                allowDeselect={false}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput
                label={t("risk.form.owner")}
                value={measure.owner}
                onChange={(event) => update(measure.key, { owner: event.currentTarget.value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput
                type="date"
                label={t("risk.form.dueDate")}
                value={measure.dueDate ?? ""}
                onChange={(event) => update(measure.key, { dueDate: event.currentTarget.value || null })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <CompendiumEntrySelect
                label={t("risk.form.compendiumSlug")}
                value={measure.compendiumSlug}
                onChange={(slug) => update(measure.key, { compendiumSlug: slug })}
              />
            </Grid.Col>
            {DIMENSIONS.map((dimension) => (
              <Grid.Col key={dimension} span={{ base: 4, sm: 2 }}>
                <NumberInput
                  label={t("pattern.labelValue", {
                    label: t("risk.form.effect"),
                    value: t(`risk.dimensions.${dimension}`),
                  })}
                  min={0}
                  max={4}
                  value={measure.effect[dimension]}
                  onChange={(level) =>
                    update(measure.key, { effect: { ...measure.effect, [dimension]: Number(level) || 0 } })
                  }
                />
              </Grid.Col>
            ))}
          </Grid>
        </Paper>
      ))}
      <Button
        variant="light"
        leftSection={<IconPlus size={16} />}
        onClick={() => onChange([...value, newMeasure()])}
        w="fit-content"
      >
        {t("risk.form.addMeasure")}
      </Button>
    </Stack>
  );
}

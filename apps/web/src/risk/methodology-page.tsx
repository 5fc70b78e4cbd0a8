// /risk/methodology: the organisation's risk methodology as it is applied: scales with their level
// descriptions, formula, matrix with the appetite line, bands and what each asks for, and the
// thresholds that turn a cascade into a consequence level. Its administrators replace it (JSON,
// checked by the server against the same schema as the shipped default).
import type { Methodology } from "@bulwark/contracts";
import { Badge, Button, Grid, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { IconEdit } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { ContentTranslationNote } from "../app/content-translation-note.tsx";
import { useFormat } from "../app/format.ts";
import { PageHeader, PageSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { RiskMatrix } from "./risk-matrix.tsx";
import { BandBadge } from "./risk-parts.tsx";

const DIMENSIONS = ["likelihood", "vulnerability", "consequence"] as const;

function Editor({ methodology, onClose }: { methodology: Methodology; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(JSON.stringify(methodology, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: Methodology) => client.call("setRiskMethodology", { body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["risk"] });
      onClose();
    },
  });
  const submit = () => {
    try {
      setParseError(null);
      save.mutate(JSON.parse(text));
    } catch (error) {
      setParseError(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("risk.methodology.editHint")}
      </Text>
      <Textarea
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autosize
        minRows={18}
        maxRows={30}
        ff="monospace"
        aria-label={t("risk.methodology.title")}
      />
      {parseError && (
        <Text c="red" size="sm" role="alert">
          {parseError}
        </Text>
      )}
      <ProblemAlert error={save.error} />
      <Group justify="flex-end">
        <Button onClick={submit} loading={save.isPending}>
          {t("risk.methodology.save")}
        </Button>
      </Group>
    </Stack>
  );
}

export function MethodologyPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const view = useQuery({
    queryKey: ["risk", "methodology"],
    queryFn: () => client.call("getRiskMethodology"),
  });
  if (view.error) return <ProblemAlert error={view.error} />;
  if (!view.data) return <PageSkeleton />;
  const { methodology, source, canChange } = view.data;
  const rule = methodology.consequence;
  const appetite = methodology.bands.find((band) => band.id === methodology.appetite.band);
  return (
    <>
      <PageHeader
        title={t("risk.methodology.title")}
        subtitle={methodology.name}
        actions={
          canChange && (
            <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
              {t("risk.methodology.edit")}
            </Button>
          )
        }
      />
      <Modal opened={editing} onClose={() => setEditing(false)} title={t("risk.methodology.edit")} size="xl">
        <Editor methodology={methodology} onClose={() => setEditing(false)} />
      </Modal>
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Group gap="xs" mb="xs">
            <Badge variant="light" tt="none">
              {source === "default" ? t("risk.methodology.default") : t("risk.methodology.own")}
            </Badge>
          </Group>
          <ContentTranslationNote shown={source === "default"} />
          <Text size="sm">{methodology.basis}</Text>
          <Text size="sm" fw={600} mt="xs">
            {methodology.formula.description}
          </Text>
        </Paper>
        <Grid gutter="md">
          {DIMENSIONS.map((dimension) => {
            const scale = methodology.scales[dimension];
            return (
              <Grid.Col key={dimension} span={{ base: 12, md: 4 }}>
                <Paper withBorder p="md" radius="md" h="100%">
                  <Title order={5}>{scale.label}</Title>
                  <Text size="xs" c="dimmed" mb="xs">
                    {scale.description}
                  </Text>
                  <Stack gap={6}>
                    {scale.levels.map((level) => (
                      <div key={level.level}>
                        <Text size="sm" fw={600}>
                          {level.level} – {level.label}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {level.description}
                        </Text>
                      </div>
                    ))}
                  </Stack>
                </Paper>
              </Grid.Col>
            );
          })}
        </Grid>
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="md" radius="md">
              <Title order={5} mb="xs">
                {t("risk.matrix.label")}
              </Title>
              <RiskMatrix methodology={methodology} title={t("risk.matrix.label")} />
              <Text size="sm" mt="sm">
                {t("risk.methodology.appetite", { band: appetite?.label ?? methodology.appetite.band })}{" "}
                {methodology.appetite.description}
              </Text>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <Paper withBorder p="md" radius="md">
                <Title order={5} mb="xs">
                  {t("risk.methodology.bands")}
                </Title>
                <Stack gap={6}>
                  {methodology.bands.map((band) => (
                    <Group key={band.id} gap="sm" wrap="nowrap" align="flex-start">
                      <BandBadge band={band} />
                      <Text size="sm">{band.action}</Text>
                    </Group>
                  ))}
                </Stack>
              </Paper>
              <Paper withBorder p="md" radius="md">
                <Title order={5}>{t("risk.methodology.thresholds")}</Title>
                <Text size="xs" c="dimmed" mb="xs">
                  {rule.description}
                </Text>
                <Table.ScrollContainer minWidth={420}>
                  <Table verticalSpacing={4} data-testid="consequence-thresholds">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th />
                        {[2, 3, 4, 5].map((level) => (
                          <Table.Th key={level}>
                            {level} – {methodology.scales.consequence.levels[level - 1]?.label}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {(["assetsLost", "population", "sectorsHit"] as const).map((figure) => (
                        <Table.Tr key={figure}>
                          <Table.Td>{t(`risk.form.${figure}`)}</Table.Td>
                          {[2, 3, 4, 5].map((level) => (
                            <Table.Td key={level}>≥ {format.number(rule[figure][level - 2] ?? 0)}</Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Text size="xs" c="dimmed" mt="xs">
                  {rule.speed.description} ({t("risk.form.slow", { hours: rule.speed.hours })})
                </Text>
              </Paper>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
